package dev.modelc.analyze;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Whether the indexes fit the queries (MC5xx). */
public enum CoverageCode implements DiagnosticCode {
  MC501(new Meta("query has no serving index (error for critical, warning for standard, note for batch traffic)", Severity.ERROR)),
  MC502(new Meta("pinned index does not serve its query", Severity.ERROR)),
  MC503(new Meta("index serves no declared query and has no keep reason", Severity.WARNING)),
  MC504(new Meta("index is a redundant prefix (or a duplicate) of another index", Severity.WARNING)),
  MC505(new Meta("checks skipped because of earlier errors", Severity.NOTE));

  private final Meta meta;

  CoverageCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
