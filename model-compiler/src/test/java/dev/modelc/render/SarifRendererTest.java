package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.DiagnosticCodes;
import dev.modelc.diag.DiagnosticDocs;
import dev.modelc.model.SourceRef;
import dev.modelc.parse.ParseCode;
import dev.modelc.parse.StructureCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GitHub code scanning needs of SARIF: rule metadata, repository-relative encoded URIs, regions. */
class SarifRendererTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path repo;

  @Test
  void everyRuleHasItsDocumentationAndALinkToItsSectionWhereTheDocsArePublished() throws Exception {
    String docsUrl = "https://github.com/acme/shop/blob/main/tools/modelc/docs";
    JsonNode driver = JSON.readTree(SarifRenderer.render(List.of(), "1.0", RepositoryPaths.of(repo), docsUrl))
        .get("runs").get(0).get("tool").get("driver");
    JsonNode rules = driver.get("rules");
    String docs = Files.readString(Path.of("../docs/diagnostics.md"));
    Set<String> anchors = new HashSet<>();
    docs.lines().filter(l -> l.startsWith("#")).forEach(l -> anchors.add(githubSlug(l.replaceFirst("^#+ ", ""))));
    assertEquals(DiagnosticCodes.all().size(), rules.size());
    assertEquals(docsUrl + "/diagnostics.md", driver.get("informationUri").asText());
    for (JsonNode rule : rules) {
      String id = rule.get("id").asText();
      assertFalse(rule.get("fullDescription").get("text").asText().isBlank(), id);
      assertTrue(rule.get("fullDescription").get("text").asText().startsWith("Severity:"), id);
      assertFalse(rule.get("help").get("text").asText().isBlank(), id);
      assertTrue(rule.get("help").get("markdown").asText().contains("Fix"), id);
      String uri = rule.get("helpUri").asText();
      assertTrue(uri.startsWith(docsUrl + "/diagnostics.md#" + id.toLowerCase()), uri);
      assertTrue(anchors.contains(uri.substring(uri.indexOf('#') + 1)), "no heading for the anchor of " + uri);
    }
  }

  /** modelc's docs have no address of their own: without one given, the rules carry their help and no link. */
  @Test
  void withoutADocsUrlNoRuleLinksAnywhere() throws Exception {
    JsonNode driver = JSON.readTree(SarifRenderer.render(List.of(), "1.0", RepositoryPaths.of(repo)))
        .get("runs").get(0).get("tool").get("driver");
    assertFalse(driver.has("informationUri"));
    for (JsonNode rule : driver.get("rules")) {
      assertFalse(rule.has("helpUri"), rule.get("id").asText());
      assertFalse(rule.get("help").get("markdown").asText().isBlank(), rule.get("id").asText());
    }
    assertFalse(SarifRenderer.render(List.of(), "1.0", RepositoryPaths.of(repo)).contains("modelc.dev"));
  }

  @Test
  void theDocsUrlIsAFolderOrTheDiagnosticsPageOfAnHttpSite() {
    assertEquals("https://x.example/docs/diagnostics.md", DiagnosticDocs.page("https://x.example/docs/"));
    assertEquals("https://x.example/docs/diagnostics.md", DiagnosticDocs.page("https://x.example/docs"));
    assertEquals("https://x.example/docs/diagnostics.md", DiagnosticDocs.page("https://x.example/docs/diagnostics.md"));
    assertEquals(java.util.Optional.empty(), DiagnosticDocs.problem("https://x.example/docs/"));
    for (String bad : List.of("docs/", "file:///tmp/docs", "https://x.example/docs?ref=main", "https://x.example/docs#top",
        "https:///docs", "ht tp://x", "")) {
      assertTrue(DiagnosticDocs.problem(bad).isPresent(), bad);
    }
  }

  @Test
  void pathsAreRelativeToTheRepositoryRootAndPercentEncoded() throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    Path cwd = Files.createDirectories(repo.resolve("sub dir"));
    RepositoryPaths paths = RepositoryPaths.of(cwd);
    List<Diagnostic> diagnostics = List.of(
        Diagnostic.of(StructureCode.MC201, new SourceRef("models/a b#1/m\u00e9.yaml", 3, 5), "unknown key"),
        Diagnostic.of(ParseCode.MC102, SourceRef.ofFile("models/missing.yaml"), "no such file or folder"),
        Diagnostic.of(ParseCode.MC102, SourceRef.ofFile("/elsewhere/x.yaml"), "no such file or folder"));
    JsonNode run = JSON.readTree(SarifRenderer.render(diagnostics, "1.0", paths)).get("runs").get(0);
    assertEquals(repo.toUri().toString(), run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
    JsonNode first = run.get("results").get(0).get("locations").get(0).get("physicalLocation");
    assertEquals("sub%20dir/models/a%20b%231/m%C3%A9.yaml", first.get("artifactLocation").get("uri").asText());
    assertEquals("%SRCROOT%", first.get("artifactLocation").get("uriBaseId").asText());
    assertEquals(3, first.get("region").get("startLine").asInt());
    assertEquals(5, first.get("region").get("startColumn").asInt());
    JsonNode fileLevel = run.get("results").get(1).get("locations").get(0).get("physicalLocation");
    assertEquals(1, fileLevel.get("region").get("startLine").asInt(), "a finding about a whole file is on its first line");
    JsonNode outside = run.get("results").get(2).get("locations").get(0).get("physicalLocation").get("artifactLocation");
    assertEquals("file:///elsewhere/x.yaml", outside.get("uri").asText());
    assertFalse(outside.has("uriBaseId"));
  }

  /** GitHub's heading anchors: lower case, spaces to hyphens, other punctuation dropped. */
  static String githubSlug(String heading) {
    return heading.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  @Test
  void rulesAreListedInCodeOrder() {
    List<String> codes = DiagnosticCodes.all().stream().map(DiagnosticCode::code).toList();
    assertEquals(codes.stream().sorted().toList(), codes);
  }
}
