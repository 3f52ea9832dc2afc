package dev.modelc.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.model.Model;
import dev.modelc.parse.ModelLoader;
import dev.modelc.synth.SyntheticModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries of large models resolve in parallel: the coverage must be the one-thread coverage, in the model's order. */
class ParallelCoverageTest {
  @TempDir
  Path dir;

  @Test
  void parallelResolutionEqualsSequentialResolution() throws IOException {
    SyntheticModel.write(dir, 400, 5, false);
    Model model = ModelLoader.load(List.of(dir)).model().orElseThrow();
    assertTrue(model.queries().size() > 512, "large enough for the parallel path: " + model.queries().size());
    List<Resolution> sequential = CoverageAnalysis.analyze(model, false).resolutions();
    List<Resolution> parallel = CoverageAnalysis.analyze(model, true).resolutions();
    assertEquals(sequential, parallel);
    assertEquals(model.queries(), parallel.stream().map(Resolution::query).toList());
    assertEquals(sequential, CoverageAnalysis.analyze(model).resolutions());
  }
}
