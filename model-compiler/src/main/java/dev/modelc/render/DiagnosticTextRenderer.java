package dev.modelc.render;

import dev.modelc.diag.Diagnostic;
import dev.modelc.parse.SourceTexts;
import java.util.List;

/**
 * Compiler-style text: {@code path:line:col: error[MC201]: message}, then the source line and
 * a caret under the column, so editors and CI logs link straight to the YAML.
 */
public final class DiagnosticTextRenderer {
  private DiagnosticTextRenderer() {}

  public static String render(List<Diagnostic> diagnostics, SourceTexts sources) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(d.position()).append(": ").append(d.severity().label())
          .append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
      if (d.position().isKnown() && sources != null) {
        sources.line(d.position().file(), d.position().line()).ifPresent(line -> {
          String shown = visible(line);
          out.append("    ").append(shown).append('\n');
          out.append("    ").append(caretPad(shown, d.position().column())).append("^\n");
        });
      }
    }
    return out.toString();
  }

  /** Keeps tabs (so the caret lines up) and replaces other control characters. */
  private static String visible(String line) {
    StringBuilder b = new StringBuilder(line.length());
    line.codePoints().forEach(cp -> {
      if (cp == '\t' || cp >= 0x20 && cp != 0x7f) {
        b.appendCodePoint(cp);
      } else {
        b.append('?');
      }
    });
    return b.length() > 300 ? b.substring(0, 300) + "..." : b.toString();
  }

  private static String caretPad(String line, int column) {
    StringBuilder pad = new StringBuilder();
    int limit = Math.min(column - 1, line.length());
    for (int i = 0; i < limit; i++) {
      pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return pad.toString();
  }
}
