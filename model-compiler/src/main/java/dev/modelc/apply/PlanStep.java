package dev.modelc.apply;

import java.util.List;

/**
 * One step of a reviewed plan (docs/plan-json.md). {@code line} is where the step starts in
 * plan.json, for messages. {@code fingerprint} identifies what the step runs (its id, statements,
 * transaction mode and backfill), so the journal can tell whether a step done under another plan
 * is the same step.
 */
public record PlanStep(
    int position,
    String id,
    String kind,
    String phase,
    String target,
    String summary,
    boolean transactional,
    List<String> sql,
    List<PlanGate> gates,
    boolean approvalRequired,
    List<String> approvalReasons,
    PlanBackfill backfill,
    String appliedWhen,
    int line,
    String fingerprint) {

  public PlanStep {
    sql = List.copyOf(sql);
    gates = List.copyOf(gates);
    approvalReasons = List.copyOf(approvalReasons);
  }

  /** One gate: {@code kind} is condition, index-valid, index-unused or table-unused. */
  public record PlanGate(String description, String sql, String kind, String object) {
    public boolean usage() {
      return kind.equals("index-unused") || kind.equals("table-unused");
    }
  }

  /** A backfill's parts: every row meeting {@code pending} gets {@code value} in {@code column}. */
  public record PlanBackfill(String table, String column, String value, String pending, int batchRows) {}

  public boolean isDeploy() {
    return kind.equals("deploy");
  }

  public boolean isContract() {
    return phase.equals("contract");
  }

  public boolean isIndexBuild() {
    return kind.equals("build-index");
  }

  /** The statements to run: the plan's comments (lines starting with --) are for readers. */
  public List<String> statements() {
    return sql.stream().filter(s -> !s.startsWith("--")).toList();
  }

  /** 1-based number, as plan.md and plan.sql show it. */
  public int number() {
    return position + 1;
  }

  @Override
  public String toString() {
    return number() + ". " + id;
  }
}
