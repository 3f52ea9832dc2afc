package dev.modelc.apply;

import dev.modelc.live.Database;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code modelc apply --dry-run}: says what apply would do now, on a read-only connection,
 * without the lock and without creating the journal. Steps the journal records as done are
 * listed as such; for the others it evaluates every gate it can against the database as it is
 * (a gate of a later step may fail only because the steps before it have not run), looks up the
 * approvals, and prints the statements that would run.
 *
 * <p>The exit code is the one apply would stop with, as far as it can be known now: 4 if a gate of
 * the next step fails, 6 if a step apply would reach lacks its approval, 5 at an unconfirmed
 * deploy, else 0.
 */
final class DryRun {
  private final ReviewedPlan plan;
  private final Approvals approvals;
  private final Database primary;
  private final Nodes nodes;
  private final ApplyOptions options;
  private final PrintWriter out;

  DryRun(ReviewedPlan plan, Approvals approvals, Database primary, Nodes nodes, ApplyOptions options, PrintWriter out) {
    this.plan = plan;
    this.approvals = approvals;
    this.primary = primary;
    this.nodes = nodes;
    this.options = options;
    this.out = out;
  }

  ApplyExit run() throws SQLException {
    try (Connection c = primary.connect(Database.Access.READ_ONLY, 0)) {
      Optional<Journal> journal = Journal.open(c, false, null);
      Map<Integer, Journal.StepRecord> records = journal.isPresent() ? journal.get().steps(plan.hash()) : Map.of();
      Optional<Journal.PlanRecord> record = journal.isPresent() ? journal.get().plan(plan.hash()) : Optional.empty();
      out.println("modelc apply --dry-run: plan " + plan.shortHash() + " of model " + plan.model() + " on " + primary.describe()
          + ": nothing is written");
      ApplierLock.holder(c).ifPresent(h -> out.println("  note: an apply holds the lock now: " + h));
      record.ifPresent(r -> out.println("  the journal knows this plan: " + r.status() + " since " + r.startedAt()));
      // a dry run reads the statistics as they are: the last seconds of scans may not have reached them yet
      GateEvaluator gates = new GateEvaluator(c, nodes, options.usageWindow(), Duration.ZERO, line -> { });
      GateEvaluator.Baselines baselines = journal.isPresent()
          ? new GateEvaluator.Baselines(journal.get().readings(plan.hash(), "deploy"), journal.get().readings(plan.hash(), "confirmed"),
              record.map(Journal.PlanRecord::deployConfirmedAt).orElse(null))
          : null;
      ApplyExit first = null;
      boolean pendingBefore = false;
      for (PlanStep step : plan.steps()) {
        Journal.StepRecord r = records.get(step.position());
        if (r != null && r.finished()) {
          out.println(step + ": " + r.status() + " earlier");
          continue;
        }
        // like the gates, whether a later step's work is present depends on the steps before it
        if (!pendingBefore && step.appliedWhen() != null && bool(c, step.appliedWhen())) {
          out.println(step + ": already present in the database: would be skipped");
          continue;
        }
        out.println(step + (pendingBefore ? " (after the steps above)" : "") + ": " + step.summary());
        ApplyExit verdict = null;
        List<GateEvaluator.Result> results = gates.evaluate(step, baselines);
        for (GateEvaluator.Result g : results) {
          // a gate of a later step may read what the steps before it create: its failure says nothing yet
          boolean usageNotYet = g.gate().usage() && (baselines == null || baselines.confirmedAt() == null);
          String verdictText = g.passed() ? "passes" : usageNotYet ? "not judged yet" : pendingBefore ? "not true yet (the steps before it run first)"
              : "FAILS";
          out.println("    gate " + verdictText + ": " + g.gate().description()
              + (g.value() == null || g.value().isEmpty() ? "" : " [" + g.value() + "]") + (g.passed() || pendingBefore ? "" : " (" + g.reason() + ")"));
          if (!g.passed() && !usageNotYet && !pendingBefore) {
            verdict = ApplyExit.GATE_FAILED;
          }
        }
        if (step.approvalRequired()) {
          Optional<Approvals.Approval> a = approvals.of(step.id());
          out.println("    approval: " + a.map(x -> "given by " + x.by()).orElse("MISSING (" + String.join("; ", step.approvalReasons()) + ")"));
          if (a.isEmpty() && verdict == null) {
            verdict = ApplyExit.APPROVAL_MISSING;
          }
        }
        if (step.isDeploy()) {
          boolean confirmed = record.map(x -> x.deployConfirmedAt() != null).orElse(false);
          out.println("    would record the use of " + UsageObjects.of(plan).describe() + " on every node, then "
              + (confirmed ? "continue (the deploy was confirmed)" : options.deployed() ? "record the confirmation (--deployed) and continue"
                  : "stop until the deploy is confirmed (--deployed)"));
          if (!confirmed && !options.deployed() && verdict == null) {
            verdict = ApplyExit.WAITING_FOR_DEPLOY;
          }
        } else if (step.backfill() != null) {
          PlanStep.PlanBackfill f = step.backfill();
          out.println("    would set " + f.table() + "." + f.column() + " = " + f.value() + " where " + f.pending()
              + ", in batches over the table's pages, each committed with its progress");
        } else {
          out.println("    would run" + (step.transactional() ? " in one transaction" : " outside a transaction") + ":");
          step.statements().forEach(s -> out.println("      " + s.replace("\n", "\n      ") + ";"));
        }
        if (first == null) {
          first = verdict;
        }
        pendingBefore = true;
      }
      if (!pendingBefore) {
        out.println("nothing to do: every step is done");
      }
      return first == null ? ApplyExit.DONE : first;
    }
  }

  private static boolean bool(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rs.next() && rs.getBoolean(1);
    }
  }
}
