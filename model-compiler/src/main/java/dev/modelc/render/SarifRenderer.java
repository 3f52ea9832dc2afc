package dev.modelc.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.DiagnosticCodes;
import dev.modelc.diag.DiagnosticDocs;
import java.util.List;

/**
 * SARIF 2.1.0, so CI systems (GitHub code scanning among them) annotate the YAML lines of a
 * pull request. Every modelc rule is listed in the driver with its documentation (full
 * description, help as text and Markdown, which is what code scanning shows) and, when the
 * address of modelc's documentation is given, a link to its section of diagnostics.md there;
 * without one there is no link rather than one that leads nowhere. Results point at their file
 * relative to the repository root ({@code %SRCROOT%}), percent-encoded, with a region wherever
 * modelc knows a position; columns count Unicode code points, as modelc does.
 */
public final class SarifRenderer {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";

  private SarifRenderer() {}

  public static String render(List<Diagnostic> diagnostics, String version, RepositoryPaths paths) {
    return render(diagnostics, version, paths, null);
  }

  /**
   * {@code docsUrl}: where modelc's documentation is published (checked with
   * {@link DiagnosticDocs#problem}); null for rules without help links.
   */
  public static String render(List<Diagnostic> diagnostics, String version, RepositoryPaths paths, String docsUrl) {
    String page = docsUrl == null ? null : DiagnosticDocs.page(docsUrl);
    ObjectNode root = DiagnosticJsonRenderer.JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "modelc");
    driver.put("version", version);
    driver.put("semanticVersion", semantic(version));
    if (page != null) {
      driver.put("informationUri", page);
    }
    ArrayNode rules = driver.putArray("rules");
    List<DiagnosticCode> codes = DiagnosticCodes.all();
    for (DiagnosticCode code : codes) {
      rules.add(rule(code, page));
    }
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", paths.rootUri());
    run.put("columnKind", "unicodeCodePoints");
    ArrayNode results = run.putArray("results");
    for (Diagnostic d : diagnostics) {
      ObjectNode result = results.addObject();
      result.put("ruleId", d.code());
      int index = indexOf(codes, d.code());
      if (index >= 0) {
        result.put("ruleIndex", index);
      }
      result.put("level", d.severity().label()); // modelc's error/warning/note are SARIF's level names
      result.putObject("message").put("text", d.message());
      if (!d.position().file().isEmpty() && !d.position().file().startsWith("git:")) {
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        String file = d.position().file();
        if (paths.inside(file)) {
          artifact.put("uri", RepositoryPaths.uriReference(paths.relative(file)));
          artifact.put("uriBaseId", SRCROOT);
        } else {
          artifact.put("uri", paths.fileUri(file));
        }
        ObjectNode region = physical.putObject("region");
        // a finding about a whole file (it cannot be read, it is too large) is shown on its first line
        region.put("startLine", d.position().isKnown() ? d.position().line() : 1);
        if (d.position().isKnown()) {
          region.put("startColumn", d.position().column());
        }
      }
    }
    return DiagnosticJsonRenderer.write(root);
  }

  private static ObjectNode rule(DiagnosticCode code, String page) {
    ObjectNode rule = DiagnosticJsonRenderer.JSON.createObjectNode();
    rule.put("id", code.code());
    rule.put("name", name(code.summary()));
    rule.putObject("shortDescription").put("text", code.summary());
    DiagnosticDocs.Section docs = DiagnosticDocs.of(code.code()).orElse(null);
    String full = docs == null ? code.summary() : docs.firstParagraph();
    rule.putObject("fullDescription").put("text", full);
    ObjectNode help = rule.putObject("help");
    help.put("text", docs == null ? code.summary() : docs.text());
    help.put("markdown", docs == null ? code.summary() : docs.markdown());
    if (page != null) {
      rule.put("helpUri", docs == null ? page : docs.uri(page));
    }
    rule.putObject("defaultConfiguration").put("level", code.defaultSeverity().label());
    return rule;
  }

  /** A rule name in PascalCase from its summary, as SARIF viewers list rules. */
  private static String name(String summary) {
    StringBuilder b = new StringBuilder();
    for (String word : summary.replaceAll("\\(.*\\)", "").split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return b.toString();
  }

  private static String semantic(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(-[0-9A-Za-z.-]+)?").matcher(version);
    return m.find() ? m.group() : "0.0.0";
  }

  private static int indexOf(List<DiagnosticCode> codes, String code) {
    for (int i = 0; i < codes.size(); i++) {
      if (codes.get(i).code().equals(code)) {
        return i;
      }
    }
    return -1;
  }
}
