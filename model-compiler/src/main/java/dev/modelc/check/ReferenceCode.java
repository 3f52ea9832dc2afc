package dev.modelc.check;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Names that must point at something that exists, and shapes that must fit (MC3xx). */
public enum ReferenceCode implements DiagnosticCode {
  MC301("reference to an unknown table"),
  MC302("reference to an unknown column"),
  MC303("foreign key type differs from the referenced column"),
  MC304("foreign key target is neither primary key nor unique"),
  MC305("pinned index does not exist on the query's table"),
  MC306("index or constraint name used more than once"),
  MC307("enum column without values, or with duplicate values"),
  MC308("primary key column declared nullable"),
  MC309("tombstone for an object that still exists"),
  MC310("query key that does not fit the query's kind"),
  MC311("table without a primary key", Severity.WARNING),
  MC312("renamedFrom names an object that still exists"),
  MC313("column listed twice");

  private final String summary;
  private final Severity severity;

  ReferenceCode(String summary) {
    this(summary, Severity.ERROR);
  }

  ReferenceCode(String summary, Severity severity) {
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
