package dev.modelc.plan;

import dev.modelc.analyze.Coverage;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.dialect.MigrationSql;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.dialect.PostgresMigrationSql;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.dialect.PostgresTypes;
import dev.modelc.diff.Change;
import dev.modelc.diff.ChangeSet;
import dev.modelc.diff.DiffCode;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Policy;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a change set into an ordered plan of expand, deploy and contract steps. Everything a
 * running application of either version can live with happens before the deploy (new tables,
 * nullable or fast-default columns, NOT VALID constraints then VALIDATE, concurrent index
 * builds); everything that removes or tightens happens after it, each removal gated on the
 * database showing the old object unused. A changed index is one intention: the replacement is
 * built and verified before the deploy and the old one dropped after it, never the reverse.
 */
public final class Planner {
  private final ChangeSet changes;
  private final Model from;
  private final Model to;
  private final Coverage before;
  private final Coverage after;
  private final Policy policy;
  /** The SQL text of every statement and gate: the planner decides, the dialect spells. */
  private final MigrationSql sql;
  private final List<StepDraft> expand = new ArrayList<>();
  private final List<StepDraft> contract = new ArrayList<>();
  private final Map<String, StepDraft> tableCreated = new HashMap<>();
  private final Map<String, StepDraft> columnReady = new HashMap<>();
  private final Map<String, StepDraft> enumCreated = new HashMap<>();
  private final Map<String, StepDraft> indexBuilt = new HashMap<>();
  private final Map<String, StepDraft> constraintDropped = new HashMap<>();
  private final Set<String> ids = new HashSet<>();
  private final Map<String, List<StepDraft>> fkDropsByTarget = new HashMap<>();
  /** table.column -> the shadow column that will take its name after the swap (type changes). */
  private final Map<String, String> shadowOf = new HashMap<>();
  /** table.column -> the step that drops the column's old incarnation (and with it its indexes). */
  private final Map<String, StepDraft> oldColumnDropped = new HashMap<>();
  private StepDraft deploy;
  private final CatalogState start;

  private Planner(ChangeSet changes, Coverage before, Coverage after, MigrationSql sql) {
    this.changes = changes;
    this.sql = java.util.Objects.requireNonNull(sql, "sql == null");
    this.from = changes.from();
    this.to = changes.to();
    this.before = before;
    this.after = after;
    this.policy = to.policy();
    this.start = CatalogState.of(from);
  }

  /** Plans {@code changes} for PostgreSQL; {@code before}/{@code after} are the coverage of the two models. */
  public static Plan plan(ChangeSet changes, Coverage before, Coverage after) {
    return plan(changes, before, after, new PostgresMigrationSql());
  }

  /** Plans {@code changes} with the statements and gates of {@code sql}'s dialect. */
  public static Plan plan(ChangeSet changes, Coverage before, Coverage after, MigrationSql sql) {
    Planner p = new Planner(changes, before, after, sql);
    p.build();
    List<StepDraft> emitted = new ArrayList<>(p.expand);
    emitted.add(p.deploy);
    emitted.addAll(p.contract);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(changes.diagnostics());
    StepOrder.Result order = StepOrder.sort(emitted, p.start);
    List<StepDraft> all = order.steps();
    if (order.problem() != null) {
      diagnostics.report(DiffCode.MC612, p.to.source(), "the plan's steps cannot be ordered: " + order.problem()
          + "; no plan is written (this is a fault of modelc's planner: please report it with the two models)");
      all = emitted;
    }
    p.assignIds(all);
    for (String problem : CatalogSimulator.check(p.start, CatalogState.of(p.to), all)) {
      diagnostics.report(DiffCode.MC611, p.to.source(), "the plan fails its catalog simulation: " + problem
          + "; no plan is written (this is a fault of modelc's planner: please report it with the two models)");
    }
    List<Step> steps = all.stream().map(StepDraft::build).toList();
    List<QueryChange> queries = p.queryChanges();
    diagnostics.addAll(InvariantSimulator.check(p.from, p.to, p.before, p.after, all));
    return new Plan(p.to.name(), steps, queries, diagnostics.sorted());
  }

  private void build() {
    deploy = new StepDraft(StepKind.DEPLOY, Phase.DEPLOY, "application");
    createNewTables();
    dropRetiredForeignKeyCycles();
    for (Change c : changes.changes()) {
      apply(c);
    }
    deploy.summary("Deploy the application version built against model '" + to.name()
        + "': new queries start, old queries stop.");
    deploy.reason("Expand steps are done: the new shape exists next to the old one.");
    deploy.estimate("as long as the rollout takes");
    for (StepDraft s : expand) {
      deploy.after(s);
      if (s.builds != null) {
        deploy.gate(indexValid(s.buildsAs));
      }
    }
    for (StepDraft s : contract) {
      for (Gate g : s.gates) {
        if (g.baseline()) {
          deploy.sql(sql.comment("record for the contract gates: " + g.sql()));
        }
      }
    }
  }

  private void apply(Change c) {
    if (c instanceof Change.TableAdded) {
      return; // created first, in dependency order
    } else if (c instanceof Change.TableRenamed r) {
      renameTable(r);
    } else if (c instanceof Change.TableRemoved r) {
      dropTable(r);
    } else if (c instanceof Change.ColumnAdded a) {
      addColumn(a.table(), a.column());
    } else if (c instanceof Change.ColumnRemoved r) {
      dropColumn(r);
    } else if (c instanceof Change.ColumnRenamed r) {
      replaceColumn(r.table(), r.from(), r.to(), false);
    } else if (c instanceof Change.ColumnTypeChanged t) {
      changeType(t);
    } else if (c instanceof Change.ColumnNullabilityChanged n) {
      nullability(n);
    } else if (c instanceof Change.ColumnDefaultChanged d) {
      setDefault(d.table(), d.to());
    } else if (c instanceof Change.EnumValuesAdded e) {
      addEnumValues(e);
    } else if (c instanceof Change.ForeignKeyAdded f) {
      addForeignKey(f.table(), f.column());
    } else if (c instanceof Change.ForeignKeyRemoved f) {
      fkDropsByTarget.computeIfAbsent(f.column().references().table(), k -> new ArrayList<>())
              .add(dropConstraint(f.table(), PostgresNames.foreignKey(f.table(), f.column().name()),
                  "foreign key " + f.column().name() + " -> " + f.column().references(), "The model no longer declares this foreign key."));
    } else if (c instanceof Change.UniqueAdded u) {
      addUnique(u.table(), u.column());
    } else if (c instanceof Change.UniqueRemoved u) {
      dropConstraint(u.table(), PostgresNames.uniqueColumn(u.table(), u.column().name()),
              "unique constraint on " + u.column().name(), "The model no longer declares " + u.column().name() + " unique.");
    } else if (c instanceof Change.CheckAdded a) {
      addCheck(a.table(), a.check(), null);
    } else if (c instanceof Change.CheckRemoved r) {
      dropConstraint(r.table(), r.check().name(), "check " + r.check().name(),
              "The model no longer declares this check.");
    } else if (c instanceof Change.CheckChanged ch) {
      changeCheck(ch);
    } else if (c instanceof Change.IndexAdded a) {
      buildIndex(a.table(), a.index(), a.index().name(), a.index().reason());
    } else if (c instanceof Change.IndexRemoved r) {
      dropIndex(r);
    } else if (c instanceof Change.IndexModified m) {
      modifyIndex(m);
    } else if (c instanceof Change.IndexRenamed r) {
      renameIndex(r);
    }
  }

