package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.analyze.CoverageAnalysis;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diff.ChangeSet;
import dev.modelc.diff.ModelDiff;
import dev.modelc.model.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator must catch the incident's order: the old index dropped before its replacement exists. */
class InvariantSimulatorTest {
  @Test
  void dropBeforeBuildIsReportedWithTheQueryAndTheStep() {
    var dir = Scenarios.ROOT.resolve("index-replacement-on-critical-table");
    Model v1 = Scenarios.compile(dir, "v1").model().orElseThrow();
    Model v2 = Scenarios.compile(dir, "v2").model().orElseThrow();
    ChangeSet changes = ModelDiff.diff(v1, v2);
    var before = CoverageAnalysis.analyze(v1);
    var after = CoverageAnalysis.analyze(v2);
    Plan plan = Planner.plan(changes, before, after);
    assertTrue(plan.diagnostics().isEmpty(), "the planner's own order is safe");

    StepDraft drop = new StepDraft(StepKind.DROP_INDEX, Phase.EXPAND, "charges_merchant_created");
    drop.id = "drop-index:charges_merchant_created";
    drop.drops = v1.table("charges").orElseThrow().index("charges_merchant_created").orElseThrow();
    drop.dropsName = "charges_merchant_created";
    StepDraft build = new StepDraft(StepKind.BUILD_INDEX, Phase.EXPAND, "charges_merchant_created__new");
    build.id = "build-index:charges_merchant_created__new";
    build.builds = v2.table("charges").orElseThrow().index("charges_merchant_created").orElseThrow();
    build.buildsAs = "charges_merchant_created__new";
    StepDraft deploy = new StepDraft(StepKind.DEPLOY, Phase.DEPLOY, "application");
    deploy.id = "deploy:application";
    List<StepDraft> incidentOrder = new ArrayList<>(List.of(drop, build, deploy));
    List<Diagnostic> found = InvariantSimulator.check(v1, v2, before, after, incidentOrder);
    assertEquals(1, found.size(), found.toString());
    assertEquals("MC607", found.get(0).code());
    assertTrue(found.get(0).message().contains("critical query 'recentChargesForMerchant' would have no valid serving index after step 'drop-index:charges_merchant_created'"),
        found.get(0).message());
  }

  /**
   * The invariant check takes an index of the serving index's definition under another name (a
   * replacement not yet renamed) as serving, without resolving the query again. That holds only
   * while the resolver judges indexes by their definition, never by name: checked here on every
   * served query of every plan scenario, with its serving index renamed.
   */
  @Test
  void aServingIndexServesUnderAnyName() throws java.io.IOException {
    int checked = 0;
    try (var dirs = java.nio.file.Files.list(Scenarios.ROOT)) {
      for (var dir : dirs.sorted().toList()) {
        for (String version : List.of("v1", "v2")) {
          if (!java.nio.file.Files.isDirectory(dir.resolve(version))) {
            continue;
          }
          var compiled = Scenarios.compile(dir, version);
          if (compiled.model().isEmpty() || compiled.coverage().isEmpty()) {
            continue;
          }
          Model model = compiled.model().get();
          for (var q : model.queries()) {
            var r = compiled.coverage().get().resolution(q.name());
            var table = model.table(q.table()).orElse(null);
            if (r == null || r.index() == null || table == null) {
              continue;
            }
            dev.modelc.model.Index serving = r.index();
            List<dev.modelc.model.Index> renamed = new ArrayList<>();
            for (var i : table.allIndexes()) {
              renamed.add(i.name().equals(serving.name()) ? new dev.modelc.model.Index(serving.name() + "__new", i.table(), i.columns(),
                  i.unique(), i.where(), i.include(), i.reason(), i.keep(), i.renamedFrom(), i.origin(), i.method(), i.nullsNotDistinct(),
                  i.with(), i.source()) : i);
            }
            var again = dev.modelc.analyze.QueryResolver.resolve(table, q, renamed);
            assertTrue(again.index() != null && again.index().sameDefinition(serving), dir + " " + version + ": " + q.name());
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 50, "served queries checked: " + checked);
  }
}
