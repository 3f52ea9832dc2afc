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
    assertTrue(all.contains("'unusedAtMostScans' of 'policy.usage' must not be negative"), all);
    assertTrue(all.contains("often"), all);
  }
}
