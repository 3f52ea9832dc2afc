package dev.modelc.check;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** Reasons still to be written: the placeholders {@code modelc import} leaves (MC801). */
public enum PlaceholderCode implements DiagnosticCode {
  MC801(new Meta("reasons still to fill in (placeholders written by import)", Severity.NOTE));

  private final Meta meta;

  PlaceholderCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
