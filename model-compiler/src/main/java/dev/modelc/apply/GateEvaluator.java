package dev.modelc.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.live.NodeStatistics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a step's gates before it runs. Condition and index-valid gates run their query on the
 * primary; usage gates (index-unused, table-unused) read every node's statistics and are judged
 * by {@link UsageJudge} against the readings recorded at the deploy and at its confirmation.
 */
final class GateEvaluator {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One gate's outcome: {@code value} is what the database showed, {@code reason} why it failed (null when it passed). */
  record Result(PlanStep.PlanGate gate, boolean passed, String value, String reason) {}

  /** What the usage gates compare with; absent until the deploy step recorded it. */
  record Baselines(Map<String, NodeStatistics.Reading> deploy, Map<String, NodeStatistics.Reading> confirmed, Instant confirmedAt) {
    boolean recorded() {
      return !deploy.isEmpty();
    }
  }

  private final Connection primary;
  private final Nodes nodes;
  private final Duration window;
  private final Duration settle;
  private final java.util.function.Consumer<String> say;
  private boolean settled;

  /**
   * {@code settle}: how long to wait, once, before the first reading of the usage gates, so that
   * the scans made until then have reached the counters (PostgreSQL sends a session's counts at
   * most once a second while it works, and within ten seconds once it idles).
   */
  GateEvaluator(Connection primary, Nodes nodes, Duration window, Duration settle, java.util.function.Consumer<String> say) {
    this.primary = primary;
    this.nodes = nodes;
    this.window = window;
    this.settle = settle;
    this.say = say;
  }

  List<Result> evaluate(PlanStep step, Baselines baselines) throws SQLException {
    List<Result> out = new ArrayList<>();
    for (PlanStep.PlanGate g : step.gates()) {
      try {
        out.add(g.usage() ? usage(g, baselines) : condition(g));
      } catch (SQLException e) {
        if (lostConnection(e)) {
          throw e;
        }
        // a gate that cannot be evaluated does not pass
        out.add(new Result(g, false, "error", "the gate's query failed: " + StepExecutor.describe(e)));
      }
    }
    return out;
  }

  private Result condition(PlanStep.PlanGate g) throws SQLException {
    try (Statement s = primary.createStatement(); ResultSet rs = s.executeQuery(g.sql())) {
      if (!rs.next()) {
        return new Result(g, false, "no row", "the gate's query returned no row");
      }
      boolean value = rs.getBoolean(1);
      return new Result(g, value, String.valueOf(value), value ? null : "the database says false");
    }
  }

  private Result usage(PlanStep.PlanGate g, Baselines baselines) throws SQLException {
    if (baselines == null || !baselines.recorded() || baselines.confirmedAt() == null) {
      return new Result(g, false, "no baseline", baselines == null || !baselines.recorded()
          ? "no statistics were recorded at the deploy step, so use since the deploy is unknown"
          : "the deploy has not been confirmed (--deployed), so there is no 'since the deploy' yet");
    }
    if (!settled && !settle.isZero()) {
      say.accept("      waiting " + UsageJudge.human(settle) + " for the scans made until now to reach the statistics");
      try {
        Thread.sleep(settle.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the statistics", "57014", e);
      }
    }
    settled = true;
    String kind = g.kind().equals("index-unused") ? NodeStatistics.Usage.INDEX : NodeStatistics.Usage.TABLE;
    Map<String, String> unreadable = new LinkedHashMap<>();
    Map<String, NodeStatistics.Reading> now = nodes.read(kind.equals(NodeStatistics.Usage.INDEX) ? List.of(g.object()) : List.of(),
        kind.equals(NodeStatistics.Usage.TABLE) ? List.of(g.object()) : List.of(), unreadable);
    Instant checkedAt;
    try (Statement s = primary.createStatement(); ResultSet rs = s.executeQuery("SELECT now()")) {
      rs.next();
      checkedAt = rs.getTimestamp(1).toInstant();
    }
    UsageJudge.Verdict v = UsageJudge.judge(kind, g.object(), baselines.deploy(), baselines.confirmed(), now, unreadable,
        baselines.confirmedAt(), checkedAt, window);
    return new Result(g, v.passed(), v.value(), v.passed() ? null : v.reason());
  }

  /** The connection or the server went away (class 08, or an administrator's shutdown): not a verdict on the gate. */
  static boolean lostConnection(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }

  /** The results as the journal stores them. */
  static ObjectNode json(List<Result> results) {
    ObjectNode root = JSON.createObjectNode();
    root.put("checkedAt", Instant.now().toString());
    ArrayNode list = root.putArray("gates");
    for (Result r : results) {
      ObjectNode n = list.addObject();
      n.put("description", r.gate().description());
      n.put("kind", r.gate().kind());
      n.put("object", r.gate().object());
      n.put("passed", r.passed());
      n.put("value", r.value());
      n.put("reason", r.reason());
    }
    return root;
  }
}
