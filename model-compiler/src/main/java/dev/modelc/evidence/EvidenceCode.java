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
  MC955(new Meta("table has no planner statistics: plans are guesses until it is analyzed", Severity.NOTE));

  private final Meta meta;

  EvidenceCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
