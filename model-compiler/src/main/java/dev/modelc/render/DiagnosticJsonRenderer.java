package dev.modelc.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.diag.Diagnostic;
import java.util.List;

/**
 * Diagnostics as JSON, format version 1:
 * {@code {"version":1,"diagnostics":[{"code","severity","message","file","line","column"}],
 * "summary":{"errors","warnings","notes"}}}. Positions are 1-based; 0 when unknown.
 */
public final class DiagnosticJsonRenderer {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DiagnosticJsonRenderer() {}

  public static String render(List<Diagnostic> diagnostics) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode items = root.putArray("diagnostics");
    for (Diagnostic d : diagnostics) {
      ObjectNode item = items.addObject();
      item.put("code", d.code());
      item.put("severity", d.severity().label());
      item.put("message", d.message());
      item.put("file", d.position().file());
      item.put("line", d.position().line());
      item.put("column", d.position().column());
    }
    DiagnosticSummary s = DiagnosticSummary.of(diagnostics);
    ObjectNode summary = root.putObject("summary");
    summary.put("errors", s.errors());
    summary.put("warnings", s.warnings());
    summary.put("notes", s.notes());
    return write(root);
  }

  static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root).replace("\r\n", "\n") + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
