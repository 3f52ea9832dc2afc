package dev.modelc.parse;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Reading model files: the bytes, the encoding and the YAML syntax (MC1xx). */
public enum ParseCode implements DiagnosticCode {
  MC101(Meta.error("YAML syntax error")),
  MC102(Meta.error("model file or folder cannot be read")),
  MC103(Meta.error("file larger than the limit")),
  MC104(Meta.error("file is not valid UTF-8")),
  MC105(Meta.error("too many YAML aliases (alias bomb)")),
  MC106(Meta.error("YAML nested deeper than the limit")),
  MC107(Meta.error("tab character used for indentation")),
  MC108(Meta.error("more than one YAML document in a file")),
  MC109(Meta.error("no model files found")),
  MC110(new Meta("model file is empty", Severity.WARNING));

  private final Meta meta;

  ParseCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
