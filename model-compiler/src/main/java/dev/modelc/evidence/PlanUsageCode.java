package dev.modelc.evidence;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/** What the usage history says about a plan's drops ({@code plan --usage}, MC62x). */
public enum PlanUsageCode implements DiagnosticCode {
  MC620(Meta.error("plan drops an index or table that was used inside the window, and its tombstone does not say why (droppedDespiteUse)")),
  MC621(new Meta("usage of a dropped index or table is unknown over the window", Severity.WARNING));

  private final Meta meta;

  PlanUsageCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
