package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.model.UsagePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy.usage}: read when given, defaults otherwise, bad values reported at their position. */
class UsagePolicyTest {
  static final String TABLES = "tables:\n  t:\n    columns:\n      id: { type: bigint, primaryKey: true }\n";

  private static Compilation compile(Path dir, String policy) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "model: m\n" + policy + TABLES);
    return Compiler.compile(List.of(file));
  }

  @Test
  void readsEveryKey(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, "policy:\n  usage: { window: 45d, ignorePrimaryKeys: false, ignoreUnique: false,"
        + " ignoreSmallerThan: 512kB, unusedAtMostScans: 50 }\n");
    UsagePolicy u = c.model().orElseThrow().policy().usage();
    assertEquals(new UsagePolicy(45, false, false, 512 * 1024, 50, u.source()), u);
    assertEquals(UsagePolicy.defaults().windowDays(), compile(dir, "").model().orElseThrow().policy().usage().windowDays());
  }

  @Test
  void badValuesAreReportedWhereTheyAre(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, "policy:\n  usage: { window: 2w, ignoreSmallerThan: lots, unusedAtMostScans: -1, often: 1 }\n");
    String all = c.diagnostics().toString();
    assertTrue(c.hasErrors(), all);
    assertTrue(all.contains("'window' of 'policy.usage' must be a number of days from 1d to 9999d, such as 30d, not '2w'"), all);
    assertTrue(all.contains("'ignoreSmallerThan' of 'policy.usage' must be a size such as 0B, 512kB, 8MB or 1GB"), all);
    assertTrue(all.contains("'unusedAtMostScans' of 'policy.usage' must be between 0 and 9007199254740991, not -1"), all);
    assertTrue(all.contains("often"), all);
  }

  @Test
  void aSizeTooLargeToCountInBytesIsReportedAtItsValue(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, "policy:\n  usage:\n    ignoreSmallerThan: 999999999999GB\n");
    assertTrue(c.hasErrors() && c.model().isEmpty(), c.diagnostics().toString());
    assertEquals(1, c.diagnostics().size(), c.diagnostics().toString());
    var d = c.diagnostics().get(0);
    assertEquals("MC205", d.code());
    assertEquals(4, d.position().line());
    assertEquals(24, d.position().column());
    assertEquals("'ignoreSmallerThan' of 'policy.usage' must be at most 8589934591GB (about 8 EiB, the most bytes modelc"
        + " counts), not '999999999999GB'", d.message());
    assertTrue(compile(dir, "policy:\n  usage: { ignoreSmallerThan: 8589934592GB }\n").hasErrors());
    // the largest sizes of each unit are read exactly
    for (String size : List.of("8589934591GB:9223372035781033984", "008589934591 GB:9223372035781033984",
        "999999999999MB:1048575999998951424", "999999999999kB:1023999999998976", "999999999999B:999999999999")) {
      String[] parts = size.split(":");
      Compilation ok = compile(dir, "policy:\n  usage: { ignoreSmallerThan: \"" + parts[0] + "\" }\n");
      assertEquals(Long.parseLong(parts[1]), ok.model().orElseThrow(() -> new AssertionError(ok.diagnostics().toString()))
          .policy().usage().ignoreSmallerThanBytes(), parts[0]);
    }
  }
}
