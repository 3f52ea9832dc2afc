package dev.modelc.parse;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Reading model files: the bytes, the encoding and the YAML syntax (MC1xx). */
public enum ParseCode implements DiagnosticCode {
  MC101("YAML syntax error"),
  MC102("model file or folder cannot be read"),
  MC103("file larger than the limit"),
  MC104("file is not valid UTF-8"),
  MC105("too many YAML aliases (alias bomb)"),
  MC106("YAML nested deeper than the limit"),
  MC107("tab character used for indentation"),
  MC108("more than one YAML document in a file"),
  MC109("no model files found"),
  MC110("model file is empty", Severity.WARNING);

  private final String summary;
  private final Severity severity;

  ParseCode(String summary) {
    this(summary, Severity.ERROR);
  }

  ParseCode(String summary, Severity severity) {
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
