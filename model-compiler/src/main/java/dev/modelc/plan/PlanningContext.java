package dev.modelc.plan;

import dev.modelc.analyze.Coverage;
import dev.modelc.dialect.MigrationSql;
import dev.modelc.diff.ChangeSet;
import dev.modelc.model.Model;
import dev.modelc.model.Policy;
import dev.modelc.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.Objects;

/**
 * What the planners of one plan share: the two models and their coverage, the target's policy,
 * the dialect that spells the SQL, the expand and contract steps in the order they are
 * emitted, the deploy step between them, and which step readies or retires each object so
 * that later steps can wait for it.
 */
final class PlanningContext {
  final ChangeSet changes;
  final Model from;
  final Model to;
  final Coverage before;
  final Coverage after;
  final Policy policy;
  /** The SQL text of every statement and gate: the planners decide, the dialect spells. */
  final MigrationSql sql;
  /** The statement that opens every locking step, spelled once: a large plan repeats it a hundred thousand times. */
  final String lockTimeout;
  final List<StepDraft> expand = new ArrayList<>();
  final List<StepDraft> contract = new ArrayList<>();
  final StepDraft deploy = new StepDraft(StepKind.DEPLOY, Phase.DEPLOY, "application");
  /** Tables the new model adds: their columns, keys and indexes come with CREATE TABLE. */
  final Set<String> newTables = new HashSet<>();
  /** table -> the step that creates (or renames into place) the table. */
  final Map<String, StepDraft> tableCreated = new HashMap<>();
  /** table.column -> the step after which the column is ready for use. */
  final Map<String, StepDraft> columnReady = new HashMap<>();
  /** enum type -> the step that creates it. */
  final Map<String, StepDraft> enumCreated = new HashMap<>();
  /** index name -> the step that builds it. */
  final Map<String, StepDraft> indexBuilt = new HashMap<>();
  /** table.constraint -> the step that drops it. */
  final Map<String, StepDraft> constraintDropped = new HashMap<>();
  /** referenced table -> the steps that drop foreign keys pointing at it. */
  final Map<String, List<StepDraft>> fkDropsByTarget = new HashMap<>();
  /** table.column -> the shadow column that will take its name after the swap (type changes). */
  final Map<String, String> shadowOf = new HashMap<>();
  /** table -> (column -> its shadow column), the same pairs as {@link #shadowOf} by table. */
  final Map<String, Map<String, String>> shadowsByTable = new HashMap<>();
  /** table.column -> the step that drops the column's old incarnation (and with it its indexes). */
  final Map<String, StepDraft> oldColumnDropped = new HashMap<>();

  /** renamed table (new name) -> the table as it was: its old name stays as a view until the contract phase. */
  final Map<String, Table> compatibilityViews = new HashMap<>();
  /** renamed table (new name) -> the contract step that drops its compatibility view. */
  final Map<String, StepDraft> compatibilityViewDropped = new HashMap<>();

  PlanningContext(ChangeSet changes, Coverage before, Coverage after, MigrationSql sql) {
    this.changes = changes;
    this.from = changes.from();
    this.to = changes.to();
    this.before = before;
    this.after = after;
    this.policy = to.policy();
    this.sql = Objects.requireNonNull(sql, "sql == null");
    this.lockTimeout = sql.lockTimeout(policy.lockTimeout());
    for (dev.modelc.diff.Change c : changes.changes()) {
      if (c instanceof dev.modelc.diff.Change.TableRenamed r) {
        compatibilityViews.put(r.to().name(), r.from());
      }
    }
  }
}
