package dev.modelc.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.live.NodeStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record {@code modelc apply} keeps in the {@code modelc} schema of the database it changes:
 * per plan (known by the SHA-256 of its plan.json) who ran it and when, and per step its status
 * ({@code started}, {@code done}, {@code failed}, {@code skipped-already-present}), attempts,
 * timings, gate results with their values, approval and error; the statistics recorded at the
 * deploy for the usage gates; the progress of each backfill; and an event log.
 *
 * <p>The journal is created on first use and carries its version; a modelc that finds an older
 * version upgrades it, and one that finds a newer version refuses to touch it. Because it lives
 * in the same database, a transactional step and the record that it is done commit together, and
 * so do a backfill batch and its progress: after a crash the journal never claims less or more
 * than the database holds.
 */
public final class Journal {
  /** The version of the journal's tables this modelc writes. */
  public static final int VERSION = 1;
  public static final String SCHEMA = "modelc";

  /** Upgrades from version i to i + 1, in order; index 0 creates the journal. */
  private static final List<List<String>> UPGRADES = List.of(List.of(
      "CREATE SCHEMA IF NOT EXISTS modelc",
      "CREATE TABLE modelc.journal_version (one boolean PRIMARY KEY DEFAULT true CHECK (one), version int NOT NULL, "
          + "upgraded_at timestamptz NOT NULL DEFAULT now(), upgraded_by text NOT NULL)",
      "CREATE TABLE modelc.plans (plan_hash text PRIMARY KEY, model text NOT NULL, plan_file text NOT NULL, step_count int NOT NULL, "
          + "status text NOT NULL CHECK (status IN ('in-progress', 'complete', 'abandoned', 'superseded')), "
          + "started_at timestamptz NOT NULL DEFAULT now(), started_by text NOT NULL, finished_at timestamptz, superseded_by text, "
          + "deploy_confirmed_at timestamptz, deploy_confirmed_by text, note text)",
      // like pgroll: at most one plan in progress, enforced by the database itself
      "CREATE UNIQUE INDEX plans_one_in_progress ON modelc.plans ((true)) WHERE status = 'in-progress'",
      "CREATE TABLE modelc.runs (run_id bigserial PRIMARY KEY, plan_hash text NOT NULL REFERENCES modelc.plans, run_by text NOT NULL, "
          + "client_host text, backend_pid int NOT NULL, modelc_version text, options text, started_at timestamptz NOT NULL DEFAULT now(), "
          + "finished_at timestamptz, outcome text)",
      "CREATE TABLE modelc.steps (plan_hash text NOT NULL REFERENCES modelc.plans, position int NOT NULL, step_id text NOT NULL, "
          + "fingerprint text NOT NULL, kind text NOT NULL, "
          + "status text NOT NULL CHECK (status IN ('started', 'done', 'failed', 'skipped-already-present')), "
          + "attempts int NOT NULL DEFAULT 0, first_started_at timestamptz, started_at timestamptz, finished_at timestamptz, "
          + "duration_ms bigint, gates jsonb, approval jsonb, error text, run_id bigint, PRIMARY KEY (plan_hash, position))",
      "CREATE TABLE modelc.node_readings (plan_hash text NOT NULL REFERENCES modelc.plans, "
          + "taken text NOT NULL CHECK (taken IN ('deploy', 'confirmed')), node text NOT NULL, system_identifier text, "
          + "postmaster_start timestamptz, database_stats_reset timestamptz, shared_stats_reset timestamptz, in_recovery boolean, "
          + "server_version int, read_at timestamptz NOT NULL, PRIMARY KEY (plan_hash, taken, node))",
      "CREATE TABLE modelc.usage_baselines (plan_hash text NOT NULL, taken text NOT NULL, node text NOT NULL, "
          + "object_kind text NOT NULL, object text NOT NULL, found boolean NOT NULL, counter bigint NOT NULL, last_used timestamptz, "
          + "PRIMARY KEY (plan_hash, taken, node, object_kind, object), "
          + "FOREIGN KEY (plan_hash, taken, node) REFERENCES modelc.node_readings)",
      "CREATE TABLE modelc.backfills (plan_hash text NOT NULL REFERENCES modelc.plans, step_id text NOT NULL, next_page bigint NOT NULL, "
          + "rows_done bigint NOT NULL, batches bigint NOT NULL, sweeps int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), "
          + "PRIMARY KEY (plan_hash, step_id))",
      "CREATE TABLE modelc.events (event_id bigserial PRIMARY KEY, plan_hash text NOT NULL, run_id bigint, position int, "
          + "at timestamptz NOT NULL DEFAULT clock_timestamp(), event text NOT NULL, detail jsonb)"));

