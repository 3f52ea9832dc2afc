package dev.modelc.diff;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Problems comparing two model versions (MC6xx). */
public enum DiffCode implements DiagnosticCode {
  MC601("object removed without a tombstone"),
  MC602("removed object is still used by a query of the new model"),
  MC603("renamedFrom names nothing in the baseline"),
  MC604("enum values removed or reordered"),
  MC605("new NOT NULL column without a default on an existing table"),
  MC606("primary key changed"),
  MC607("plan would leave a live query without a serving index"),
  MC608("query of the new model has no serving index", Severity.WARNING),
  MC609("type change of a key, unique or foreign-key column");

  private final String summary;
  private final Severity severity;

  DiffCode(String summary) {
    this(summary, Severity.ERROR);
  }

  DiffCode(String summary, Severity severity) {
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
