package dev.modelc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Model;
import dev.modelc.synth.SyntheticModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On large models some rule families run on a second core. The diagnostics, and the elements
 * found broken, must be exactly those of running every family on one thread.
 */
class ParallelCheckTest {
  /** Mistakes for the families on each side: a name too long (identifiers), a key to no table (references). */
  static final String BROKEN_TABLE = """
      tables:
        zz_broken:
          columns:
            id: { type: bigint, primaryKey: true }
            a_column_name_that_is_far_longer_than_the_sixty_three_bytes_postgresql_keeps: { type: int }
            owner_id: { type: bigint, references: no_such_table.id }
      """;

  @TempDir
  Path dir;

  /** A synthetic model of {@code tables} tables plus {@link #BROKEN_TABLE}, as parsed, before the check. */
  static Model largeBrokenModel(Path dir, int tables) throws IOException {
    SyntheticModel.write(dir, tables, 11, false);
    Files.writeString(dir.resolve("tables").resolve("zz_broken.yaml"), BROKEN_TABLE);
    return dev.modelc.parse.ModelLoader.load(List.of(dir)).partial().orElseThrow();
  }

  @Test
  void theFamiliesOnASecondCoreReportWhatOneThreadReports() throws IOException {
    Model model = largeBrokenModel(dir, 300);
    Broken alone = new Broken();
    Broken beside = new Broken();
    List<Diagnostic> sequential = ModelChecker.check(model, alone, false);
    List<Diagnostic> parallel = ModelChecker.check(model, beside, true);
    assertEquals(sequential, parallel);
    Set<String> codes = sequential.stream().map(Diagnostic::code).collect(Collectors.toSet());
    assertTrue(codes.contains("MC402") && codes.stream().anyMatch(c -> c.startsWith("MC3")), codes.toString());
    assertEquals(alone.skippedCount(), beside.skippedCount());
    assertEquals(alone.table("zz_broken"), beside.table("zz_broken"));
    // a compilation takes the parallel path for a model this large and reports them all
    assertTrue(Compiler.compile(List.of(dir)).diagnostics().containsAll(sequential));
  }
}
