package dev.modelc.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.diag.Diagnostic;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    DiagnosticSummary s = DiagnosticSummary.of(diagnostics);
    return stream(out -> {
      out.writeStartObject();
      out.writeNumberField("version", 1);
      out.writeArrayFieldStart("diagnostics");
      for (Diagnostic d : diagnostics) {
        write(out, d);
      }
      out.writeEndArray();
      out.writeObjectFieldStart("summary");
      out.writeNumberField("errors", s.errors());
      out.writeNumberField("warnings", s.warnings());
      out.writeNumberField("notes", s.notes());
      out.writeEndObject();
      out.writeEndObject();
    });
  }

  /** One diagnostic as the JSON outputs give it: code, severity, message and its position. */
  static void write(JsonGenerator out, Diagnostic d) throws IOException {
    out.writeStartObject();
    out.writeStringField("code", d.code());
    out.writeStringField("severity", d.severity().label());
    out.writeStringField("message", d.message());
    out.writeStringField("file", d.position().file());
    out.writeNumberField("line", d.position().line());
    out.writeNumberField("column", d.position().column());
    out.writeEndObject();
  }

  /** What a JSON document's writer does with the generator. */
  interface Body {
    void write(JsonGenerator out) throws IOException;
  }

  /**
   * A document written as a stream, laid out as {@link #write(ObjectNode)} lays out a tree (the
   * same pretty printer): large documents are never built as a tree first.
   */
  static String stream(Body body) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.writer().createGenerator(text)) {
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string cannot fail", e);
    }
    return text.toString().replace("\r\n", "\n") + "\n";
  }

  static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root).replace("\r\n", "\n") + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
