package dev.modelc.check;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Names that must point at something that exists, and shapes that must fit (MC3xx). */
public enum ReferenceCode implements DiagnosticCode {
  MC301(Meta.error("reference to an unknown table")),
  MC302(Meta.error("reference to an unknown column")),
  MC303(Meta.error("foreign key type differs from the referenced column")),
  MC304(Meta.error("foreign key target is neither primary key nor unique")),
  MC305(Meta.error("pinned index does not exist on the query's table")),
  MC306(Meta.error("index or constraint name used more than once")),
  MC307(Meta.error("enum column without values, or with duplicate values")),
  MC308(Meta.error("primary key column declared nullable")),
  MC309(Meta.error("tombstone for an object that still exists")),
  MC310(Meta.error("query key that does not fit the query's kind")),
  MC311(new Meta("table without a primary key", Severity.WARNING)),
  MC312(Meta.error("renamedFrom names an object that still exists")),
  MC313(Meta.error("column listed twice")),
  MC314(Meta.error("SQL text that is not a literal or not one expression")),
  MC315(Meta.error("value that the column's type cannot hold")),
  MC316(Meta.error("operation the column's type does not support")),
  MC317(Meta.error("element larger than PostgreSQL or Java allows")),
  MC318(Meta.error("two objects renamed from the same one")),
  MC319(Meta.error("index shape its method does not support")),
  MC320(new Meta("foreign key between different but comparable types", Severity.WARNING)),
  MC321(Meta.error("type or operator class of an extension the model does not list")),
  MC323(Meta.error("query writes a column PostgreSQL fills itself")),
  MC324(Meta.error("parameter of an expression condition without a known type")),
  MC325(new Meta("reasons that are still the placeholder 'unknown'", Severity.NOTE));

  private final Meta meta;

  ReferenceCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
