package dev.modelc.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.dialect.MigrationSql;
import dev.modelc.dialect.PostgresNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one step's statements on the apply's own connection, the way the step's kind needs:
 *
 * <ul>
 *   <li>a transactional step in one transaction, together with the journal's record that it is
 *       done, retried after a lock timeout (the transaction is rolled back first);
 *   <li>a concurrent index build in autocommit mode; an INVALID index of that name (a build that
 *       failed, timed out or was interrupted) is dropped concurrently and built again, up to
 *       {@code buildAttempts} times; a build still running in an orphaned session is waited for;
 *   <li>a backfill by {@link BackfillRunner}, batch by batch;
 *   <li>any other step outside a transaction, statement by statement (such steps are written to
 *       be run again: {@code IF EXISTS}, {@code IF NOT EXISTS}).
 * </ul>
 *
 * Before each attempt the session is reset to the plan's statement timeout and no lock timeout,
 * so a step's {@code SET} statements never leak into the next step.
 */
final class StepExecutor {
  /** A step did not complete; the message says why, for the operator. */
  static final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Connection exec;
  private final Journal journal;
  private final String planHash;
  private final long runId;
  private final LockRetry retry;
  private final Progress progress;
  private final Halt halt;
  private final MigrationSql sql;
  private final String statementTimeout;
  private final String lockTimeout;
  private final int buildAttempts;
  private final Duration builderWait;
  private final BackfillRunner backfills;

  StepExecutor(Connection exec, Journal journal, ReviewedPlan plan, long runId, LockRetry retry, Progress progress, Halt halt,
      MigrationSql sql, int buildAttempts, Duration builderWait, BackfillRunner backfills) {
    this.exec = exec;
    this.journal = journal;
    this.planHash = plan.hash();
    this.runId = runId;
    this.retry = retry;
    this.progress = progress;
    this.halt = halt;
    this.sql = sql;
    this.statementTimeout = plan.policy().statementTimeout();
    this.lockTimeout = plan.policy().lockTimeout();
    this.buildAttempts = buildAttempts;
    this.builderWait = builderWait;
    this.backfills = backfills;
  }

  /** Runs {@code step} and records it done; {@code gates} are the results it passed. */
  void run(PlanStep step, ObjectNode gates) throws StepFailure, InterruptedException {
    try {
      if (step.backfill() != null) {
        backfills.run(step);
        journal.finished(planHash, step, Journal.DONE, runId, gates);
      } else if (step.isIndexBuild() && !step.transactional()) {
        build(step);
        journal.finished(planHash, step, Journal.DONE, runId, gates);
      } else if (step.transactional()) {
        retry.run(() -> transaction(step, gates), (k, of, delay, cause) -> retrying(step, k, of, delay, cause));
      } else {
        retry.run(() -> autocommit(step.statements()), (k, of, delay, cause) -> retrying(step, k, of, delay, cause));
        journal.finished(planHash, step, Journal.DONE, runId, gates);
      }
    } catch (SQLException e) {
      throw new StepFailure(describe(e), e);
    }
  }

  private void transaction(PlanStep step, ObjectNode gates) throws SQLException {
    reset(exec, statementTimeout);
    Transactions.run(exec, () -> {
      try (Statement s = exec.createStatement()) {
        for (String statement : step.statements()) {
          s.execute(statement);
        }
      }
      Journal.finished(exec, planHash, step, Journal.DONE, runId, gates);
      return null;
    });
  }

