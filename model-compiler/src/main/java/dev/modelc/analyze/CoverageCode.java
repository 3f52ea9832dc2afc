package dev.modelc.analyze;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Whether the indexes fit the queries (MC5xx). */
public enum CoverageCode implements DiagnosticCode {
  MC501("query has no serving index (error for critical, warning for standard, note for batch traffic)", Severity.ERROR),
  MC502("pinned index does not serve its query", Severity.ERROR),
  MC503("index serves no declared query and has no keep reason", Severity.WARNING),
  MC504("index is a redundant prefix (or a duplicate) of another index", Severity.WARNING);

  private final String summary;
  private final Severity severity;

  CoverageCode(String summary, Severity severity) {
    this.summary = summary;
    this.severity = severity;
  }

  @Override
  public String code() {
    return name();
  }

  @Override
  public Severity defaultSeverity() {
    return severity;
  }

  @Override
  public String summary() {
    return summary;
  }
}
