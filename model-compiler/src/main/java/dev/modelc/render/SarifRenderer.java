package dev.modelc.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.DiagnosticCodes;
import java.util.List;

/**
 * SARIF 2.1.0, so CI systems (GitHub code scanning among them) annotate the YAML lines of a
 * pull request. Every modelc rule is listed in the driver; results point at file and region.
 */
public final class SarifRenderer {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifRenderer() {}

  public static String render(List<Diagnostic> diagnostics, String version) {
    ObjectNode root = DiagnosticJsonRenderer.JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "modelc");
    driver.put("version", version);
    driver.put("informationUri", "https://modelc.dev/docs/diagnostics");
    ArrayNode rules = driver.putArray("rules");
    List<DiagnosticCode> codes = DiagnosticCodes.all();
    for (DiagnosticCode code : codes) {
      ObjectNode rule = rules.addObject();
      rule.put("id", code.code());
      rule.putObject("shortDescription").put("text", code.summary());
      rule.putObject("defaultConfiguration").put("level", level(code.defaultSeverity().label()));
    }
    ArrayNode results = run.putArray("results");
    for (Diagnostic d : diagnostics) {
      ObjectNode result = results.addObject();
      result.put("ruleId", d.code());
      int index = indexOf(codes, d.code());
      if (index >= 0) {
        result.put("ruleIndex", index);
      }
      result.put("level", level(d.severity().label()));
      result.putObject("message").put("text", d.message());
      if (!d.position().file().isEmpty()) {
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", d.position().file());
        if (d.position().isKnown()) {
          ObjectNode region = physical.putObject("region");
          region.put("startLine", d.position().line());
          region.put("startColumn", d.position().column());
        }
      }
    }
    return DiagnosticJsonRenderer.write(root);
  }

  private static String level(String severity) {
    return severity; // modelc's error/warning/note are SARIF's level names
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