  /** A plan as the journal knows it. */
  public record PlanRecord(String hash, String model, String file, int stepCount, String status, Instant startedAt, String startedBy,
      Instant finishedAt, Instant deployConfirmedAt, String deployConfirmedBy, String note) {}

  /** A step as the journal knows it. */
  public record StepRecord(int position, String stepId, String fingerprint, String status, int attempts, Instant firstStartedAt,
      Instant finishedAt, Long durationMs, String gates, String approval, String error) {
    public boolean finished() {
      return status.equals(DONE) || status.equals(SKIPPED);
    }
  }

  /** Where a backfill stands: the next page to visit, rows updated so far, batches, full passes over the table. */
  public record BackfillProgress(long nextPage, long rowsDone, long batches, int sweeps) {
    public static final BackfillProgress START = new BackfillProgress(0, 0, 0, 0);
  }

  public static final String STARTED = "started";
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped-already-present";

  private final Connection control;

  private Journal(Connection control) {
    this.control = control;
  }

  /**
   * The journal on {@code control}'s database, created or upgraded when {@code create} is set (the
   * caller holds the apply lock), else read as it is (empty when there is none).
   *
   * @throws JournalException when the journal is newer than this modelc
   */
  public static Optional<Journal> open(Connection control, boolean create, String by) throws SQLException {
    int version = version(control);
    if (version > VERSION) {
      throw new JournalException("the journal in schema " + SCHEMA + " has version " + version + ", newer than this modelc writes ("
          + VERSION + "): apply with a modelc at least as new as the one that last applied to this database");
    }
    if (version == VERSION) {
      return Optional.of(new Journal(control));
    }
    if (!create) {
      return version == 0 ? Optional.empty() : Optional.of(new Journal(control));
    }
    int from = version;
    Transactions.run(control, () -> {
      try (Statement s = control.createStatement()) {
        for (int v = from; v < VERSION; v++) {
          for (String sql : UPGRADES.get(v)) {
            s.execute(sql);
          }
        }
      }
      try (PreparedStatement ps = control.prepareStatement("INSERT INTO modelc.journal_version (version, upgraded_by) VALUES (?, ?) "
          + "ON CONFLICT (one) DO UPDATE SET version = excluded.version, upgraded_at = now(), upgraded_by = excluded.upgraded_by")) {
        ps.setInt(1, VERSION);
        ps.setString(2, by);
        ps.executeUpdate();
      }
      return null;
    });
    return Optional.of(new Journal(control));
  }