  // ---- tables ------------------------------------------------------------------------------

  /**
   * New tables are created referenced-first, each with the foreign keys to tables that exist by
   * then; a key that closes a cycle among new tables is added once both tables exist.
   */
  private void createNewTables() {
    Set<String> added = new HashSet<>();
    for (Change c : changes.changes()) {
      if (c instanceof Change.TableAdded t) {
        added.add(t.added().name());
      }
    }
    Set<String> existing = new HashSet<>();
    to.tables().stream().map(Table::name).filter(n -> !added.contains(n)).forEach(existing::add);
    for (Table t : PostgresDdl.referencedFirst(to)) {
      if (added.contains(t.name())) {
        createTable(t, existing);
        existing.add(t.name());
      }
    }
  }

  private void createTable(Table t, Set<String> existing) {
    StepDraft s = step(StepKind.CREATE_TABLE, Phase.EXPAND, t.name())
        .summary("Create table " + t.name() + (t.indexes().isEmpty() ? "" : " with its " + t.indexes().size() + " index(es)"))
        .reason(t.description() != null ? t.description() : "New table of the model.")
        .criticality(null, tableCriticality(to, after, t.name()))
        .lock(new Lock(sql.writeBlockingLock(), "referenced tables", "writes to referenced tables for milliseconds (foreign keys)"))
        .rollback(sql.dropTable(t.name()));
    for (Column c : t.columns()) {
      if (c.type().kind() == TypeKind.ENUM) {
        s.after(createEnum(t.name(), c));
      }
    }
    List<Column> later = new ArrayList<>();
    for (Column c : t.columns()) {
      if (c.references() != null && !c.references().table().equals(t.name()) && !existing.contains(c.references().table())) {
        later.add(c);
      }
      if (c.references() != null && tableCreated.containsKey(c.references().table())) {
        s.after(tableCreated.get(c.references().table()));
      }
    }
    s.sql(lockTimeout()).sql(sql.createTableIfNotExists(t, existing));
    for (Index i : t.indexes()) {
      s.sql(sql.createIndexIfNotExists(i));
    }
    Map<DbObject, CatalogState.Deps> objects = new LinkedHashMap<>(CatalogState.tableObjects(to, t));
    objects.keySet().removeIf(o -> o.kind() == DbObject.Kind.TYPE); // created by their own steps
    for (Column c : later) {
      objects.remove(DbObject.constraint(t.name(), PostgresNames.foreignKey(t.name(), c.name())));
    }
    s.creates(objects);
    tableCreated.put(t.name(), s);
    t.columns().forEach(c -> columnReady.put(t.name() + "." + c.name(), s));
    for (Column c : later) {
      String name = PostgresNames.foreignKey(t.name(), c.name());
      StepDraft f = step(StepKind.ADD_FOREIGN_KEY, Phase.EXPAND, t.name() + "." + name)
          .summary("Add foreign key " + t.name() + "." + c.name() + " -> " + c.references() + " once both new tables exist")
          .sql(lockTimeout(), sql.addForeignKey(t.name(), c))
          .reason("New tables that reference each other in a cycle get the closing key once both exist.").after(s)
          .lock(new Lock(sql.writeBlockingLock(), t.name() + " and " + c.references().table(), "writes for milliseconds (both tables are new)"))
          .creates(DbObject.constraint(t.name(), name), CatalogState.foreignKey(to, t.name(), c))
          .rollback(lockTimeout(), sql.dropConstraint(t.name(), name));
      expand.add(f);
    }
    for (Index i : t.indexes()) {
      indexBuilt.put(i.name(), s);
    }
    expand.add(s);
  }

  /**
   * Retired tables that reference each other in a cycle cannot be dropped one by one: the keys
   * that close the cycle are dropped first. Other keys between retired tables need no step of
   * their own: each table is dropped after every table pointing at it.
   */
  private void dropRetiredForeignKeyCycles() {
    Map<String, Table> retired = new LinkedHashMap<>();
    for (Change c : changes.changes()) {
      if (c instanceof Change.TableRemoved r) {
        retired.put(r.removed().name(), r.removed());
      }
    }
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    for (Table t : retired.values()) {
      closeRetiredCycles(t, retired, done, visiting);
    }
  }

  private void closeRetiredCycles(Table t, Map<String, Table> retired, Set<String> done, Set<String> visiting) {
    if (done.contains(t.name())) {
      return;
    }
    visiting.add(t.name());
    for (Column c : t.columns()) {
      Table target = c.references() == null ? null : retired.get(c.references().table());
      if (target == null || target == t) {
        continue;
      }
      if (visiting.contains(target.name())) {
        dropConstraint(t.name(), PostgresNames.foreignKey(t.name(), c.name()), "foreign key " + c.name() + " -> " + c.references(),
            "Both tables are retired and reference each other; the key that closes the cycle goes first.");
      } else {
        closeRetiredCycles(target, retired, done, visiting);
      }
    }
    visiting.remove(t.name());
    done.add(t.name());
  }

  private StepDraft createEnum(String table, Column c) {
    String type = PostgresNames.enumType(table, c.name());
    return enumCreated.computeIfAbsent(type, k -> {
      StepDraft e = step(StepKind.CREATE_ENUM_TYPE, Phase.EXPAND, type)
          .summary("Create enum type " + type + " (" + String.join(", ", c.type().enumValues()) + ")")
          .reason("Values of " + table + "." + c.name() + ".")
          .sql(sql.createEnumIfNotExists(type, c.type().enumValues()))
          .creates(DbObject.type(type), CatalogState.Deps.NONE)
          .rollback(sql.dropType(type));
      expand.add(e);
      return e;
    });
  }

