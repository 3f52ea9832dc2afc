package dev.modelc.parse;

import dev.modelc.diag.DiagnosticCode;

/** The shape of the model: keys, value types, required entries, duplicates (MC2xx). */
public enum StructureCode implements DiagnosticCode {
  MC201(Meta.error("unknown key")),
  MC202(Meta.error("value has the wrong type")),
  MC203(Meta.error("required key missing")),
  MC204(Meta.error("duplicate key in a mapping")),
  MC205(Meta.error("invalid value")),
  MC206(Meta.error("element defined in more than one place")),
  MC207(Meta.error("model header conflicts between files"));

  private final Meta meta;

  StructureCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
