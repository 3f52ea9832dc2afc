package dev.modelc.diff;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Problems comparing two model versions (MC6xx). */
public enum DiffCode implements DiagnosticCode {
  MC601(Meta.error("object removed without a tombstone")),
  MC602(Meta.error("removed object is still used by a query of the new model")),
  MC603(new Meta("renamedFrom names nothing in the baseline", Severity.WARNING)),
  MC604(Meta.error("enum values removed or reordered")),
  MC605(Meta.error("new NOT NULL column without a default on an existing table")),
  MC606(Meta.error("primary key changed")),
  MC607(Meta.error("plan would leave a live query without a serving index")),
  MC608(new Meta("query of the new model has no serving index", Severity.WARNING)),
  MC609(Meta.error("type change of a key, unique or foreign-key column")),
  MC610(Meta.error("rename of a primary-key or referenced column")),
  MC611(Meta.error("plan fails its catalog simulation (a planner fault)")),
  MC612(Meta.error("plan steps cannot be ordered (a planner fault)")),
  MC630(Meta.error("plan step PostgreSQL would refuse because an unmanaged object depends on it")),
  MC631(Meta.error("change of a generated, identity or serial column that modelc does not plan")),
  MC632(new Meta("extension no longer listed stays installed", Severity.NOTE));

  private final Meta meta;

  DiffCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