  private void renameTable(Change.TableRenamed r) {
    Table old = r.from();
    Table t = r.to();
    List<String> renames = new ArrayList<>();
    StepDraft s = step(StepKind.CREATE_TABLE, Phase.EXPAND, t.name());
    renames.add(lockTimeout());
    renames.add(sql.renameTable(old.name(), t.name()));
    s.renames(DbObject.table(old.name()), DbObject.table(t.name()));
    if (!old.primaryKey().isEmpty()) {
      renameKeyConstraint(s, renames, t.name(), PostgresNames.primaryKey(old), PostgresNames.primaryKey(t));
    }
    for (Column c : old.columns()) {
      if (c.unique() && !old.primaryKey().equals(List.of(c.name()))) {
        renameKeyConstraint(s, renames, t.name(), PostgresNames.uniqueColumn(old.name(), c.name()), PostgresNames.uniqueColumn(t.name(), c.name()));
      }
      String oldKey = PostgresNames.foreignKey(old.name(), c.name());
      String newKey = PostgresNames.foreignKey(t.name(), c.name());
      if (c.references() != null && !oldKey.equals(newKey)) {
        renames.add(sql.renameConstraint(t.name(), oldKey, newKey));
        s.renames(DbObject.constraint(t.name(), oldKey), DbObject.constraint(t.name(), newKey));
      }
      String oldType = PostgresNames.enumType(old.name(), c.name());
      String newType = PostgresNames.enumType(t.name(), c.name());
      if (c.type().kind() == TypeKind.ENUM && !oldType.equals(newType)) {
        renames.add(sql.renameType(oldType, newType));
        s.renames(DbObject.type(oldType), DbObject.type(newType));
      }
    }
    renames.add(sql.createCompatibilityView(old.name(), t.name()));
    s.creates(DbObject.view(old.name()), new CatalogState.Deps(Set.of(), Set.of(DbObject.table(t.name()))));
    s
        .summary("Rename table " + old.name() + " to " + t.name() + " behind a compatibility view named " + old.name())
        .reason("Renamed in the model (renamedFrom: " + old.name() + "). The view keeps the old name readable and writable "
            + "(a simple view is updatable) until every application instance uses the new name.")
        .criticality(tableCriticality(from, before, old.name()), tableCriticality(to, after, t.name()))
        .lock(new Lock(sql.exclusiveLock(), old.name(), "all reads and writes of the table for milliseconds"))
        .sql(renames.toArray(String[]::new))
        .rollback(sql.dropView(old.name()), sql.renameTable(t.name(), old.name()));
    expand.add(s);
    tableCreated.put(t.name(), s);
    StepDraft drop = step(StepKind.DROP_TABLE, Phase.CONTRACT, old.name())
        .summary("Drop the compatibility view " + old.name())
        .reason("Every application instance uses " + t.name() + " since the deploy.")
        .after(deploy).sql(lockTimeout(), sql.dropView(old.name()))
        .removes(DbObject.view(old.name()))
        .lock(new Lock(sql.exclusiveLock(), old.name() + " (view)", "nothing that still matters: no query uses the view"))
        .rollback(sql.createCompatibilityView(old.name(), t.name()));
    contract.add(drop);
  }

  /** A key constraint's rename renames its index too. */
  private void renameKeyConstraint(StepDraft s, List<String> statements, String table, String from, String to) {
    if (from.equals(to)) {
      return;
    }
    statements.add(sql.renameConstraint(table, from, to));
    s.renames(DbObject.constraint(table, from), DbObject.constraint(table, to));
    s.renames(DbObject.index(from), DbObject.index(to));
  }

  private void dropTable(Change.TableRemoved r) {
    Table t = r.removed();
    StepDraft s = step(StepKind.DROP_TABLE, Phase.CONTRACT, t.name())
        .summary("Drop table " + t.name())
        .reason(r.tombstone().reason())
        .criticality(tableCriticality(from, before, t.name()), null)
        .after(deploy)
        .gate(new Gate("table " + t.name() + " had no reads or writes since the deploy (counter unchanged from the deploy step)",
            sql.tableUseCounter(t.name()), true))
        .lock(new Lock(sql.exclusiveLock(), t.name(), "all use of the table; none is expected"))
        .sql(lockTimeout(), sql.dropTable(t.name()))
        .removes(DbObject.table(t.name()))
        .rollback(sql.comment("restore " + t.name() + " from a backup: dropping a table discards its rows"));
    s.after(fkDropsByTarget.getOrDefault(t.name(), List.of()).toArray(StepDraft[]::new));
    for (Column c : t.columns()) {
      if (c.type().kind() == TypeKind.ENUM) {
        s.sql(sql.dropType(PostgresNames.enumType(t.name(), c.name())));
        s.removes(DbObject.type(PostgresNames.enumType(t.name(), c.name())));
      }
    }
    contract.add(s);
  }

  // ---- columns -----------------------------------------------------------------------------

  private void addColumn(String table, Column c) {
    Long rows = rows(table);
    boolean existing = from.table(table).isPresent();
    StepDraft enumStep = c.type().kind() == TypeKind.ENUM ? createEnum(table, c) : null;
    boolean fast = c.defaultValue() == null || PostgresTypes.isFastDefault(c.defaultValue());
    String type = sql.columnType(table, c);
    StepDraft add = step(StepKind.ADD_COLUMN, Phase.EXPAND, table + "." + c.name())
        .reason(c.description() != null ? c.description() : "New column of the model.")
        .criticality(null, columnCriticality(to, after, table, c.name()))
        .after(enumStep, tableCreated.get(table))
        .lock(briefExclusive(table))
        .creates(DbObject.column(table, c.name()), columnDeps(table, c.name(), c))
        .rollback(lockTimeout(), sql.dropColumn(table, c.name()));
    if (fast || !existing) {
      add.summary("Add column " + table + "." + c.name() + " " + type + (c.nullable() ? "" : " NOT NULL")
          + (c.defaultValue() == null ? "" : " DEFAULT " + c.defaultValue())
          + (c.defaultValue() != null && !c.nullable() ? " (PostgreSQL 11+ stores the default in the catalog: no rewrite)" : ""))
          .sql(lockTimeout(), sql.addColumn(table, c));
      expand.add(add);
      columnReady.put(table + "." + c.name(), add);
      return;
    }
    // A volatile default would rewrite the table under an exclusive lock: add, default, backfill, tighten.
    add.summary("Add column " + table + "." + c.name() + " " + type + " as nullable, with its default for new rows")
        .sql(lockTimeout(), sql.addColumn(table, c.name(), type), sql.setDefault(table, c.name(), c));
    expand.add(add);
    StepDraft fill = backfill(table, c.name(), sql.defaultValue(table, c), sql.isUnset(c.name()),
        "Give existing rows the default " + c.defaultValue() + " (it is volatile, so PostgreSQL cannot store it once).", add);
    StepDraft last = fill;
    if (!c.nullable()) {
      last = setNotNull(table, c.name(), Phase.EXPAND, fill, "The column is NOT NULL in the model; every row has a value after the backfill.");
    }
    columnReady.put(table + "." + c.name(), last);
  }

  /** A column of {@code table} named {@code name} with the type of {@code c}: owned by its table, needing its enum type. */
  private static CatalogState.Deps columnDeps(String table, String name, Column c) {
    return columnDeps(table, c.type().kind() == TypeKind.ENUM ? PostgresNames.enumType(table, c.name()) : null);
  }

  private static CatalogState.Deps columnDeps(String table, String enumType) {
    return new CatalogState.Deps(Set.of(DbObject.table(table)), enumType == null ? Set.of() : Set.of(DbObject.type(enumType)));
  }