  /** The journal's version in this database, 0 when there is none. */
  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('modelc.journal_version') IS NULL")) {
        rs.next();
        if (rs.getBoolean(1)) {
          return 0;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM modelc.journal_version")) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  // ---- plans and runs --------------------------------------------------------------------------

  public Optional<PlanRecord> plan(String hash) throws SQLException {
    return plans("WHERE plan_hash = ?", hash).stream().findFirst();
  }

  /** The plan in progress, if any (there is at most one). */
  public Optional<PlanRecord> inProgress() throws SQLException {
    return plans("WHERE status = 'in-progress'", null).stream().findFirst();
  }

  private List<PlanRecord> plans(String where, String arg) throws SQLException {
    List<PlanRecord> out = new ArrayList<>();
    try (PreparedStatement ps = control.prepareStatement("SELECT plan_hash, model, plan_file, step_count, status, started_at, started_by, "
        + "finished_at, deploy_confirmed_at, deploy_confirmed_by, note FROM modelc.plans " + where + " ORDER BY started_at")) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PlanRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), instant(rs, 6),
              rs.getString(7), instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getString(11)));
        }
      }
    }
    return out;
  }

  /** Registers {@code plan} as the plan in progress. */
  public void register(ReviewedPlan plan, String by) throws SQLException {
    update("INSERT INTO modelc.plans (plan_hash, model, plan_file, step_count, status, started_by) VALUES (?, ?, ?, ?, 'in-progress', ?)",
        plan.hash(), plan.model(), plan.file().toString(), plan.steps().size(), by);
  }

  /**
   * {@code plan} continues {@code old}, whose finished steps are its first steps: the old plan is
   * marked superseded and its step records, deploy readings, backfill progress and deploy
   * confirmation carry over, in one transaction.
   */
  public void supersede(PlanRecord old, ReviewedPlan plan, String by) throws SQLException {
    inTransaction(() -> {
      update("UPDATE modelc.plans SET status = 'superseded', superseded_by = ?, finished_at = now() WHERE plan_hash = ?", plan.hash(), old.hash());
      update("INSERT INTO modelc.plans (plan_hash, model, plan_file, step_count, status, started_by, deploy_confirmed_at, deploy_confirmed_by, note) "
          + "SELECT ?, ?, ?, ?, 'in-progress', ?, deploy_confirmed_at, deploy_confirmed_by, 'continues ' || plan_hash FROM modelc.plans WHERE plan_hash = ?",
          plan.hash(), plan.model(), plan.file().toString(), plan.steps().size(), by, old.hash());
      for (PlanStep s : plan.steps()) {
        update("INSERT INTO modelc.steps (plan_hash, position, step_id, fingerprint, kind, status, attempts, first_started_at, started_at, "
            + "finished_at, duration_ms, gates, approval, error, run_id) SELECT ?, position, step_id, fingerprint, kind, status, attempts, "
            + "first_started_at, started_at, finished_at, duration_ms, gates, approval, error, run_id FROM modelc.steps "
            + "WHERE plan_hash = ? AND position = ? AND fingerprint = ?", plan.hash(), old.hash(), s.position(), s.fingerprint());
        update("INSERT INTO modelc.backfills (plan_hash, step_id, next_page, rows_done, batches, sweeps) SELECT ?, step_id, next_page, "
            + "rows_done, batches, sweeps FROM modelc.backfills WHERE plan_hash = ? AND step_id = ?", plan.hash(), old.hash(), s.id());
      }
      update("INSERT INTO modelc.node_readings SELECT ?, taken, node, system_identifier, postmaster_start, database_stats_reset, "
          + "shared_stats_reset, in_recovery, server_version, read_at FROM modelc.node_readings WHERE plan_hash = ?", plan.hash(), old.hash());
      update("INSERT INTO modelc.usage_baselines SELECT ?, taken, node, object_kind, object, found, counter, last_used "
          + "FROM modelc.usage_baselines WHERE plan_hash = ?", plan.hash(), old.hash());
    });
  }

  public void finishPlan(String hash, String status, String note) throws SQLException {
    update("UPDATE modelc.plans SET status = ?, finished_at = now(), note = coalesce(?, note) WHERE plan_hash = ?", status, note, hash);
  }

  /**
   * Replaces the readings of the deploy and of its confirmation with {@code readings} taken now,
   * and moves the confirmation to {@code at}: the usage evidence starts again, after a reset made
   * the old readings useless.
   */
  public void rebaseline(String hash, java.util.Collection<NodeStatistics.Reading> readings, Instant at, String by) throws SQLException {
    inTransaction(() -> {
      update("DELETE FROM modelc.usage_baselines WHERE plan_hash = ?", hash);
      update("DELETE FROM modelc.node_readings WHERE plan_hash = ?", hash);
      for (NodeStatistics.Reading r : readings) {
        storeReading(hash, "deploy", r);
        storeReading(hash, "confirmed", r);
      }
      confirmDeploy(hash, at, by);
    });
  }

  public void confirmDeploy(String hash, Instant at, String by) throws SQLException {
    update("UPDATE modelc.plans SET deploy_confirmed_at = ?, deploy_confirmed_by = ? WHERE plan_hash = ?", Timestamp.from(at), by, hash);
  }

  public long startRun(String hash, String by, String host, int backendPid, String version, String options) throws SQLException {
    try (PreparedStatement ps = control.prepareStatement("INSERT INTO modelc.runs (plan_hash, run_by, client_host, backend_pid, modelc_version, options) "
        + "VALUES (?, ?, ?, ?, ?, ?) RETURNING run_id")) {
      ps.setString(1, hash);
      ps.setString(2, by);
      ps.setString(3, host);
      ps.setInt(4, backendPid);
      ps.setString(5, version);
      ps.setString(6, options);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public void finishRun(long runId, String outcome) throws SQLException {
    update("UPDATE modelc.runs SET finished_at = now(), outcome = ? WHERE run_id = ?", outcome, runId);
  }

  /** Who runs the apply holding the lock through backend {@code pid}, when the journal knows. */
  public Optional<String> runOf(int pid) throws SQLException {
    try (PreparedStatement ps = control.prepareStatement("SELECT r.run_by, r.client_host, r.started_at, p.model, r.plan_hash FROM modelc.runs r "
        + "JOIN modelc.plans p USING (plan_hash) WHERE r.backend_pid = ? AND r.finished_at IS NULL ORDER BY r.run_id DESC LIMIT 1")) {
      ps.setInt(1, pid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(rs.getString(1) + "@" + rs.getString(2) + " applying plan " + rs.getString(5).substring(0, 12)
            + " of model " + rs.getString(4) + " since " + rs.getTimestamp(3).toInstant());
      }
    }
  }

  // ---- steps -----------------------------------------------------------------------------------

  public Map<Integer, StepRecord> steps(String hash) throws SQLException {
    Map<Integer, StepRecord> out = new LinkedHashMap<>();
    try (PreparedStatement ps = control.prepareStatement("SELECT position, step_id, fingerprint, status, attempts, first_started_at, finished_at, "
        + "duration_ms, gates::text, approval::text, error FROM modelc.steps WHERE plan_hash = ? ORDER BY position")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long millis = rs.getLong(8);
          Long duration = rs.wasNull() ? null : millis;
          out.put(rs.getInt(1), new StepRecord(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
              instant(rs, 6), instant(rs, 7), duration, rs.getString(9), rs.getString(10), rs.getString(11)));
        }
      }
    }
    return out;
  }

  /** The step starts an attempt: status started, one more attempt, with the gate results and approval it ran under. */
  public void started(String hash, PlanStep step, long runId, ObjectNode gates, ObjectNode approval) throws SQLException {
    update("INSERT INTO modelc.steps (plan_hash, position, step_id, fingerprint, kind, status, attempts, first_started_at, started_at, gates, "
        + "approval, run_id) VALUES (?, ?, ?, ?, ?, 'started', 1, clock_timestamp(), clock_timestamp(), ?::jsonb, ?::jsonb, ?) "
        + "ON CONFLICT (plan_hash, position) DO UPDATE SET status = 'started', attempts = modelc.steps.attempts + 1, "
        + "started_at = clock_timestamp(), gates = coalesce(excluded.gates, modelc.steps.gates), "
        + "approval = coalesce(excluded.approval, modelc.steps.approval), error = NULL, run_id = excluded.run_id",
        hash, step.position(), step.id(), step.fingerprint(), step.kind(), json(gates), json(approval), runId);
  }

  /** Another attempt of a started step (after a lock timeout), with the reason the last one ended. */
  public void retried(String hash, PlanStep step, String why) throws SQLException {
    update("UPDATE modelc.steps SET attempts = attempts + 1, error = ? WHERE plan_hash = ? AND position = ?", why, hash, step.position());
  }

  /**
   * The step is finished ({@link #DONE} or {@link #SKIPPED}), written on {@code c}: the
   * connection whose transaction ran the step, so both commit together, or the control connection.
   */
  public static void finished(Connection c, String hash, PlanStep step, String status, long runId, ObjectNode gates) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO modelc.steps (plan_hash, position, step_id, fingerprint, kind, status, attempts, "
        + "first_started_at, started_at, finished_at, duration_ms, gates, run_id) VALUES (?, ?, ?, ?, ?, ?, 0, clock_timestamp(), "
        + "clock_timestamp(), clock_timestamp(), 0, ?::jsonb, ?) ON CONFLICT (plan_hash, position) DO UPDATE SET status = excluded.status, "
        + "finished_at = clock_timestamp(), duration_ms = (extract(epoch FROM clock_timestamp() - modelc.steps.started_at) * 1000)::bigint, "
        + "gates = coalesce(excluded.gates, modelc.steps.gates), error = NULL, run_id = excluded.run_id")) {
      ps.setString(1, hash);
      ps.setInt(2, step.position());
      ps.setString(3, step.id());
      ps.setString(4, step.fingerprint());
      ps.setString(5, step.kind());
      ps.setString(6, status);
      ps.setString(7, json(gates));
      ps.setLong(8, runId);
      ps.executeUpdate();
    }
  }

  public void finished(String hash, PlanStep step, String status, long runId, ObjectNode gates) throws SQLException {
    finished(control, hash, step, status, runId, gates);
  }

  /** The step did not run or did not finish: a gate failed, an approval is missing, or a statement failed. */
  public void failed(String hash, PlanStep step, long runId, String error, ObjectNode gates) throws SQLException {
    update("INSERT INTO modelc.steps (plan_hash, position, step_id, fingerprint, kind, status, attempts, finished_at, gates, error, run_id) "
        + "VALUES (?, ?, ?, ?, ?, 'failed', 0, clock_timestamp(), ?::jsonb, ?, ?) ON CONFLICT (plan_hash, position) DO UPDATE SET "
        + "status = 'failed', finished_at = clock_timestamp(), gates = coalesce(excluded.gates, modelc.steps.gates), error = excluded.error, "
        + "run_id = excluded.run_id", hash, step.position(), step.id(), step.fingerprint(), step.kind(), json(gates), error, runId);
  }

  /** Marks the deploy step as waiting for the operator's confirmation (status started, baselines recorded). */
  public void waiting(String hash, PlanStep step, long runId, ObjectNode gates) throws SQLException {
    update("INSERT INTO modelc.steps (plan_hash, position, step_id, fingerprint, kind, status, attempts, first_started_at, started_at, gates, "
        + "error, run_id) VALUES (?, ?, ?, ?, ?, 'started', 1, clock_timestamp(), clock_timestamp(), ?::jsonb, ?, ?) "
        + "ON CONFLICT (plan_hash, position) DO UPDATE SET status = 'started', gates = excluded.gates, error = excluded.error, "
        + "run_id = excluded.run_id", hash, step.position(), step.id(), step.fingerprint(), step.kind(), json(gates),
        "waiting for the deploy to be confirmed (--deployed)", runId);
  }

  public void event(String hash, long runId, Integer position, String event, ObjectNode detail) throws SQLException {
    update("INSERT INTO modelc.events (plan_hash, run_id, position, event, detail) VALUES (?, ?, ?, ?, ?::jsonb)",
        hash, runId, position, event, json(detail));
  }

  // ---- usage baselines -------------------------------------------------------------------------

  /** Stores one node's reading taken at the deploy ({@code taken} = deploy) or at its confirmation (confirmed). */
  public void storeReading(String hash, String taken, NodeStatistics.Reading reading) throws SQLException {
    NodeStatistics.Identity id = reading.identity();
    update("INSERT INTO modelc.node_readings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", hash, taken, id.node(),
        id.systemIdentifier(), ts(id.postmasterStart()), ts(id.databaseStatsReset()), ts(id.sharedStatsReset()), id.inRecovery(),
        id.serverVersion(), ts(id.readAt()));
    for (NodeStatistics.Usage u : reading.usage().values()) {
      update("INSERT INTO modelc.usage_baselines VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", hash, taken, id.node(), u.kind(),
          u.object(), u.found(), u.counter(), ts(u.lastUsed()));
    }
  }

  /** The readings taken at the deploy or its confirmation, by node. */
  public Map<String, NodeStatistics.Reading> readings(String hash, String taken) throws SQLException {
    Map<String, NodeStatistics.Identity> ids = new LinkedHashMap<>();
    try (PreparedStatement ps = control.prepareStatement("SELECT node, system_identifier, postmaster_start, database_stats_reset, "
        + "shared_stats_reset, in_recovery, server_version, read_at FROM modelc.node_readings WHERE plan_hash = ? AND taken = ? ORDER BY node")) {
      ps.setString(1, hash);
      ps.setString(2, taken);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(1), new NodeStatistics.Identity(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
              instant(rs, 5), rs.getBoolean(6), rs.getInt(7), instant(rs, 8)));
        }
      }
    }
    Map<String, NodeStatistics.Reading> out = new LinkedHashMap<>();
    for (Map.Entry<String, NodeStatistics.Identity> e : ids.entrySet()) {
      Map<String, NodeStatistics.Usage> usage = new LinkedHashMap<>();
      try (PreparedStatement ps = control.prepareStatement("SELECT object_kind, object, found, counter, last_used FROM modelc.usage_baselines "
          + "WHERE plan_hash = ? AND taken = ? AND node = ? ORDER BY object_kind, object")) {
        ps.setString(1, hash);
        ps.setString(2, taken);
        ps.setString(3, e.getKey());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            usage.put(rs.getString(1) + ":" + rs.getString(2), new NodeStatistics.Usage(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                rs.getLong(4), instant(rs, 5)));
          }
        }
      }
      out.put(e.getKey(), new NodeStatistics.Reading(e.getValue(), usage));
    }
    return out;
  }

  // ---- backfills -------------------------------------------------------------------------------

  public BackfillProgress backfill(String hash, String stepId) throws SQLException {
    try (PreparedStatement ps = control.prepareStatement("SELECT next_page, rows_done, batches, sweeps FROM modelc.backfills WHERE plan_hash = ? AND step_id = ?")) {
      ps.setString(1, hash);
      ps.setString(2, stepId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new BackfillProgress(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)) : BackfillProgress.START;
      }
    }
  }

  /** Records a backfill's progress on {@code c}, inside the transaction of the batch it follows. */
  public static void backfillProgress(Connection c, String hash, String stepId, BackfillProgress p) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO modelc.backfills (plan_hash, step_id, next_page, rows_done, batches, sweeps) "
        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (plan_hash, step_id) DO UPDATE SET next_page = excluded.next_page, "
        + "rows_done = excluded.rows_done, batches = excluded.batches, sweeps = excluded.sweeps, updated_at = now()")) {
      ps.setString(1, hash);
      ps.setString(2, stepId);
      ps.setLong(3, p.nextPage());
      ps.setLong(4, p.rowsDone());
      ps.setLong(5, p.batches());
      ps.setInt(6, p.sweeps());
      ps.executeUpdate();
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Work that must commit as a whole on the control connection. */
  @FunctionalInterface
  interface SqlWork {
    void run() throws SQLException;
  }

  private void inTransaction(SqlWork work) throws SQLException {
    Transactions.run(control, () -> {
      work.run();
      return null;
    });
  }

  private int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = control.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static String json(ObjectNode node) {
    return node == null ? null : node.toString();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /** The journal cannot be used as it is. */
  public static final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
      super(message);
    }
  }
}
