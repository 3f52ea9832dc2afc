package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One duration grammar for every option, so that the same text means the same time in every command. */
class CliDurationTest {
  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({"60, 60000", "500ms, 500", "30s, 30000", "15m, 900000", "2min, 120000", "1h, 3600000", "1d, 86400000",
      "' 10 s ', 10000", "0, 0"})
  void durationsInEveryUnit(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), CliDuration.parse(text).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "1w", "-5s", "1.5s", "10 weeks", "9999999999999s", "1000000000d"})
  void whatIsNotADurationIsRefused(String text) {
    assertTrue(CliDuration.parse(text).isEmpty(), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"60", "60s", "1min"})
  void aStatementTimeoutReadsAsEveryOtherDuration(String text) {
    ConnectionOptions options = new ConnectionOptions();
    options.statementTimeout = text;
    assertEquals(60_000, options.statementTimeoutMillis());
  }
}
