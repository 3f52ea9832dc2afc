package dev.modelc.check;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Names that PostgreSQL and Java can both carry safely (MC4xx). */
public enum IdentifierCode implements DiagnosticCode {
  MC401("identifier with characters outside lower snake_case"),
  MC402("identifier longer than PostgreSQL's 63 bytes"),
  MC403("identifier is a PostgreSQL reserved word"),
  MC404("query name is not a lowerCamelCase Java method name"),
  MC405("two names map to the same Java name");

  private final String summary;

  IdentifierCode(String summary) {
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
