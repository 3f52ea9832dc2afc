package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commands that hold a model against a database or its history stop on a model with errors:
 * they print its diagnostics and say what they did not do (exit 1), before reading any history
 * or reaching any database, and print nothing on standard output.
 */
class BrokenModelCommandsTest {
  @TempDir
  static Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "drift;MODEL;--url;jdbc:postgresql://127.0.0.1:1/none | comparing it with a database",
      "verify;MODEL;--url;jdbc:postgresql://127.0.0.1:1/none | verifying it",
      "usage;report;MODEL;--history;no-such-history.jsonl | reporting usage",
      "usage;queries;MODEL;--url;jdbc:postgresql://127.0.0.1:1/none | comparing it with the statements that run"})
  void aModelWithErrorsStopsTheCommandWithItsDiagnostics(String command, String before) throws Exception {
    Path model = dir.resolve("model.yaml");
    Files.writeString(model, "model: shop\ntables:\n  orders:\n    columns:\n      id: { type: bigint, primaryKey: true }\n"
        + "      total: { type: numerc }\n");
    List<String> args = new ArrayList<>();
    for (String a : command.split(";")) {
      args.add(a.equals("MODEL") ? model.toString() : a);
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("model.yaml:6:22: error[MC205]: unknown type 'numerc'"), r.err());
    assertTrue(r.err().endsWith("modelc: the model has errors; fix them before " + before + "\n"), r.err());
    assertEquals("", r.out());
  }
}
