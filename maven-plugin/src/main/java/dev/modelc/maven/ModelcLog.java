package dev.modelc.maven;

import dev.modelc.diag.Diagnostic;
import dev.modelc.parse.SourceTexts;
import dev.modelc.render.DiagnosticTextRenderer;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** Prints diagnostics in the compiler format through Maven's log, at the matching level. */
final class ModelcLog {
  private ModelcLog() {}

  static void diagnostics(Log log, List<Diagnostic> diagnostics, SourceTexts sources) {
    for (Diagnostic d : diagnostics) {
      String text = DiagnosticTextRenderer.render(List.of(d), sources).stripTrailing();
      for (String line : text.split("\n")) {
        switch (d.severity()) {
          case ERROR -> log.error(line);
          case WARNING -> log.warn(line);
          case NOTE -> log.info(line);
        }
      }
    }
  }
}