  private StepDraft backfill(String table, String column, String value, String pending, String reason, StepDraft after) {
    StepDraft s = step(StepKind.BACKFILL, Phase.EXPAND, table + "." + column)
        .summary("Backfill " + table + "." + column + " in batches of 10,000 rows, committing after each")
        .reason(reason).after(after).nonTransactional()
        .criticality(columnCriticality(from, before, table, column), columnCriticality(to, after(), table, column))
        .lock(new Lock(sql.rowWriteLock(), table, "nothing table-wide; each batch locks its 10,000 rows briefly"))
        .estimate(Estimates.backfill(rows(table)))
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.backfill(table, column, value, pending))
        .gate(new Gate("the columns " + table + "." + column + " depends on exist", sql.tableExistsGate(table), false))
        .requires(DbObject.column(table, column))
        .rollback(sql.comment("nothing to undo: the backfilled values are dropped with the column"));
    s.approvalReasons.addAll(rewriteApproval(table));
    expand.add(s);
    return s;
  }

  private Coverage after() {
    return after;
  }

  /** NOT NULL without a long exclusive lock: a NOT VALID check, VALIDATE, SET NOT NULL, drop the check. */
  private StepDraft setNotNull(String table, String column, Phase phase, StepDraft after, String reason) {
    String check = PostgresNames.notNullCheck(table, column);
    List<StepDraft> into = phase == Phase.EXPAND ? expand : contract;
    StepDraft add = step(StepKind.ADD_NOT_NULL_CHECK, phase, table + "." + column)
        .summary("Add CHECK (" + column + " IS NOT NULL) NOT VALID on " + table + ": enforced for new writes at once, no scan")
        .reason(reason).after(after)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.addNotNullCheckNotValid(table, check, column))
        .creates(DbObject.constraint(table, check), CatalogState.Deps.ownedBy(DbObject.table(table), DbObject.column(table, column)))
        .rollback(lockTimeout(), sql.dropConstraint(table, check));
    into.add(add);
    StepDraft validate = step(StepKind.VALIDATE_CONSTRAINT, phase, table + "." + check)
        .summary("Validate " + check + ": scans " + table + " without blocking reads or writes")
        .reason("PostgreSQL 12+ then sets NOT NULL without its own full-table scan.").after(add)
        .gate(new Gate("no row of " + table + " has " + column + " NULL", sql.noNullsGate(table, column), false))
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes and VACUUM; reads and writes continue"))
        .estimate(Estimates.validation(rows(table)))
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.validateConstraint(table, check))
        .requires(DbObject.constraint(table, check))
        .rollback(sql.comment("nothing to undo"));
    into.add(validate);
    StepDraft set = step(StepKind.SET_NOT_NULL, phase, table + "." + column)
        .summary("Set " + table + "." + column + " NOT NULL (proved by the valid check, so no scan) and drop the check")
        .reason(reason).after(validate)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.setNotNull(table, column), sql.dropConstraint(table, check))
        .requires(DbObject.column(table, column)).removes(DbObject.constraint(table, check))
        .rollback(lockTimeout(), sql.dropNotNull(table, column));
    set.criticality(columnCriticality(from, before, table, column), columnCriticality(to, this.after, table, column));
    into.add(set);
    return set;
  }

  private void dropColumn(Change.ColumnRemoved r) {
    String table = r.table();
    Column c = r.column();
    StepDraft s = step(StepKind.DROP_COLUMN, Phase.CONTRACT, table + "." + c.name())
        .summary("Drop column " + table + "." + c.name())
        .reason(r.tombstone().reason())
        .criticality(columnCriticality(from, before, table, c.name()), null)
        .after(deploy)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.dropColumn(table, c.name()))
        .removes(DbObject.column(table, c.name()))
        .rollback(sql.comment("dropping a column discards its values: restore them from a backup if needed"),
            sql.addColumn(table, c.name(), sql.columnType(table, c)));
    StepDraft fk = constraintDropped.get(table + "." + PostgresNames.foreignKey(table, c.name()));
    s.after(fk);
    if (c.type().kind() == TypeKind.ENUM) {
      s.sql(sql.dropType(PostgresNames.enumType(table, c.name())));
      s.removes(DbObject.type(PostgresNames.enumType(table, c.name())));
    }
    contract.add(s);
  }

  /**
   * A rename or a type change as expand/contract: a new column next to the old one, a trigger
   * that keeps both in step whichever one a writer sets, a batched backfill, and after the deploy
   * the old column goes. A type change keeps its name by swapping names in one short transaction.
   */
  private void replaceColumn(String table, Column old, Column c, boolean typeChange) {
    String shadow = typeChange ? PostgresNames.companion(c.name(), "new") : c.name();
    if (typeChange) {
      shadowOf.put(table + "." + c.name(), shadow);
    }
    Column shadowColumn = new Column(shadow, c.type(), true, null, false, false, null, c.description(), null, c.source());
    StepDraft enumStep = c.type().kind() == TypeKind.ENUM && typeChange ? createEnumForShadow(table, c) : null;
    if (c.type().kind() == TypeKind.ENUM && !typeChange) {
      enumStep = createEnum(table, c);
    }
    String newType = typeChange && c.type().kind() == TypeKind.ENUM
        ? sql.namedType(PostgresNames.enumType(table, c.name())) : sql.columnType(table, shadowColumn);
    String oldType = sql.columnType(table, old);
    StepDraft add = step(StepKind.ADD_COLUMN, Phase.EXPAND, table + "." + shadow)
        .summary("Add column " + table + "." + shadow + " " + newType + " next to " + old.name()
            + (typeChange ? " (" + oldType + " -> " + newType + ")" : ""))
        .reason(typeChange ? "Type of " + table + "." + c.name() + " changes from " + old.type().modelSpelling() + " to "
            + c.type().modelSpelling() + "; a new column avoids rewriting the table under an exclusive lock."
            : "Renamed in the model (renamedFrom: " + old.name() + "); never a bare RENAME of a live column.")
        .criticality(columnCriticality(from, before, table, old.name()), columnCriticality(to, after, table, c.name()))
        .after(enumStep)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.addColumn(table, shadow, newType))
        .creates(DbObject.column(table, shadow), columnDeps(table, c.type().kind() != TypeKind.ENUM ? null : typeChange
            ? PostgresNames.companion(PostgresNames.enumType(table, c.name()), "new") : PostgresNames.enumType(table, c.name())))
        .rollback(lockTimeout(), sql.dropColumn(table, shadow));
    expand.add(add);
    String fn = PostgresNames.companion("modelc_sync_" + table + "_" + old.name(), "fn");
    String trigger = PostgresNames.companion("modelc_sync_" + table + "_" + old.name(), "trg");
    StepDraft sync = step(StepKind.INSTALL_SYNC_TRIGGER, Phase.EXPAND, table + "." + shadow)
        .summary("Keep " + old.name() + " and " + shadow + " in step with a trigger, whichever one a writer sets")
        .reason("Old and new application versions run side by side during the deploy; both columns must stay equal.")
        .after(add)
        .lock(new Lock(sql.writeBlockingLock(), table, "writes for milliseconds while the trigger is created"))
        .sql(lockTimeout(), sql.syncTriggerFunction(fn, old, shadow, c, oldType, newType), sql.dropTrigger(trigger, table),
            sql.createSyncTrigger(trigger, table, fn))
        .requires(DbObject.column(table, old.name()), DbObject.column(table, shadow))
        .creates(DbObject.function(fn), CatalogState.Deps.NONE)
        .creates(DbObject.trigger(table, trigger), new CatalogState.Deps(Set.of(DbObject.table(table)), Set.of(DbObject.function(fn))))
        .rollback(sql.dropTrigger(trigger, table), sql.dropFunction(fn));
    expand.add(sync);
    String converted = sql.converted(old, newType);
    StepDraft fill = backfill(table, shadow, converted, sql.differs(shadow, converted),
        "Copy " + old.name() + " into " + shadow + " for rows written before the trigger existed.", sync);
    fill.gate(new Gate("the sync trigger exists", sql.triggerExistsGate(trigger), false));
    fill.requires(DbObject.column(table, old.name()), DbObject.trigger(table, trigger));
    StepDraft ready = fill;
    if (!c.nullable()) {
      ready = setNotNull(table, shadow, Phase.EXPAND, fill, "The column is NOT NULL in the model.");
    }
    if (c.defaultValue() != null) {
      StepDraft d = step(StepKind.SET_DEFAULT, Phase.EXPAND, table + "." + shadow)
          .summary("Set the default of " + table + "." + shadow + " to " + c.defaultValue()).after(ready)
          .reason("Default of the column in the model.").lock(briefExclusive(table))
          .sql(lockTimeout(), sql.setDefault(table, shadow, c))
          .requires(DbObject.column(table, shadow))
          .rollback(lockTimeout(), sql.dropDefault(table, shadow));
      expand.add(d);
      ready = d;
    }
    columnReady.put(table + "." + shadow, ready);
    columnReady.put(table + "." + c.name(), ready);
    List<StepDraft> contractSteps = new ArrayList<>();
    if (typeChange) {
      StepDraft swap = step(StepKind.SWAP_COLUMNS, Phase.CONTRACT, table + "." + c.name())
          .summary("Swap " + c.name() + " and " + shadow + " in one transaction, so " + c.name() + " has the new type")
          .reason("Both columns hold the same values (the trigger keeps them equal); renaming both in one transaction is atomic for readers.")
          .after(deploy)
          .gate(new Gate("the two columns agree on every row", sql.columnsAgreeGate(table, shadow, converted), false))
          .lock(briefExclusive(table))
          .criticality(columnCriticality(from, before, table, old.name()), columnCriticality(to, after, table, c.name()))
          .sql(lockTimeout(), sql.dropTrigger(trigger, table),
              sql.renameColumn(table, old.name(), PostgresNames.companion(old.name(), "old")),
              sql.renameColumn(table, shadow, c.name()))
          .rollback(sql.renameColumn(table, c.name(), shadow),
              sql.renameColumn(table, PostgresNames.companion(old.name(), "old"), old.name()));
      swap.removes(DbObject.trigger(table, trigger))
          .renames(DbObject.column(table, old.name()), DbObject.column(table, PostgresNames.companion(old.name(), "old")))
          .renames(DbObject.column(table, shadow), DbObject.column(table, c.name()));
      contract.add(swap);
      if (c.type().kind() == TypeKind.ENUM) {
        String companionType = PostgresNames.companion(PostgresNames.enumType(table, c.name()), "new");
        swap.sql(sql.renameType(companionType, PostgresNames.enumType(table, c.name())));
        swap.renames(DbObject.type(companionType), DbObject.type(PostgresNames.enumType(table, c.name())));
      }
      contractSteps.add(swap);
    }
    String oldName = typeChange ? PostgresNames.companion(old.name(), "old") : old.name();
    StepDraft dropTrigger = step(StepKind.DROP_TRIGGER, Phase.CONTRACT, table + "." + old.name())
        .summary("Drop the sync trigger and column " + table + "." + old.name())
        .reason("Since the deploy every writer uses " + c.name() + ".")
        .after(deploy).after(contractSteps.toArray(StepDraft[]::new))
        .lock(briefExclusive(table))
        .criticality(columnCriticality(from, before, table, old.name()), null)
        .sql(lockTimeout(), sql.dropTrigger(trigger, table), sql.dropFunction(fn), sql.dropColumn(table, oldName))
        .rollback(sql.comment("the old column's values are gone: restore from a backup to go back"));
    if (!typeChange) {
      dropTrigger.removes(DbObject.trigger(table, trigger));
    }
    dropTrigger.removes(DbObject.function(fn), DbObject.column(table, oldName));
    String oldEnum = PostgresNames.enumType(table, old.name());
    if (old.type().kind() == TypeKind.ENUM && (typeChange || !oldEnum.equals(PostgresNames.enumType(table, c.name())))) {
      dropTrigger.sql(sql.dropType(oldEnum));
      dropTrigger.removes(DbObject.type(oldEnum));
    }
    contract.add(dropTrigger);
    oldColumnDropped.put(table + "." + c.name(), dropTrigger);
    if (typeChange) {
      rebuildUnchangedIndexes(table, old, c, dropTrigger);
    } else {
      if (c.references() != null) {
        addForeignKey(table, c);
      }
      if (c.unique()) {
        addUnique(table, c);
      }
    }
  }

  /**
   * Dropping the old column of a type change drops its indexes with it, so every index the new
   * model keeps on the column is built again on the new column first, under a companion name,
   * and takes its own name once the old column is gone.
   */
  private void rebuildUnchangedIndexes(String table, Column old, Column c, StepDraft oldDropped) {
    Table newTable = to.table(table).orElseThrow();
    Table oldTable = from.table(table).orElse(null);
    for (Index index : newTable.indexes()) {
      boolean uses = index.columnNames().contains(c.name()) || index.include().contains(c.name());
      Index before = oldTable == null ? null : oldTable.index(index.name()).orElse(null);
      if (!uses || before == null || !before.sameDefinition(index)) {
        continue; // new or modified indexes are built by their own change
      }
      String companion = PostgresNames.companion(index.name(), "new");
      StepDraft build = buildIndex(table, index, companion, (index.reason() != null ? index.reason() + " " : "")
          + "Rebuilt on the new " + c.name() + " column (" + c.type().modelSpelling() + "): the old column's index goes with it.");
      StepDraft rename = step(StepKind.RENAME_INDEX, Phase.CONTRACT, companion)
          .summary("Rename " + companion + " to " + index.name())
          .reason("The old column, and the old " + index.name() + " with it, is gone; the rebuilt index takes the name.")
          .criticality(null, indexCriticality(after, index.name()))
          .after(oldDropped, build).lock(new Lock(sql.schemaChangeLock(), table, "other schema changes for milliseconds"))
          .sql(lockTimeout(), sql.renameIndex(companion, index.name()))
          .renames(DbObject.index(companion), DbObject.index(index.name()))
          .rollback(sql.renameIndex(index.name(), companion));
      contract.add(rename);
    }
  }

  /** For an enum type change: the new enum is created under a companion name, swapped later. */
  private StepDraft createEnumForShadow(String table, Column c) {
    String type = PostgresNames.companion(PostgresNames.enumType(table, c.name()), "new");
    StepDraft e = step(StepKind.CREATE_ENUM_TYPE, Phase.EXPAND, type)
        .summary("Create enum type " + type + " (" + String.join(", ", c.type().enumValues()) + ")")
        .reason("Values of " + table + "." + c.name() + "; renamed to " + PostgresNames.enumType(table, c.name()) + " in the contract phase.")
        .sql(sql.createEnumIfNotExists(type, c.type().enumValues()))
        .creates(DbObject.type(type), CatalogState.Deps.NONE)
        .rollback(sql.dropType(type));
    expand.add(e);
    return e;
  }

  private void changeType(Change.ColumnTypeChanged t) {
    if (PostgresTypes.changesWithoutRewrite(t.from().type(), t.to().type())) {
      StepDraft s = step(StepKind.ALTER_COLUMN_TYPE, Phase.EXPAND, t.table() + "." + t.to().name())
          .summary("Change " + t.table() + "." + t.to().name() + " from " + t.from().type().modelSpelling() + " to "
              + t.to().type().modelSpelling() + " (a widening PostgreSQL does in the catalog, without rewriting the table)")
          .reason("Type changed in the model.")
          .criticality(columnCriticality(from, before, t.table(), t.from().name()), columnCriticality(to, after, t.table(), t.to().name()))
          .lock(briefExclusive(t.table()))
          .sql(lockTimeout(), sql.alterColumnType(t.table(), t.to().name(), sql.columnType(t.table(), t.to())))
          .requires(DbObject.column(t.table(), t.to().name()))
          .rollback(lockTimeout(), sql.alterColumnType(t.table(), t.to().name(), sql.columnType(t.table(), t.from())));
      expand.add(s);
      columnReady.put(t.table() + "." + t.to().name(), s);
      if (t.from().nullable() != t.to().nullable()) {
        nullability(new Change.ColumnNullabilityChanged(t.table(), t.from(), t.to()));
      }
      if (!java.util.Objects.equals(t.from().defaultValue(), t.to().defaultValue())) {
        setDefault(t.table(), t.to());
      }
      return;
    }
    replaceColumn(t.table(), t.from(), t.to(), true);
  }

  private void nullability(Change.ColumnNullabilityChanged n) {
    String table = n.table();
    Column c = n.to();
    if (c.nullable()) {
      StepDraft s = step(StepKind.DROP_NOT_NULL, Phase.EXPAND, table + "." + c.name())
          .summary("Allow NULL in " + table + "." + c.name()).reason("Nullable in the model.")
          .lock(briefExclusive(table))
          .sql(lockTimeout(), sql.dropNotNull(table, c.name()))
          .requires(DbObject.column(table, c.name()))
          .rollback(sql.comment("setting NOT NULL again needs every row to have a value"));
      expand.add(s);
      return;
    }
    setNotNull(table, c.name(), Phase.CONTRACT, deploy,
        "NOT NULL in the model; after the deploy no writer leaves it empty, so tightening cannot break old code.");
  }

  private void setDefault(String table, Column c) {
    String statement = c.defaultValue() == null ? sql.dropDefault(table, c.name()) : sql.setDefault(table, c.name(), c);
    StepDraft s = step(StepKind.SET_DEFAULT, Phase.EXPAND, table + "." + c.name())
        .summary((c.defaultValue() == null ? "Drop the default of " : "Set the default of ") + table + "." + c.name()
            + (c.defaultValue() == null ? "" : " to " + c.defaultValue()))
        .reason("Default changed in the model; existing rows keep their values.")
        .after(columnReady.get(table + "." + c.name()))
        .lock(briefExclusive(table)).sql(lockTimeout(), statement)
        .requires(DbObject.column(table, c.name()))
        .rollback(sql.comment("set the previous default again"));
    expand.add(s);
  }

  private void addEnumValues(Change.EnumValuesAdded e) {
    String type = PostgresNames.enumType(e.table(), e.column().name());
    List<String> all = e.column().type().enumValues();
    StepDraft s = step(StepKind.ADD_ENUM_VALUE, Phase.EXPAND, type)
        .summary("Add value(s) " + String.join(", ", e.values()) + " to enum " + type)
        .reason("New values of " + e.table() + "." + e.column().name() + " in the model; existing values are kept.")
        .criticality(columnCriticality(from, before, e.table(), e.column().name()), columnCriticality(to, after, e.table(), e.column().name()))
        .lock(new Lock(sql.exclusiveLock(), "type " + type, "other changes to the type for milliseconds"))
        .nonTransactional()
        .requires(DbObject.type(type))
        .rollback(sql.comment("PostgreSQL cannot remove an enum value; it stays unused"));
    s.sql(lockTimeout());
    for (String v : e.values()) {
      int i = all.indexOf(v);
      String before = i + 1 < all.size() && !e.values().contains(all.get(i + 1)) ? all.get(i + 1) : null;
      String after = before == null && i > 0 ? all.get(i - 1) : null;
      s.sql(sql.addEnumValue(type, v, before, after));
    }
    expand.add(s);
  }

  // ---- constraints -------------------------------------------------------------------------

  private void addForeignKey(String table, Column c) {
    if (tableCreated.containsKey(table) && tableCreated.get(table).kind == StepKind.CREATE_TABLE
        && !from.table(table).isPresent()) {
      return; // part of CREATE TABLE
    }
    String finalName = PostgresNames.foreignKey(table, c.name());
    // a changed key (new target or ON DELETE) is built next to the old one and takes its name after the deploy
    StepDraft oldDropped = constraintDropped.get(table + "." + finalName);
    String name = oldDropped == null ? finalName : PostgresNames.companion(finalName, "new");
    StepDraft add = step(StepKind.ADD_FOREIGN_KEY, Phase.EXPAND, table + "." + name)
        .summary("Add foreign key " + table + "." + c.name() + " -> " + c.references() + " NOT VALID: new writes are checked at once")
        .reason("Declared in the model (references: " + c.references() + ")."
            + (oldDropped == null ? "" : " Replaces the key of the same name, which is dropped after the deploy."))
        .after(columnReady.get(table + "." + c.name()), tableCreated.get(c.references().table()))
        .lock(new Lock(sql.writeBlockingLock(), table + " and " + c.references().table(), "writes to both tables for milliseconds"))
        .sql(lockTimeout(), sql.addForeignKeyNotValid(table, c, name))
        .creates(DbObject.constraint(table, name), CatalogState.foreignKey(to, table, c))
        .rollback(lockTimeout(), sql.dropConstraint(table, name));
    expand.add(add);
    StepDraft validate = step(StepKind.VALIDATE_CONSTRAINT, Phase.EXPAND, table + "." + name)
        .summary("Validate " + name + " against existing rows without blocking writes")
        .reason("Existing rows must satisfy the key too.").after(add)
        .gate(new Gate("no row of " + table + " points at a missing " + c.references(), sql.noOrphansGate(table, c), false))
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes; reads and writes continue"))
        .estimate(Estimates.validation(rows(table)))
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.validateConstraint(table, name))
        .requires(DbObject.constraint(table, name))
        .rollback(sql.comment("nothing to undo"));
    expand.add(validate);
    if (oldDropped != null) {
      contract.add(step(StepKind.RENAME_CONSTRAINT, Phase.CONTRACT, table + "." + name)
          .summary("Rename " + name + " to " + finalName)
          .reason("The replaced key is gone; the new key takes the model's name.")
          .after(oldDropped, validate)
          .lock(briefExclusive(table))
          .sql(lockTimeout(), sql.renameConstraint(table, name, finalName))
          .renames(DbObject.constraint(table, name), DbObject.constraint(table, finalName))
          .rollback(lockTimeout(), sql.renameConstraint(table, finalName, name)));
    }
  }

  private void addUnique(String table, Column c) {
    if (tableCreated.containsKey(table) && !from.table(table).isPresent()) {
      return; // part of CREATE TABLE
    }
    String name = PostgresNames.uniqueColumn(table, c.name());
    Index unique = new Index(name, table, List.of(new dev.modelc.model.IndexColumn(c.name(), false, c.source())), true, null,
        List.of(), "Unique column " + c.name() + ".", null, null, dev.modelc.model.IndexOrigin.UNIQUE_COLUMN, c.source());
    StepDraft build = buildIndex(table, unique, name, "Declared unique in the model; the index is built without blocking writes.");
    StepDraft attach = step(StepKind.ATTACH_UNIQUE_CONSTRAINT, Phase.EXPAND, table + "." + name)
        .summary("Turn the unique index " + name + " into the constraint " + name + " (no scan: the index proves it)")
        .reason("Declared unique in the model.").after(build)
        .gate(indexValid(name))
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.addUniqueUsingIndex(table, name, name))
        .removes(DbObject.index(name))
        .creates(DbObject.constraint(table, name), CatalogState.Deps.ownedBy(DbObject.table(table), DbObject.column(table, c.name())))
        .creates(DbObject.index(name), CatalogState.Deps.ownedBy(DbObject.constraint(table, name)))
        .rollback(lockTimeout(), sql.dropConstraint(table, name));
    expand.add(attach);
  }

  private void addCheck(String table, Check check, StepDraft after) {
    if (tableCreated.containsKey(table) && !from.table(table).isPresent()) {
      return;
    }
    Phase phase = after == null ? Phase.EXPAND : Phase.CONTRACT;
    List<StepDraft> into = phase == Phase.EXPAND ? expand : contract;
    StepDraft add = step(StepKind.ADD_CHECK, phase, table + "." + check.name())
        .summary("Add check " + check.name() + " (" + check.expression() + ") NOT VALID: new writes are checked at once")
        .reason(check.reason() != null ? check.reason() : "Declared in the model.")
        .after(after == null ? null : after).after(phase == Phase.CONTRACT ? deploy : null)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.addCheckNotValid(table, check.name(), check.expression()))
        .creates(DbObject.constraint(table, check.name()), CatalogState.Deps.ownedBy(DbObject.table(table)))
        .rollback(lockTimeout(), sql.dropConstraint(table, check.name()));
    into.add(add);
    StepDraft validate = step(StepKind.VALIDATE_CONSTRAINT, phase, table + "." + check.name())
        .summary("Validate " + check.name() + " against existing rows without blocking writes")
        .reason("Existing rows must satisfy the check too.").after(add)
        .gate(new Gate("no row of " + table + " violates " + check.name(), sql.noViolationsGate(table, check.expression()), false))
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes; reads and writes continue"))
        .estimate(Estimates.validation(rows(table)))
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.validateConstraint(table, check.name()))
        .requires(DbObject.constraint(table, check.name()))
        .rollback(sql.comment("nothing to undo"));
    into.add(validate);
  }

  private void changeCheck(Change.CheckChanged ch) {
    StepDraft drop = dropConstraint(ch.table(), ch.from().name(), "check " + ch.from().name() + " (" + ch.from().expression() + ")",
        "Replaced by the new expression " + ch.to().expression() + ".");
    addCheck(ch.table(), ch.to(), drop);
  }

  private StepDraft dropConstraint(String table, String name, String what, String reason) {
    StepDraft s = step(StepKind.DROP_CONSTRAINT, Phase.CONTRACT, table + "." + name)
        .summary("Drop " + what + " of " + table)
        .reason(reason).after(deploy)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.dropConstraint(table, name))
        .removes(DbObject.constraint(table, name))
        .rollback(sql.comment("add the constraint again (NOT VALID, then VALIDATE)"));
    constraintDropped.put(table + "." + name, s);
    contract.add(s);
    return s;
  }

  // ---- indexes -----------------------------------------------------------------------------

  private StepDraft buildIndex(String table, Index index, String buildName, String reason) {
    if (tableCreated.containsKey(table) && !from.table(table).isPresent()) {
      return tableCreated.get(table);
    }
    StepDraft s = step(StepKind.BUILD_INDEX, Phase.EXPAND, buildName)
        .summary("Build index " + buildName + " on " + table + " (" + columns(index) + ")" + (index.where() == null ? "" : " WHERE " + index.where())
            + " concurrently: reads and writes continue")
        .reason(reason)
        .criticality(indexCriticality(before, index.name()), indexCriticality(after, index.name()))
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes and VACUUM of the table; reads and writes continue"))
        .estimate(Estimates.indexBuild(rows(table)))
        .nonTransactional()
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.createIndexConcurrently(onShadowColumns(index), buildName))
        .rollback(sql.dropIndexConcurrently(buildName));
    for (dev.modelc.model.IndexColumn ic : index.columns()) {
      s.after(columnReady.get(table + "." + ic.column()));
    }
    for (String inc : index.include()) {
      s.after(columnReady.get(table + "." + inc));
    }
    s.builds = index;
    s.buildsAs = buildName;
    s.creates(DbObject.index(buildName), CatalogState.indexDeps(table, onShadowColumns(index)));
    Long rows = rows(table);
    if (rows != null && rows > policy.approveIndexBuildsOverRows()) {
      s.approvalReasons.add(String.format(java.util.Locale.ROOT, "builds an index over ~%,d rows (policy: approval over %,d)",
          rows, policy.approveIndexBuildsOverRows()));
    }
    indexBuilt.put(buildName, s);
    expand.add(s);
    return s;
  }

  /** The index as it must be built while type-changed columns still live under their shadow names. */
  private Index onShadowColumns(Index index) {
    boolean any = false;
    List<dev.modelc.model.IndexColumn> cols = new ArrayList<>();
    for (dev.modelc.model.IndexColumn ic : index.columns()) {
      String shadow = shadowOf.get(index.table() + "." + ic.column());
      any |= shadow != null;
      cols.add(shadow == null ? ic : new dev.modelc.model.IndexColumn(shadow, ic.descending(), ic.source()));
    }
    List<String> include = index.include().stream().map(c -> shadowOf.getOrDefault(index.table() + "." + c, c)).toList();
    any |= !include.equals(index.include());
    return !any ? index : new Index(index.name(), index.table(), cols, index.unique(), index.where(), include, index.reason(),
        index.keep(), index.renamedFrom(), index.origin(), index.source());
  }

  private void dropIndex(Change.IndexRemoved r) {
    Index index = r.index();
    StepDraft replacement = r.replacement() == null ? null : indexBuilt.get(r.replacement().name());
    StepDraft s = dropIndexStep(r.table(), index, index.name(), r.tombstone().reason()
        + (r.replacement() == null ? "" : " Replaced by " + r.replacement().name() + "."), replacement,
        r.replacement() == null ? null : r.replacement().name());
    contract.add(s);
  }

  private StepDraft dropIndexStep(String table, Index index, String name, String reason, StepDraft replacementBuild, String replacementName) {
    StepDraft s = step(StepKind.DROP_INDEX, Phase.CONTRACT, name)
        .summary("Drop index " + name + " on " + table + " (" + columns(index) + ") concurrently")
        .reason(reason)
        .criticality(indexCriticality(before, index.name()), null)
        .after(deploy).after(replacementBuild)
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes; reads and writes continue"))
        .nonTransactional()
        .sql(lockTimeout(), sql.dropIndexConcurrently(name))
        .removes(DbObject.index(name))
        .rollback(sql.createIndexConcurrently(index, name));
    if (replacementName != null) {
      s.gate(indexValid(replacementName));
    }
    s.gate(new Gate("index " + name + " had no scans since the deploy (idx_scan unchanged from the value recorded at the deploy step)",
        sql.indexScanCounter(name), true));
    s.drops = index;
    s.dropsName = name;
    return s;
  }

  private void modifyIndex(Change.IndexModified m) {
    boolean sameName = m.from().name().equals(m.to().name());
    String buildName = sameName ? PostgresNames.companion(m.to().name(), "new") : m.to().name();
    StepDraft build = buildIndex(m.table(), m.to(), buildName, (m.to().reason() != null ? m.to().reason() + " " : "")
        + "Replaces " + m.from().name() + " (" + columns(m.from()) + (m.from().where() == null ? "" : " WHERE " + m.from().where())
        + "): built and verified before the old one is dropped.");
    StepDraft drop = dropIndexStep(m.table(), m.from(), m.from().name(), "Replaced by " + buildName + " ("
        + columns(m.to()) + "), which was built before the deploy; dropped only once the database shows no scans of it.",
        build, buildName);
    contract.add(drop);
    if (sameName) {
      StepDraft rename = step(StepKind.RENAME_INDEX, Phase.CONTRACT, buildName)
          .summary("Rename " + buildName + " to " + m.to().name())
          .criticality(null, indexCriticality(after, m.to().name()))
          .reason("The replacement takes the model's name; PostgreSQL picks indexes by definition, so queries are unaffected.")
          .after(drop).after(m.to().columnNames().stream().map(col -> oldColumnDropped.get(m.table() + "." + col)).toArray(StepDraft[]::new))
          .lock(new Lock(sql.schemaChangeLock(), m.table(), "other schema changes for milliseconds"))
          .sql(lockTimeout(), sql.renameIndex(buildName, m.to().name()))
          .renames(DbObject.index(buildName), DbObject.index(m.to().name()))
          .rollback(sql.renameIndex(m.to().name(), buildName));
      contract.add(rename);
    }
  }

  private void renameIndex(Change.IndexRenamed r) {
    StepDraft s = step(StepKind.RENAME_INDEX, Phase.EXPAND, r.to().name())
        .summary("Rename index " + r.from().name() + " to " + r.to().name() + " (same definition)")
        .reason("Renamed in the model (renamedFrom: " + r.from().name() + "); queries are unaffected.")
        .lock(new Lock(sql.schemaChangeLock(), r.table(), "other schema changes for milliseconds"))
        .sql(lockTimeout(), sql.renameIndex(r.from().name(), r.to().name()))
        .renames(DbObject.index(r.from().name()), DbObject.index(r.to().name()))
        .rollback(sql.renameIndex(r.to().name(), r.from().name()));
    s.builds = r.to();
    s.buildsAs = r.to().name();
    s.drops = r.from();
    s.dropsName = r.from().name();
    expand.add(s);
  }

  // ---- shared pieces -----------------------------------------------------------------------

  private StepDraft step(StepKind kind, Phase phase, String target) {
    return new StepDraft(kind, phase, target);
  }

  /** Ids are kind and target, numbered only when the same pair occurs twice; stable across runs. */
  private void assignIds(List<StepDraft> all) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (StepDraft s : all) {
      String base = s.kind.label() + ":" + s.target;
      int n = seen.merge(base, 1, Integer::sum);
      s.id = n == 1 ? base : base + "#" + n;
      ids.add(s.id);
    }
    // dependsOn was filled with ids that were null at the time: recompute from the drafts
    for (StepDraft s : all) {
      s.dependsOn.clear();
    }
    for (StepDraft s : all) {
      s.deps.stream().map(d -> d.id).distinct().forEach(s.dependsOn::add);
    }
    for (StepDraft s : all) {
      if (s.builds != null || s.drops != null) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (s.drops != null) {
          before.queriesServedBy(s.drops.name()).forEach(q -> names.add(describe(q)));
        }
        if (s.builds != null) {
          after.queriesServedBy(s.builds.name()).forEach(q -> names.add(describe(q)));
        }
        s.serves.addAll(names);
      }
      Traffic t = s.build().criticality();
      if (t == Traffic.CRITICAL && policy.approveCriticalTraffic()) {
        s.approvalReasons.add(0, "touches an object that serves critical traffic");
      }
    }
  }

  private static String describe(QueryPattern q) {
    return q.name() + " (" + q.traffic().modelName() + (q.endpoints().isEmpty() ? "" : "; " + String.join(", ", q.endpoints())) + ")";
  }

  private String lockTimeout() {
    return sql.lockTimeout(policy.lockTimeout());
  }

  private Lock briefExclusive(String table) {
    return new Lock(sql.exclusiveLock(), table, "all reads and writes of " + table + " for milliseconds; waits at most lock_timeout, then retries");
  }

  private List<String> rewriteApproval(String table) {
    if (!policy.approveTableRewrites()) {
      return List.of();
    }
    Long rows = rows(table);
    return List.of("writes every row of " + table + (rows == null ? "" : String.format(java.util.Locale.ROOT, " (~%,d rows)", rows)));
  }

  private Gate indexValid(String name) {
    return new Gate("index " + name + " exists and is valid (a failed concurrent build leaves it INVALID: drop it and build again)",
        sql.indexValidGate(name), false);
  }

  private Long rows(String table) {
    return to.table(table).or(() -> from.table(table)).map(Table::rows).orElse(null);
  }

  private static String columns(Index index) {
    return String.join(", ", index.columns().stream().map(Object::toString).toList());
  }

  private static Traffic indexCriticality(Coverage coverage, String index) {
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

  private List<QueryChange> queryChanges() {
    Map<String, QueryChange> out = new LinkedHashMap<>();
    for (QueryPattern q : to.queries()) {
      QueryPattern old = from.query(q.name()).orElse(null);
      out.put(q.name(), new QueryChange(q.name(), old, q, served(before, old), served(after, q)));
    }
    for (QueryPattern q : from.queries()) {
      out.putIfAbsent(q.name(), new QueryChange(q.name(), q, null, served(before, q), null));
    }
    return List.copyOf(out.values());
  }

  private static String served(Coverage c, QueryPattern q) {
    if (c == null || q == null || c.resolution(q.name()) == null || c.resolution(q.name()).index() == null) {
      return null;
    }
    return c.resolution(q.name()).index().name();
  }

  static List<Diagnostic> none() {
    return List.of();
  }
}
