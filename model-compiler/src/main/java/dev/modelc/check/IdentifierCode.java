package dev.modelc.check;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Names that PostgreSQL and Java can both carry safely (MC4xx). */
public enum IdentifierCode implements DiagnosticCode {
  MC401(Meta.error("identifier that is empty or holds a control character")),
  MC402(Meta.error("identifier longer than PostgreSQL's 63 bytes")),
  MC403(new Meta("identifier is a PostgreSQL reserved word (quoted in SQL)", Severity.WARNING)),
  MC404(Meta.error("query name is not a lowerCamelCase Java method name")),
  MC405(Meta.error("two names map to the same Java name"));

  private final Meta meta;

  IdentifierCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