  private void autocommit(List<String> statements) throws SQLException {
    reset(exec, statementTimeout);
    try (Statement s = exec.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** A concurrent build, made to end with a valid index or a clear failure. */
  private void build(PlanStep step) throws SQLException, InterruptedException, StepFailure {
    String index = step.target();
    int lockRetries = 0;
    for (int attempt = 1; ; ) {
      if (valid(index)) {
        return;
      }
      if (exists(index)) {
        waitForBuilders(index);
        if (valid(index)) {
          return;
        }
        progress.line("      index " + index + " is INVALID (a concurrent build failed or was interrupted): dropping it to build it again");
        retry.run(() -> autocommit(List.of(sql.lockTimeout(lockTimeout), sql.dropIndexConcurrently(index))),
            (k, of, delay, cause) -> retrying(step, k, of, delay, cause));
        journal.event(planHash, runId, step.position(), "invalid-index-dropped", GateEvaluator.JSON.createObjectNode().put("index", index));
      }
      halt.at("build:" + step.id());
      try {
        autocommit(step.statements());
      } catch (SQLException e) {
        if (LockRetry.retryable(e) && lockRetries < retry.settings().retries()) {
          lockRetries++;
          Duration delay = retry.delay(lockRetries);
          retrying(step, lockRetries, retry.settings().retries(), delay, e);
          Thread.sleep(delay.toMillis());
          continue;
        }
        dropQuietly(index);
        throw e;
      }
      if (valid(index)) {
        return;
      }
      if (attempt >= buildAttempts) {
        dropQuietly(index);
        throw new StepFailure("index " + index + " is still not valid after " + attempt + " builds; it was dropped", null);
      }
      attempt++;
    }
  }

  private boolean valid(String index) throws SQLException {
    return bool(sql.allOf(List.of(sql.indexPresent(index)), List.of()));
  }

  private boolean exists(String index) throws SQLException {
    return bool(sql.allOf(List.of(sql.indexExists(index)), List.of()));
  }

  private boolean bool(String query) throws SQLException {
    reset(exec, statementTimeout);
    try (Statement s = exec.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * An apply killed during a build leaves its server session building until the server notices
   * (apply asks for that within seconds, with {@code client_connection_check_interval}); the
   * rebuild waits for it rather than dropping an index another session is still building.
   */
  private void waitForBuilders(String index) throws SQLException, InterruptedException, StepFailure {
    long deadline = System.nanoTime() + builderWait.toNanos();
    boolean told = false;
    while (true) {
      List<Integer> pids = new ArrayList<>();
      try (PreparedStatement ps = exec.prepareStatement("SELECT pid FROM pg_stat_progress_create_index WHERE index_relid = to_regclass(?) "
          + "AND pid <> pg_backend_pid()")) {
        ps.setString(1, index);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            pids.add(rs.getInt(1));
          }
        }
      }
      if (pids.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StepFailure("index " + index + " is still being built by session(s) " + pids + " after " + UsageJudge.human(builderWait)
            + ": wait for it, or cancel it with pg_cancel_backend, and run apply again", null);
      }
      if (!told) {
        progress.line("      index " + index + " is being built by session " + pids + " (an interrupted apply?): waiting for it to end");
        told = true;
      }
      Thread.sleep(500);
    }
  }

  private void dropQuietly(String index) {
    try {
      if (exists(index) && !valid(index)) {
        autocommit(List.of(sql.dropIndexConcurrently(index)));
        progress.line("      dropped the INVALID index " + index + " the failed build left (it would slow every write)");
      }
    } catch (SQLException e) {
      progress.line("      could not drop the INVALID index " + index + " (" + describe(e) + "): drop it with "
          + sql.dropIndexConcurrently(index));
    }
  }

  private void retrying(PlanStep step, int k, int of, Duration delay, SQLException cause) throws SQLException {
    progress.line("      " + describe(cause) + ": retry " + k + " of " + of + " in " + UsageJudge.human(delay));
    journal.retried(planHash, step, describe(cause));
    journal.event(planHash, runId, step.position(), "retry", GateEvaluator.JSON.createObjectNode()
        .put("retry", k).put("delayMillis", delay.toMillis()).put("sqlstate", cause.getSQLState()).put("error", describe(cause)));
  }

  /** Resets what a previous step may have set, then applies the plan's statement timeout. */
  static void reset(Connection c, String statementTimeout) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("RESET lock_timeout; SET statement_timeout = " + PostgresNames.literal(statementTimeout));
    }
  }

  /** The first line of a database error with its SQLSTATE. */
  static String describe(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return message + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
  }
}
