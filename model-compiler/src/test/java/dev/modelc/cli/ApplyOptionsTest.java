package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code modelc apply}'s options that cannot go together, or take no such value, are usage errors
 * (exit 2) that name the option, before any plan is read or any database is reached.
 */
class ApplyOptionsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--dry-run;--status | --dry-run, --status and --abandon exclude each other",
      "--status;--abandon;gone | --dry-run, --status and --abandon exclude each other",
      "--until;later | --until takes 'deploy' (the only point a plan stops at), not 'later'",
      "--until;deploy;--deployed | --until deploy stops before the deploy is confirmed; --deployed confirms it: give one",
      "--rebaseline;--dry-run | --rebaseline goes with a plain apply (it starts the usage evidence again)",
      "--rebaseline;--until;deploy | --rebaseline goes with a plain apply (it starts the usage evidence again)",
      "'--abandon;  ' | --abandon needs a reason, for the journal",
      "--build-attempts;0 | --build-attempts must be at least 1 and --lock-retries between 0 and 100",
      "--lock-retries;101 | --build-attempts must be at least 1 and --lock-retries between 0 and 100",
      "--progress;fancy | --progress takes auto, live or plain, not 'fancy'",
      "--lock-wait;10 weeks | --lock-wait takes a duration such as 500ms, 30s, 15m, 1h or 1d (a bare number is seconds), not '10 weeks'",
      "--batch-time;1w | --batch-time takes a duration such as 500ms, 30s, 15m, 1h or 1d (a bare number is seconds), not '1w'"})
  void optionsThatCannotGoTogetherAreUsageErrors(String options, String message) {
    List<String> args = new ArrayList<>(List.of("apply", "no-such-plan", "--url", "jdbc:postgresql://127.0.0.1:1/none"));
    args.addAll(List.of(options.split(";"))); // the arguments as a shell passes them
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains(message), r.err());
  }
}
