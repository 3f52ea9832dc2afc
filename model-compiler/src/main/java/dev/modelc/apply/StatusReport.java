package dev.modelc.apply;

import dev.modelc.live.Database;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** {@code modelc apply --status}: where a plan stands on a database, from the journal, read-only. */
final class StatusReport {
  private StatusReport() {}

  static ApplyExit print(ReviewedPlan plan, Database primary, PrintWriter out) throws SQLException {
    try (Connection c = primary.connect(Database.Access.READ_ONLY, 30_000)) {
      Optional<Journal> journal = Journal.open(c, false, null);
      Optional<Journal.PlanRecord> record = journal.isPresent() ? journal.get().plan(plan.hash()) : Optional.empty();
      out.println("plan " + plan.shortHash() + " of model " + plan.model() + " (" + plan.file() + "), " + plan.steps().size() + " steps, on "
          + primary.describe());
      Optional<ApplierLock.Holder> holder = ApplierLock.holder(c);
      out.println("lock: " + holder.map(h -> "held by " + h).orElse("free"));
      if (record.isEmpty()) {
        out.println("status: not applied here" + (journal.isEmpty() ? " (the database has no modelc journal)" : ""));
        if (journal.isPresent()) {
          journal.get().inProgress().ifPresent(p -> out.println("in progress instead: plan " + p.hash().substring(0, 12) + " of model "
              + p.model() + " (" + p.file() + ") since " + p.startedAt() + " by " + p.startedBy()));
        }
        return ApplyExit.DONE;
      }
      Journal.PlanRecord p = record.get();
      out.println("status: " + p.status() + ", started " + p.startedAt() + " by " + p.startedBy()
          + (p.finishedAt() == null ? "" : ", finished " + p.finishedAt()) + (p.note() == null ? "" : " (" + p.note() + ")"));
      out.println("deploy: " + (p.deployConfirmedAt() != null ? "confirmed at " + p.deployConfirmedAt() + " by " + p.deployConfirmedBy()
          : journal.get().readings(plan.hash(), "deploy").isEmpty() ? "not reached" : "statistics recorded, waiting for --deployed"));
      Map<Integer, Journal.StepRecord> steps = journal.get().steps(plan.hash());
      for (PlanStep s : plan.steps()) {
        Journal.StepRecord r = steps.get(s.position());
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%3d. %-60s ", s.number(), s.id()));
        if (r == null) {
          line.append("to do");
        } else {
          line.append(r.status().equals(Journal.FAILED) && r.attempts() == 0 ? "stopped before it ran" : r.status()).append(" (")
              .append(r.attempts()).append(r.attempts() == 1 ? " attempt" : " attempts");
          if (r.durationMs() != null) {
            line.append(", ").append(r.durationMs()).append(" ms");
          }
          if (r.finishedAt() != null) {
            line.append(", ").append(r.finishedAt());
          }
          line.append(')');
          if (r.error() != null) {
            line.append(": ").append(r.error());
          }
        }
        if (s.backfill() != null && r != null && !r.finished()) {
          Journal.BackfillProgress b = journal.get().backfill(plan.hash(), s.id());
          line.append(String.format(java.util.Locale.ROOT, " [%,d rows updated in %,d batches, next page %,d]", b.rowsDone(), b.batches(),
              b.nextPage()));
        }
        out.println(line.toString().stripTrailing());
      }
      return ApplyExit.DONE;
    }
  }
}
