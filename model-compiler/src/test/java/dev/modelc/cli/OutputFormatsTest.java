package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.diag.DiagnosticCodes;
import dev.modelc.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The machine-readable outputs of {@code check}: JSON version 1 and SARIF 2.1.0. */
class OutputFormatsTest {
  static final String CASE = "src/test/resources/cases/coverage/model.yaml";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonListsEveryDiagnosticWithPositionAndASummary() throws Exception {
    Cli.Result r = Cli.run("check", "--format", "json", CASE);
    assertEquals(1, r.exitCode());
    JsonNode root = JSON.readTree(r.out());
    assertEquals(1, root.get("version").asInt());
    JsonNode first = root.get("diagnostics").get(0);
    assertEquals("MC504", first.get("code").asText());
    assertEquals("warning", first.get("severity").asText());
    assertEquals(CASE, first.get("file").asText());
    assertEquals(12, first.get("line").asInt());
    assertEquals(7, first.get("column").asInt());
    assertTrue(first.get("message").asText().contains("orders_customer"));
    assertEquals(2, root.get("summary").get("errors").asInt());
    assertEquals(3, root.get("summary").get("warnings").asInt());
    assertEquals(1, root.get("summary").get("notes").asInt());
    assertEquals(6, root.get("diagnostics").size());
  }

  @Test
  void sarifHasRulesResultsAndRegions() throws Exception {
    Cli.Result r = Cli.run("check", "--format", "sarif", CASE);
    JsonNode root = JSON.readTree(r.out());
    assertEquals("2.1.0", root.get("version").asText());
    JsonNode run = root.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("modelc", driver.get("name").asText());
    assertEquals(DiagnosticCodes.all().size(), driver.get("rules").size());
    JsonNode result = run.get("results").get(2);
    assertEquals("MC501", result.get("ruleId").asText());
    assertEquals("error", result.get("level").asText());
    int ruleIndex = result.get("ruleIndex").asInt();
    assertEquals("MC501", driver.get("rules").get(ruleIndex).get("id").asText());
    JsonNode location = result.get("locations").get(0).get("physicalLocation");
    // relative to the repository root, under %SRCROOT%, whatever the current directory
    assertEquals("model-compiler/" + CASE, location.get("artifactLocation").get("uri").asText());
    assertEquals("%SRCROOT%", location.get("artifactLocation").get("uriBaseId").asText());
    assertTrue(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText().startsWith("file:///"));
    assertEquals("unicodeCodePoints", run.get("columnKind").asText());
    assertEquals(24, location.get("region").get("startLine").asInt());
    assertEquals(3, location.get("region").get("startColumn").asInt());
    assertEquals("note", run.get("results").get(5).get("level").asText());
  }

  @Test
  void sarifRulesLinkToTheDocsOnlyWhereTheUserSaysTheyAre() throws Exception {
    JsonNode without = JSON.readTree(Cli.run("check", "--format", "sarif", CASE).out()).get("runs").get(0).get("tool").get("driver");
    assertTrue(without.get("rules").get(0).get("helpUri") == null, "no link to a site that does not exist");
    Cli.Result r = Cli.run("check", "--format", "sarif", "--docs-url", "https://github.com/acme/shop/blob/main/docs/modelc/", CASE);
    JsonNode rules = JSON.readTree(r.out()).get("runs").get(0).get("tool").get("driver").get("rules");
    assertEquals("https://github.com/acme/shop/blob/main/docs/modelc/diagnostics.md#mc101-yaml-syntax-error",
        rules.get(0).get("helpUri").asText());
    Cli.Result text = Cli.run("check", "--docs-url", "https://x.example/docs/", CASE);
    assertEquals(2, text.exitCode(), text.all());
    assertTrue(text.err().contains("--docs-url applies to --format sarif"), text.err());
    Cli.Result relative = Cli.run("check", "--format", "sarif", "--docs-url", "docs/", CASE);
    assertEquals(2, relative.exitCode(), relative.all());
    assertTrue(relative.err().contains("is not an absolute http or https URL"), relative.err());
    assertEquals("", relative.out(), "nothing written on a usage error");
    // the other commands that write SARIF take the same option, checked before they reach any database
    for (String[] command : List.of(new String[] {"drift", CASE, "--url", "jdbc:postgresql://127.0.0.1:1/x"},
        new String[] {"verify", CASE, "--url", "jdbc:postgresql://127.0.0.1:1/x"},
        new String[] {"usage", "report", CASE, "--history", "missing.jsonl"})) {
      List<String> args = new java.util.ArrayList<>(List.of(command));
      args.addAll(List.of("--docs-url", "https://x.example/docs/"));
      Cli.Result r2 = Cli.run(args.toArray(String[]::new));
      assertEquals(2, r2.exitCode(), command[0] + ": " + r2.all());
      assertTrue(r2.err().contains("--docs-url applies to --format sarif"), r2.err());
    }
  }

  @Test
  void cleanModelsExitZeroInEveryFormat() {
    for (String format : new String[] {"text", "json", "sarif"}) {
      assertEquals(0, Cli.run("check", "--format", format, "src/test/resources/cases/clean-model/model.yaml").exitCode(), format);
    }
  }

  @Test
  void explainShowsTheServingIndexAndWhy() {
    Cli.Result r = Cli.run("explain", CASE, "recentOrders");
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.out().contains("served by orders_customer_placed"), r.out());
    assertTrue(r.out().contains("endpoints: GET /v1/orders"), r.out());
    Cli.Result none = Cli.run("explain", CASE, "ordersByStatus");
    assertTrue(none.out().contains("NOT SERVED by any index; an index on (status) would serve it"), none.out());
    Cli.Result typo = Cli.run("explain", CASE, "recentOrder");
    assertEquals(2, typo.exitCode());
    assertTrue(typo.err().contains("did you mean 'recentOrders'?"), typo.err());
  }
}
