package dev.modelc.render;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Severity;
import java.util.List;

/** Counts by severity, and the one-line summary every output format ends with. */
public record DiagnosticSummary(int errors, int warnings, int notes) {
  public static DiagnosticSummary of(List<Diagnostic> diagnostics) {
    int e = 0;
    int w = 0;
    int n = 0;
    for (Diagnostic d : diagnostics) {
      switch (d.severity()) {
        case ERROR -> e++;
        case WARNING -> w++;
        case NOTE -> n++;
      }
    }
    return new DiagnosticSummary(e, w, n);
  }

  public String line() {
    return plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(notes, "note");
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String label(Severity s) {
    return s.label();
  }
}
