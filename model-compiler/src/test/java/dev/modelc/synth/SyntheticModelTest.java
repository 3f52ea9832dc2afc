package dev.modelc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.plan.Plan;
import dev.modelc.plan.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticModelTest {
  @TempDir
  Path dir;

  @Test
  void sameSeedSameBytesAndTheModelsCheckAndPlanClean() throws IOException {
    SyntheticModel.write(dir.resolve("a"), 200, 7, false);
    SyntheticModel.write(dir.resolve("b"), 200, 7, false);
    SyntheticModel.write(dir.resolve("v2"), 200, 7, true);
    try (Stream<Path> files = Files.list(dir.resolve("a/tables"))) {
      for (Path f : files.toList()) {
        assertEquals(Files.readString(f), Files.readString(dir.resolve("b/tables").resolve(f.getFileName())));
      }
    }
    Compilation v1 = Compiler.compile(List.of(dir.resolve("a")));
    Compilation v2 = Compiler.compile(List.of(dir.resolve("v2")));
    assertEquals(List.of(), v1.diagnostics());
    assertEquals(List.of(), v2.diagnostics());
    assertEquals(200, v1.model().orElseThrow().tables().size());
    Planning.Result r = Planning.plan(v1, v2);
    assertEquals(List.of(), r.diagnostics().stream().limit(3).toList());
    Plan plan = r.plan().orElseThrow();
    List<StepKind> kinds = plan.steps().stream().map(s -> s.kind()).distinct().toList();
    assertTrue(kinds.containsAll(List.of(StepKind.BUILD_INDEX, StepKind.ADD_COLUMN, StepKind.INSTALL_SYNC_TRIGGER, StepKind.DROP_INDEX)), kinds.toString());
  }
}
