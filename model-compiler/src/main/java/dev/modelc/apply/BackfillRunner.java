package dev.modelc.apply;

import dev.modelc.dialect.MigrationSql;
import dev.modelc.dialect.PostgresNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs a backfill in batches over ranges of the table's pages, each batch in its own short
 * transaction that also records the backfill's progress in the journal, so a rerun after a crash
 * resumes after the last committed batch and no batch is counted twice. A batch updates only the
 * rows still pending (a batch run again changes nothing), under the plan's {@code lock_timeout}.
 *
 * <p>Batches are sized to take about half of {@code batchTime}: the next batch doubles or halves
 * its pages after one that ran much faster or slower, and a batch that runs past five times the
 * batch time is cancelled and tried again with half the pages. Rows written while the backfill
 * runs are kept in step by the plan's sync trigger, so a pass ends at the table's size when it
 * started (the new row versions the batches write go after it); after a pass apply counts the
 * rows still pending and passes again if some are left (a row an application moved to a page
 * already visited), a bounded number of times.
 */
final class BackfillRunner {
  /** How the batches are sized. */
  record Settings(Duration batchTime, int maxPasses) {}

  private static final long MAX_PAGES_PER_BATCH = 1 << 20;
  private final Connection exec;
  private final Journal journal;
  private final ReviewedPlan plan;
  private final LockRetry retry;
  private final Progress progress;
  private final Halt halt;
  private final MigrationSql sql;
  private final Settings settings;

  BackfillRunner(Connection exec, Journal journal, ReviewedPlan plan, LockRetry retry, Progress progress, Halt halt, MigrationSql sql,
      Settings settings) {
    this.exec = exec;
    this.journal = journal;
    this.plan = plan;
    this.retry = retry;
    this.progress = progress;
    this.halt = halt;
    this.sql = sql;
    this.settings = settings;
  }

  void run(PlanStep step) throws SQLException, InterruptedException, StepExecutor.StepFailure {
    PlanStep.PlanBackfill fill = step.backfill();
    if (serverVersion() < 140000) {
      // before PostgreSQL 14 a range of ctids is no TID range scan: each batch would read the whole table
      progress.line("      PostgreSQL before 14 cannot read a range of pages: running the plan's own batched statement instead");
      retry.run(() -> {
        StepExecutor.reset(exec, "0");
        try (Statement s = exec.createStatement()) {
          for (String statement : step.statements()) {
            s.execute(statement);
          }
        }
      }, (k, of, delay, cause) -> progress.line("      " + StepExecutor.describe(cause) + ": retry " + k + " of " + of));
      return;
    }
    String batch = sql.backfillBatch(fill.table(), fill.column(), fill.value(), fill.pending());
    Journal.BackfillProgress p = journal.backfill(plan.hash(), step.id());
    double rowsEstimate = estimate(fill.table());
    long pages = Math.max(1, pages(fill.table()));
    double rowsPerPage = rowsEstimate > 0 ? rowsEstimate / pages : 100;
    long batchPages = clamp((long) Math.ceil(fill.batchRows() / Math.max(1, rowsPerPage)));
    long targetMillis = Math.max(10, settings.batchTime().toMillis() / 2);
    String label = "backfill " + fill.table() + "." + fill.column();
    if (p.batches() > 0) {
      progress.line(String.format(Locale.ROOT, "      resuming after batch %,d (page %,d of ~%,d, %,d rows updated so far)", p.batches(),
          p.nextPage(), pages, p.rowsDone()));
    }
    long started = System.nanoTime();
    long startPage = p.nextPage();
    long startRows = p.rowsDone();
    while (true) {
      // the pass ends at the table's size when it starts: the row versions the batches write go
      // after it, and rows the application writes meanwhile are kept in step by the sync trigger
      long total = pages(fill.table());
      while (p.nextPage() < total) {
        long from = p.nextPage();
        long to = Math.min(from + batchPages, total);
        long t0 = System.nanoTime();
        Journal.BackfillProgress before = p;
        Journal.BackfillProgress[] after = new Journal.BackfillProgress[1];
        try {
          retry.run(() -> after[0] = batch(step, batch, before, from, to),
              (k, of, delay, cause) -> progress.line("      batch at page " + from + ": " + StepExecutor.describe(cause) + ": retry " + k
                  + " of " + of + " in " + UsageJudge.human(delay)));
        } catch (SQLException e) {
          if ("57014".equals(e.getSQLState()) && batchPages > 1) {
            batchPages = Math.max(1, batchPages / 2); // ran past its time: try the same pages in smaller batches
            continue;
          }
          throw e;
        }
        p = after[0];
        long millis = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        if (millis > 2 * targetMillis) {
          batchPages = Math.max(1, batchPages / 2);
        } else if (millis < targetMillis / 2) {
          batchPages = clamp(batchPages * 2);
        }
        progress.update(line(label, p, total, rowsEstimate, started, startPage, startRows));
        halt.at("batch:" + step.id() + ":" + p.batches());
      }
      long pending = pending(fill);
      if (pending == 0) {
        progress.done(line(label, p, p.nextPage(), rowsEstimate, started, startPage, startRows) + ": done");
        return;
      }
      if (p.sweeps() + 1 >= settings.maxPasses()) {
        throw new StepExecutor.StepFailure(String.format(Locale.ROOT, "%,d rows of %s are still pending after %d passes over the table: "
            + "something keeps writing rows the sync trigger does not cover; find it, then run apply again", pending, fill.table(),
            settings.maxPasses()), null);
      }
      progress.line(String.format(Locale.ROOT, "      %,d rows still pending after pass %d (written meanwhile): another pass", pending,
          p.sweeps() + 1));
      p = new Journal.BackfillProgress(0, p.rowsDone(), p.batches(), p.sweeps() + 1);
      Journal.backfillProgress(exec, plan.hash(), step.id(), p);
      started = System.nanoTime();
      startPage = 0;
      startRows = p.rowsDone();
    }
  }

