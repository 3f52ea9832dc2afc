package dev.modelc.parse;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** The shape of the model: keys, value types, required entries, duplicates (MC2xx). */
public enum StructureCode implements DiagnosticCode {
  MC201("unknown key"),
  MC202("value has the wrong type"),
  MC203("required key missing"),
  MC204("duplicate key in a mapping"),
  MC205("invalid value"),
  MC206("element defined in more than one place"),
  MC207("model header conflicts between files");

  private final String summary;

  StructureCode(String summary) {
    this.summary = summary;
  }

  @Override
  public String code() {
    return name();
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.ERROR;
  }

  @Override
  public String summary() {
    return summary;
  }
}
