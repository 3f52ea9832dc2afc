package dev.modelc.importer;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Importing a model from a live database (MC802-MC849; the placeholders import writes are counted by {@code check}, MC325). */
public enum ImportCode implements DiagnosticCode {
  MC802(Meta.error("cannot connect to the database")),
  MC803(Meta.error("cannot read the database's catalog")),
  MC804(Meta.error("schema does not exist")),
  MC805(new Meta("INVALID index reported, not imported", Severity.WARNING)),
  MC806(new Meta("object the model language cannot express left unmanaged", Severity.WARNING)),
  MC807(new Meta("setting the model language cannot express, kept by the database only", Severity.WARNING)),
  MC808(new Meta("imported object needs an unmanaged object", Severity.WARNING)),
  MC809(Meta.error("output folder is not empty")),
  MC810(Meta.error("imported model does not check"));

  private final Meta meta;

  ImportCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