  /** One batch and its progress record, committed together. */
  private Journal.BackfillProgress batch(PlanStep step, String batch, Journal.BackfillProgress p, long from, long to) throws SQLException {
    StepExecutor.reset(exec, settings.batchTime().multipliedBy(5).toMillis() + "ms");
    try (Statement s = exec.createStatement()) {
      s.execute("SET lock_timeout = " + PostgresNames.literal(plan.policy().lockTimeout()));
    }
    return Transactions.run(exec, () -> {
      int updated;
      try (PreparedStatement ps = exec.prepareStatement(batch)) {
        ps.setString(1, "(" + from + ",0)");
        ps.setString(2, "(" + to + ",0)");
        updated = ps.executeUpdate();
      }
      Journal.BackfillProgress next = new Journal.BackfillProgress(to, p.rowsDone() + updated, p.batches() + 1, p.sweeps());
      Journal.backfillProgress(exec, plan.hash(), step.id(), next);
      return next;
    });
  }

  /**
   * Rows updated of the planner's estimate of the table's rows (some rows need no update), where
   * the pass is in the table's pages, the rate of updated rows, and the time left at the pace the
   * pages go by.
   */
  private static String line(String label, Journal.BackfillProgress p, long total, double rowsEstimate, long started, long startPage,
      long startRows) {
    double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
    double pagesPerSecond = (p.nextPage() - startPage) / seconds;
    long left = Math.max(0, total - p.nextPage());
    String eta = pagesPerSecond <= 0 ? "?" : UsageJudge.human(Duration.ofMillis((long) (left / pagesPerSecond * 1000)));
    return String.format(Locale.ROOT, "      %s: %,d rows updated of ~%,d, page %,d of %,d (%d%%), %,.0f rows/s, ETA %s", label, p.rowsDone(),
        (long) rowsEstimate, p.nextPage(), total, total == 0 ? 100 : Math.min(100, p.nextPage() * 100 / total),
        (p.rowsDone() - startRows) / seconds, eta);
  }

  private static long clamp(long pages) {
    return Math.max(1, Math.min(MAX_PAGES_PER_BATCH, pages));
  }

  private int serverVersion() throws SQLException {
    try (Statement s = exec.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The planner's estimate of the table's rows (0 when it was never analyzed). */
  private double estimate(String table) throws SQLException {
    try (PreparedStatement ps = exec.prepareStatement("SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = to_regclass(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : 0;
      }
    }
  }

  /** The table's size in pages now (it grows while the backfill writes new row versions). */
  private long pages(String table) throws SQLException {
    try (PreparedStatement ps = exec.prepareStatement("SELECT pg_relation_size(to_regclass(?)) / current_setting('block_size')::bigint")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long pending(PlanStep.PlanBackfill fill) throws SQLException {
    StepExecutor.reset(exec, "0");
    try (Statement s = exec.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + PostgresNames.quote(fill.table()) + " WHERE " + fill.pending())) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
