package dev.modelc.plan;

import dev.modelc.analyze.Coverage;
import dev.modelc.dialect.MigrationSql;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.diff.ChangeSet;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Policy;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base of the planners of one concern (tables, columns, enum types, constraints, indexes,
 * the deploy): the shared {@link PlanningContext} under short names, and the pieces every
 * planner uses (a new step, the lock timeout, the brief exclusive lock, approvals, gates,
 * row counts, criticality).
 */
abstract class StepPlanner {
  final ChangeSet changes;
  final Model from;
  final Model to;
  final Coverage before;
  final Coverage after;
  final Policy policy;
  final MigrationSql sql;
  private final String lockTimeout;
  final List<StepDraft> expand;
  final List<StepDraft> contract;
  final StepDraft deploy;
  final java.util.Set<String> newTables;
  final Map<String, StepDraft> tableCreated;
  final Map<String, StepDraft> columnReady;
  final Map<String, StepDraft> enumCreated;
  final Map<String, StepDraft> indexBuilt;
  final Map<String, StepDraft> constraintDropped;
  final Map<String, List<StepDraft>> fkDropsByTarget;
  final Map<String, String> shadowOf;
  final Map<String, Map<String, String>> shadowsByTable;
  final Map<String, Table> compatibilityViews;
  final Map<String, StepDraft> compatibilityViewDropped;
  final Map<String, StepDraft> oldColumnDropped;

  StepPlanner(PlanningContext context) {
    this.changes = context.changes;
    this.from = context.from;
    this.to = context.to;
    this.before = context.before;
    this.after = context.after;
    this.policy = context.policy;
    this.sql = context.sql;
    this.lockTimeout = context.lockTimeout;
    this.expand = context.expand;
    this.contract = context.contract;
    this.deploy = context.deploy;
    this.newTables = context.newTables;
    this.tableCreated = context.tableCreated;
    this.columnReady = context.columnReady;
    this.enumCreated = context.enumCreated;
    this.indexBuilt = context.indexBuilt;
    this.constraintDropped = context.constraintDropped;
    this.fkDropsByTarget = context.fkDropsByTarget;
    this.shadowOf = context.shadowOf;
    this.shadowsByTable = context.shadowsByTable;
    this.compatibilityViews = context.compatibilityViews;
    this.compatibilityViewDropped = context.compatibilityViewDropped;
    this.oldColumnDropped = context.oldColumnDropped;
  }

  StepDraft step(StepKind kind, Phase phase, String target) {
    return new StepDraft(kind, phase, target);
  }

  String lockTimeout() {
    return lockTimeout;
  }

  Lock briefExclusive(String table) {
    return new Lock(sql.exclusiveLock(), table, "all reads and writes of " + table + " for milliseconds; waits at most lock_timeout, then retries");
  }

  List<String> rewriteApproval(String table) {
    if (!policy.approveTableRewrites()) {
      return List.of();
    }
    Long rows = rows(table);
    return List.of("writes every row of " + table + (rows == null ? "" : " (~" + Estimates.grouped(rows) + " rows)"));
  }

  Gate indexValid(String name) {
    return new Gate("index " + name + " exists and is valid (a failed concurrent build leaves it INVALID: drop it and build again)",
        sql.indexValidGate(name), Gate.Kind.INDEX_VALID, name);
  }

  Long rows(String table) {
    return to.table(table).or(() -> from.table(table)).map(Table::rows).orElse(null);
  }

  static String columns(Index index) {
    return String.join(", ", index.columns().stream().map(Object::toString).toList());
  }

  /** How a summary shows an index's keys: {@code (a, b desc)}, or {@code using gin (tags)} for other methods. */
  static String keys(Index index) {
    return (index.method().equals("btree") ? "" : "using " + index.method() + " ") + "(" + columns(index) + ")";
  }

  static Traffic indexCriticality(Coverage coverage, String index) {
    return coverage == null ? null : coverage.criticalityOf(index).orElse(null);
  }

  static Traffic tableCriticality(Model model, Coverage coverage, String table) {
    return model.queriesOf(table).stream().map(QueryPattern::traffic).min(java.util.Comparator.naturalOrder()).orElse(null);
  }

  static Traffic columnCriticality(Model model, Coverage coverage, String table, String column) {
    Traffic best = null;
    for (QueryPattern q : model.queriesOf(table)) {
      boolean uses = q.where().stream().anyMatch(p -> p.column().equals(column))
          || q.orderBy().stream().anyMatch(o -> o.column().equals(column))
          || q.set().contains(column) || q.returns().contains(column)
          || (q.returns().isEmpty() && (q.kind() == dev.modelc.model.QueryKind.SELECT || q.kind() == dev.modelc.model.QueryKind.INSERT));
      if (uses && (best == null || q.traffic().higherThan(best))) {
        best = q.traffic();
      }
    }
    return best;
  }

  /** A column of {@code table} named {@code name} with the type of {@code c}: owned by its table, needing its enum type. */
  static CatalogState.Deps columnDeps(String table, String name, Column c) {
    return columnDeps(table, c.type().kind() == TypeKind.ENUM ? PostgresNames.enumType(table, c.name()) : null);
  }

  static CatalogState.Deps columnDeps(String table, String enumType) {
    return new CatalogState.Deps(Set.of(DbObject.table(table)), enumType == null ? Set.of() : Set.of(DbObject.type(enumType)));
  }

  /** The column names {@code table} has while the plan runs: the new model's and the shadow columns. */
  List<String> columnsNow(String table) {
    List<String> names = new java.util.ArrayList<>();
    to.table(table).ifPresent(t -> t.columns().forEach(col -> names.add(col.name())));
    names.addAll(shadowsByTable.getOrDefault(table, Map.of()).values());
    return names;
  }

  /**
   * The view that keeps a renamed table's old name until the contract phase: the statement that
   * creates it over {@code table} (the new name), naming the columns the old application knows.
   */
  String compatibilityView(String table) {
    Table old = compatibilityViews.get(table);
    return sql.createCompatibilityView(old.name(), table, old.columns().stream().map(Column::name).toList());
  }

  /** What the compatibility view of {@code table} depends on: the table and each column it reads. */
  CatalogState.Deps compatibilityViewDeps(String table) {
    Set<DbObject> refs = new java.util.LinkedHashSet<>();
    refs.add(DbObject.table(table));
    compatibilityViews.get(table).columns().forEach(c -> refs.add(DbObject.column(table, c.name())));
    return new CatalogState.Deps(Set.of(), refs);
  }

  /** The columns the keys of {@code index} read: plain keys, and the columns an expression key mentions. */
  List<String> keyColumns(Index index) {
    List<String> out = new java.util.ArrayList<>();
    for (dev.modelc.model.IndexColumn k : index.columns()) {
      if (k.expression()) {
        out.addAll(dev.modelc.dialect.PostgresExpressions.columnsIn(k.column(), columnsNow(index.table())));
      } else {
        out.add(k.column());
      }
    }
    return out;
  }

  /** The baseline's version of {@code table}, also when the new model renames it. */
  Table baselineOf(Table table) {
    return from.table(table.name()).or(() -> table.renamedFrom() == null ? java.util.Optional.empty()
        : from.table(table.renamedFrom())).orElse(null);
  }
}
