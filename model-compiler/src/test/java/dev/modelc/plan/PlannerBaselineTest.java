package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelc.analyze.CoverageAnalysis;
import dev.modelc.diff.ChangeSet;
import dev.modelc.diff.ModelDiff;
import dev.modelc.model.Model;
import dev.modelc.render.PlanJsonRenderer;
import org.junit.jupiter.api.Test;

/** A baseline catalog started before the diff gives the plan made without one, and only for its own model. */
class PlannerBaselineTest {
  private final java.nio.file.Path dir = Scenarios.ROOT.resolve("index-replacement-on-critical-table");
  private final Model v1 = Scenarios.compile(dir, "v1").model().orElseThrow();
  private final Model v2 = Scenarios.compile(dir, "v2").model().orElseThrow();
  private final ChangeSet changes = ModelDiff.diff(v1, v2);

  @Test
  void startedEarlyGivesTheSamePlan() {
    Planner.Baseline early = Planner.baseline(v1);
    Plan withBaseline = Planner.plan(changes, CoverageAnalysis.analyze(v1), CoverageAnalysis.analyze(v2), early);
    Plan without = Planner.plan(changes, CoverageAnalysis.analyze(v1), CoverageAnalysis.analyze(v2));
    assertEquals(PlanJsonRenderer.render(without, "v1", "v2"), PlanJsonRenderer.render(withBaseline, "v1", "v2"));
  }

  @Test
  void aBaselineOfAnotherModelIsRefused() {
    // equal content is not enough: the catalog must be of the very model the change set plans from
    Model copy = Scenarios.compile(dir, "v1").model().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> Planner.plan(changes, CoverageAnalysis.analyze(v1),
        CoverageAnalysis.analyze(v2), Planner.baseline(copy)));
  }
}
