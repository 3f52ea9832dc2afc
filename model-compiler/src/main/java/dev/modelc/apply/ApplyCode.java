package dev.modelc.apply;

import dev.modelc.diag.DiagnosticCode;

/** Reading what {@code modelc apply} is given: the reviewed plan and the approvals (MC9xx). */
public enum ApplyCode implements DiagnosticCode {
  MC901(Meta.error("plan file cannot be read")),
  MC902(Meta.error("plan file is not a plan modelc can apply")),
  MC903(Meta.error("approvals file is invalid"));

  private final Meta meta;

  ApplyCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
