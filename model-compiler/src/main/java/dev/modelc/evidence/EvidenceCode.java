package dev.modelc.evidence;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.Severity;

/**
 * What the live database says about the model's claims (MC95x-MC99x): {@code verify}
 * (PostgreSQL's planner against the resolver), {@code drift} (the catalog against the model) and
 * {@code usage} (index statistics and observed statements against the declared queries).
 */
public enum EvidenceCode implements DiagnosticCode {
  MC950(new Meta("PostgreSQL plans the query with another index, or none, than the one modelc claims (error for critical traffic)", Severity.WARNING)),
  MC951(new Meta("PostgreSQL sorts the rows differently than modelc claims (error for critical traffic)", Severity.WARNING)),
  MC952(new Meta("PostgreSQL's index condition does not use every column modelc claims narrows the scan (error for critical traffic)", Severity.WARNING)),
  MC953(new Meta("PostgreSQL narrows the query with an index where modelc says no index serves it (error for critical traffic)", Severity.WARNING)),
  MC954(new Meta("PostgreSQL cannot plan the query on this database (error for critical traffic)", Severity.WARNING)),
  MC955(new Meta("table has no planner statistics: plans are guesses until it is analyzed", Severity.NOTE)),
  MC960(new Meta("object in the model but not in the database", Severity.WARNING)),
  MC961(new Meta("object in the database but not in the model (untracked)", Severity.WARNING)),
  MC962(new Meta("object defined differently in the database than in the model", Severity.WARNING)),
  MC963(new Meta("index is INVALID in the database (a failed concurrent build)", Severity.WARNING)),
  MC964(new Meta("object in the database that the model neither manages nor lists as unmanaged", Severity.WARNING)),
  MC965(new Meta("unmanaged object listed in the model but not in the database", Severity.WARNING)),
  MC966(new Meta("unmanaged object is another kind of object in the database", Severity.WARNING)),
  MC967(new Meta("unmanaged object's dependencies differ from what the database records", Severity.WARNING)),
  MC970(new Meta("index unused on every node over the window", Severity.WARNING)),
  MC971(new Meta("index used, but it serves no declared query: a query pattern is missing from the model", Severity.WARNING)),
  MC972(new Meta("index declared as serving a critical query, but never scanned on any node over the window", Severity.WARNING)),
  MC973(new Meta("index usage unknown: counters were reset inside the window, or a node has no snapshot in it", Severity.NOTE)),
  MC974(Meta.error("usage history line is not a snapshot modelc can read"));

  private final Meta meta;

  EvidenceCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
