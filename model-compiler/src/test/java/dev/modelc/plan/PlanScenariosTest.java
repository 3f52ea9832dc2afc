package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostic;
import dev.modelc.render.PlanJsonRenderer;
import dev.modelc.render.PlanMarkdownRenderer;
import dev.modelc.render.PlanSqlRenderer;
import dev.modelc.testing.Goldens;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Golden plans: each scenario's plan.md and plan.json, or its diagnostics when it cannot plan. */
class PlanScenariosTest {
  @TestFactory
  Stream<DynamicTest> everyScenarioMatchesItsGoldenPlan() {
    return Scenarios.all().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      Planning.Result r = Scenarios.plan(dir);
      String diagnostics = r.diagnostics().stream().map(d -> d.position() + ": " + d.severity().label() + "[" + d.code() + "]: " + d.message())
          .collect(Collectors.joining("\n"));
      Goldens.assertMatches(dir.resolve("diagnostics.txt"), diagnostics.isEmpty() ? "" : diagnostics + "\n");
      if (r.plan().isPresent()) {
        Plan plan = r.plan().get();
        Goldens.assertMatches(dir.resolve("plan.md"), PlanMarkdownRenderer.render(plan, "v1", "v2"));
        Goldens.assertMatches(dir.resolve("plan.json"), PlanJsonRenderer.render(plan, "v1", "v2"));
      }
    }));
  }

  static Plan plan(String scenario) {
    return Scenarios.plan(Scenarios.ROOT.resolve(scenario)).plan().orElseThrow();
  }

  @Test
  void theIncidentIsNeverDropThenCreate() {
    Plan plan = plan("index-replacement-on-critical-table");
    int build = indexOf(plan, StepKind.BUILD_INDEX);
    int deploy = indexOf(plan, StepKind.DEPLOY);
    int drop = indexOf(plan, StepKind.DROP_INDEX);
    assertTrue(build < deploy && deploy < drop, "build, deploy, then drop");
    Step dropStep = plan.steps().get(drop);
    assertTrue(dropStep.dependsOn().contains(plan.steps().get(build).id()), "the drop names its dependency on the build");
    assertTrue(dropStep.gates().stream().anyMatch(g -> g.sql().contains("indisvalid")), "the drop waits for a valid replacement");
    assertTrue(dropStep.gates().stream().anyMatch(g -> g.baseline() && g.sql().contains("idx_scan")), "and for the old index to be unused");
    assertEquals(dev.modelc.model.Traffic.CRITICAL, dropStep.criticalityBefore());
    assertTrue(dropStep.serves().get(0).startsWith("recentChargesForMerchant (critical; GET /v1/charges)"));
    assertTrue(dropStep.approval().required());
    assertFalse(plan.steps().get(build).transactional(), "CREATE INDEX CONCURRENTLY runs outside a transaction");
    assertTrue(plan.steps().get(build).sql().stream().anyMatch(s -> s.startsWith("CREATE INDEX CONCURRENTLY IF NOT EXISTS")));
  }

  @Test
  void aNotNullColumnWithAVolatileDefaultIsBackfilledNotRewritten() {
    Plan plan = plan("not-null-column-with-default-on-huge-table");
    String sql = PlanSqlRenderer.render(plan, "v1", "v2");
    assertTrue(sql.contains("ADD COLUMN IF NOT EXISTS risk_score integer NOT NULL DEFAULT 0"), "constant default: catalog only");
    assertTrue(sql.contains("ADD COLUMN IF NOT EXISTS idempotency_key uuid;"), "volatile default: added nullable first");
    assertTrue(sql.contains("CHECK (idempotency_key IS NOT NULL) NOT VALID"));
    assertTrue(sql.contains("VALIDATE CONSTRAINT charges_idempotency_key_not_null"));
    assertTrue(sql.contains("ALTER COLUMN idempotency_key SET NOT NULL"));
    assertTrue(plan.steps().stream().anyMatch(s -> s.kind() == StepKind.BACKFILL && s.approval().required()));
  }

  @Test
  void aColumnRenameIsExpandContractNeverABareRename() {
    Plan plan = plan("column-rename");
    String sql = PlanSqlRenderer.render(plan, "v1", "v2");
    assertFalse(sql.contains("RENAME COLUMN"), sql);
    assertTrue(plan.steps().stream().map(Step::kind).toList().containsAll(
        List.of(StepKind.ADD_COLUMN, StepKind.INSTALL_SYNC_TRIGGER, StepKind.BACKFILL, StepKind.DEPLOY, StepKind.DROP_TRIGGER)));
  }

  @Test
  void aRemovalWithoutTombstoneIsAnErrorAtTheBaselineObject() {
    Planning.Result r = Scenarios.plan(Scenarios.ROOT.resolve("removal-without-tombstone"));
    assertTrue(r.plan().isEmpty());
    Diagnostic d = r.diagnostics().get(0);
    assertEquals("MC601", d.code());
    assertEquals("v1/model.yaml", d.position().file());
    assertTrue(d.message().contains("retired: { indexes: { charges.charges_currency: { reason:"), d.message());
  }

  @Test
  void everyPlanIsATopologicalOrderAndDeterministic() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Path dir : Scenarios.all()) {
      Planning.Result r = Scenarios.plan(dir);
      if (r.plan().isEmpty()) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (Step s : r.plan().get().steps()) {
        assertTrue(seen.containsAll(s.dependsOn()), dir + ": " + s.id() + " runs after " + s.dependsOn());
        assertTrue(seen.add(s.id()), "unique ids");
      }
      assertEquals(PlanJsonRenderer.render(r.plan().get(), "a", "b"), PlanJsonRenderer.render(Scenarios.plan(dir).plan().get(), "a", "b"));
      JsonNode root = json.readTree(PlanJsonRenderer.render(r.plan().get(), "a", "b"));
      assertEquals(1, root.get("formatVersion").asInt());
      assertEquals(r.plan().get().steps().size(), root.get("steps").size());
    }
  }

  @Test
  void everyGoldenPlanJsonMatchesThePublishedSchema() throws Exception {
    com.networknt.schema.JsonSchema schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
        .getSchema(java.nio.file.Files.readString(Path.of("../docs/plan.schema.json")));
    ObjectMapper json = new ObjectMapper();
    int checked = 0;
    for (Path dir : Scenarios.all()) {
      Path file = dir.resolve("plan.json");
      if (java.nio.file.Files.exists(file)) {
        assertEquals(Set.of(), schema.validate(json.readTree(file.toFile())), file.toString());
        checked++;
      }
    }
    assertTrue(checked > 20, "golden plans checked: " + checked);
    // and it is not a schema that accepts anything: a usage gate must name its object
    JsonNode plan = json.readTree(Scenarios.ROOT.resolve("index-replacement-on-critical-table/plan.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) plan.get("steps").get(2).get("gates").get(1)).putNull("object");
    assertFalse(schema.validate(plan).isEmpty(), "an index-unused gate without its index is rejected");
  }

  private static int indexOf(Plan plan, StepKind kind) {
    for (int i = 0; i < plan.steps().size(); i++) {
      if (plan.steps().get(i).kind() == kind) {
        return i;
      }
    }
    throw new AssertionError("no " + kind);
  }
}
