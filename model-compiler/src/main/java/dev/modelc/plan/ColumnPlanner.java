package dev.modelc.plan;

import dev.modelc.dialect.PostgresNames;
import dev.modelc.dialect.PostgresTypes;
import dev.modelc.diff.Change;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Generation;
import dev.modelc.model.Index;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Steps for columns: added nullable or with a default PostgreSQL stores once, else added,
 * defaulted, backfilled in batches and tightened; NOT NULL through a validated check; a rename
 * or a rewriting type change as a new column kept in step by a trigger, backfilled, and after
 * the deploy swapped in (type change) or left alone while the old column goes.
 */
final class ColumnPlanner extends StepPlanner {
  private final EnumTypePlanner enums;
  private final IndexPlanner indexes;
  private final ConstraintPlanner constraints;

  ColumnPlanner(PlanningContext context, EnumTypePlanner enums, IndexPlanner indexes, ConstraintPlanner constraints) {
    super(context);
    this.enums = enums;
    this.indexes = indexes;
    this.constraints = constraints;
  }

  void addColumn(String table, Column c) {
    Long rows = rows(table);
    boolean existing = from.table(table).isPresent();
    StepDraft enumStep = c.type().kind() == TypeKind.ENUM ? enums.createEnum(table, c) : null;
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
      comment(add, table, c);
      expand.add(add);
      columnReady.put(table + "." + c.name(), add);
      return;
    }
    // A volatile default would rewrite the table under an exclusive lock: add, default, backfill, tighten.
    add.summary("Add column " + table + "." + c.name() + " " + type + " as nullable, with its default for new rows")
        .sql(lockTimeout(), sql.addColumn(table, c.name(), type), sql.setDefault(table, c.name(), c));
    add.appliedAlso(sql.columnHasDefault(table, c.name()));
    comment(add, table, c);
    expand.add(add);
    StepDraft fill = backfill(table, c.name(), sql.defaultValue(table, c), sql.isUnset(c.name()),
        "Give existing rows the default " + c.defaultValue() + " (it is volatile, so PostgreSQL cannot store it once).", add);
    StepDraft last = fill;
    if (!c.nullable()) {
      last = setNotNull(table, c.name(), Phase.EXPAND, fill, "The column is NOT NULL in the model; every row has a value after the backfill.");
    }
    columnReady.put(table + "." + c.name(), last);
  }

  /** The column's description as its comment, in the step that adds the column. */
  private void comment(StepDraft add, String table, Column c) {
    if (c.description() != null) {
      add.sql(sql.commentOnColumn(table, c.name(), c.description()));
    }
  }

  private StepDraft backfill(String table, String column, String value, String pending, String reason, StepDraft after) {
    StepDraft s = step(StepKind.BACKFILL, Phase.EXPAND, table + "." + column)
        .summary("Backfill " + table + "." + column + " in batches of 10,000 rows, committing after each")
        .reason(reason).after(after).nonTransactional()
        .criticality(columnCriticality(from, before, table, column), columnCriticality(to, this.after, table, column))
        .lock(new Lock(sql.rowWriteLock(), table, "nothing table-wide; each batch locks its 10,000 rows briefly"))
        .estimate(Estimates.backfill(rows(table)))
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.backfill(table, column, value, pending))
        .gate(Gate.condition("the columns " + table + "." + column + " depends on exist", sql.tableExistsGate(table)))
        .requires(DbObject.column(table, column))
        .rollback(sql.comment("nothing to undo: the backfilled values are dropped with the column"));
    rewriteApproval(table).forEach(s::approval);
    s.backfill = new Backfill(table, column, value, pending, sql.backfillBatchRows());
    expand.add(s);
    return s;
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
        .gate(Gate.condition("no row of " + table + " has " + column + " NULL", sql.noNullsGate(table, column)))
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
    set.appliedAlso(sql.columnNotNull(table, column));
    set.criticality(columnCriticality(from, before, table, column), columnCriticality(to, this.after, table, column));
    into.add(set);
    return set;
  }

  /** Columns replaced by a new column (renames and type changes), which carries the comment along. */
  private final java.util.Set<String> replaced = new java.util.HashSet<>();

  /** Indexes and checks already rebuilt on replacement columns. */
  private final java.util.Set<DbObject> rebuilt = new java.util.HashSet<>();

  void dropColumn(Change.ColumnRemoved r) {
    String table = r.table();
    Column c = r.column();
    if (!c.nullable() && c.defaultValue() == null) {
      expand.add(step(StepKind.DROP_NOT_NULL, Phase.EXPAND, table + "." + c.name())
          .summary("Allow NULL in " + table + "." + c.name() + " before it is dropped")
          .reason("The new application no longer writes " + c.name() + "; until the column is dropped after the deploy, its inserts must not fail on it.")
          .lock(briefExclusive(table))
          .sql(lockTimeout(), sql.dropNotNull(table, c.name()))
          .requires(DbObject.column(table, c.name()))
          .rollback(lockTimeout(), sql.setNotNull(table, c.name())));
    }
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
    Table old = to.table(table).map(this::baselineOf).orElse(from.table(table).orElse(null));
    if (old != null) {
      for (ForeignKey fk : old.foreignKeys()) {
        if (fk.columns().contains(c.name())) {
          s.after(constraintDropped.get(table + "." + ConstraintNames.foreignKey(table, fk)));
        }
      }
    }
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
  void replaceColumn(String table, Column old, Column c, boolean typeChange) {
    String shadow = typeChange ? PostgresNames.companion(c.name(), "new") : c.name();
    if (typeChange) {
      registerShadow(table, c);
    }
    Column shadowColumn = new Column(shadow, c.type(), true, null, false, c.description(), null, null, c.collation(), c.source());
    StepDraft enumStep = c.type().kind() == TypeKind.ENUM && typeChange ? enums.createEnumForShadow(table, c) : null;
    if (c.type().kind() == TypeKind.ENUM && !typeChange) {
      enumStep = enums.createEnum(table, c);
    }
    String newType = typeChange && c.type().kind() == TypeKind.ENUM
        ? sql.namedType(PostgresNames.companion(PostgresNames.enumType(table, c.name()), "new")) : sql.columnType(table, shadowColumn);
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
    if (c.description() != null) {
      add.sql(sql.commentOnColumn(table, shadow, c.description())); // a comment follows the column's renames
    }
    expand.add(add);
    String fn = PostgresNames.companion("modelc_sync_" + table + "_" + old.name(), "fn");
    String trigger = PostgresNames.companion("modelc_sync_" + table + "_" + old.name(), "trg");
    StepDraft oldTakesNewValues = old.type().kind() == TypeKind.ENUM && c.type().kind() == TypeKind.ENUM
        ? enums.addValuesForSync(table, old, c) : null;
    StepDraft sync = step(StepKind.INSTALL_SYNC_TRIGGER, Phase.EXPAND, table + "." + shadow)
        .summary("Keep " + old.name() + " and " + shadow + " in step with a trigger, whichever one a writer sets")
        .reason("Old and new application versions run side by side during the deploy; both columns must stay equal.")
        .after(add, oldTakesNewValues)
        .lock(new Lock(sql.writeBlockingLock(), table, "writes for milliseconds while the trigger is created"))
        .sql(lockTimeout(), sql.syncTriggerFunction(fn, old, shadow, c, oldType, newType,
                old.defaultValue() == null ? null : sql.defaultValue(table, old)), sql.dropTrigger(trigger, table),
            sql.createSyncTrigger(trigger, table, fn))
        .requires(DbObject.column(table, old.name()), DbObject.column(table, shadow))
        .creates(DbObject.function(fn), CatalogState.Deps.NONE)
        .creates(DbObject.trigger(table, trigger), new CatalogState.Deps(Set.of(DbObject.table(table)), Set.of(DbObject.function(fn))))
        .rollback(sql.dropTrigger(trigger, table), sql.dropFunction(fn));
    if (old.defaultValue() != null) {
      sync.sql(sql.dropDefault(table, old.name()));
      sync.rollback(sql.setDefault(table, old.name(), old));
      sync.appliedNot(sql.columnHasDefault(table, old.name()));
    }
    expand.add(sync);
    String converted = sql.converted(old, newType);
    StepDraft fill = backfill(table, shadow, converted, sql.differs(shadow, converted, c),
        "Copy " + old.name() + " into " + shadow + " for rows written before the trigger existed.", sync);
    fill.gate(Gate.condition("the sync trigger exists", sql.triggerExistsGate(trigger)));
    fill.requires(DbObject.column(table, old.name()), DbObject.trigger(table, trigger));
    StepDraft ready = fill;
    if (!c.nullable()) {
      ready = setNotNull(table, shadow, Phase.EXPAND, fill, "The column is NOT NULL in the model.");
    }
    columnReady.put(table + "." + shadow, ready);
    columnReady.put(table + "." + c.name(), ready);
    List<StepDraft> contractSteps = new ArrayList<>();
    if (typeChange) {
      StepDraft swap = step(StepKind.SWAP_COLUMNS, Phase.CONTRACT, table + "." + c.name())
          .summary("Swap " + c.name() + " and " + shadow + " in one transaction, so " + c.name() + " has the new type")
          .reason("Both columns hold the same values (the trigger keeps them equal); renaming both in one transaction is atomic for readers.")
          .after(deploy)
          .gate(Gate.condition("the two columns agree on every row", sql.columnsAgreeGate(table, shadow, converted, c)))
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
      if (!old.nullable()) {
        swap.sql(sql.dropNotNull(table, PostgresNames.companion(old.name(), "old"))); // no writer sets it any more
        swap.appliedNot(sql.columnNotNull(table, PostgresNames.companion(old.name(), "old")));
      }
      if (c.defaultValue() != null) {
        swap.sql(sql.setDefault(table, c.name(), c)); // in the same transaction that ends the sync trigger
        swap.appliedAlso(sql.columnHasDefault(table, c.name()));
      }
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
    if (!typeChange && c.defaultValue() != null) {
      dropTrigger.sql(sql.setDefault(table, c.name(), c)); // in the same transaction that ends the sync trigger
      dropTrigger.appliedAlso(sql.columnHasDefault(table, c.name()));
    }
    String oldEnum = PostgresNames.enumType(table, old.name());
    if (old.type().kind() == TypeKind.ENUM && (typeChange || !oldEnum.equals(PostgresNames.enumType(table, c.name())))) {
      dropTrigger.sql(sql.dropType(oldEnum));
      dropTrigger.removes(DbObject.type(oldEnum));
    }
    contract.add(dropTrigger);
    oldColumnDropped.put(table + "." + c.name(), dropTrigger);
    if (typeChange) {
      rebuildUnchangedIndexes(table, old, c, dropTrigger);
      rebuildUnchangedChecks(table, c, shadow, ready, dropTrigger);
    }
    // a renamed column's keys and unique constraints are changes of their own: the old ones go with the old column
    replaced.add(table + "." + c.name());
  }

  /**
   * Dropping the old column of a type change drops its indexes with it, so every index the new
   * model keeps on the column is built again on the new column first, under a companion name,
   * and takes its own name once the old column is gone.
   */
  /** The shadow column that replaces {@code c} of {@code table} until the swap. */
  void registerShadow(String table, Column c) {
    String shadow = PostgresNames.companion(c.name(), "new");
    shadowOf.put(table + "." + c.name(), shadow);
    shadowsByTable.computeIfAbsent(table, k -> new java.util.LinkedHashMap<>()).put(c.name(), shadow);
  }

  private void rebuildUnchangedIndexes(String table, Column old, Column c, StepDraft oldDropped) {
    Table newTable = to.table(table).orElseThrow();
    Table oldTable = baselineOf(newTable);
    for (Index index : newTable.indexes()) {
      boolean uses = index.columns().stream().anyMatch(k -> k.expression()
              ? !dev.modelc.dialect.PostgresExpressions.columnsIn(k.column(), List.of(c.name())).isEmpty()
              : k.column().equals(c.name()))
          || index.include().contains(c.name())
          || !dev.modelc.dialect.PostgresExpressions.columnsIn(index.where(), List.of(c.name())).isEmpty();
      Index before = oldTable == null ? null : oldTable.index(index.name()).orElse(null);
      if (!uses || before == null || !before.sameDefinition(index)) {
        continue; // new or modified indexes are built by their own change
      }
      if (!rebuilt.add(DbObject.index(index.name()))) {
        continue; // already rebuilt for another replaced column it mentions
      }
      String companion = PostgresNames.companion(index.name(), "new");
      StepDraft build = indexes.buildIndex(table, index, companion, (index.reason() != null ? index.reason() + " " : "")
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

  /**
   * Dropping the old column of a type change drops the checks that mention it, so each check
   * the new model keeps is added on the new column first, under a companion name, and takes its
   * own name once the old column is gone.
   */
  private void rebuildUnchangedChecks(String table, Column c, String shadow, StepDraft shadowReady, StepDraft oldDropped) {
    Table newTable = to.table(table).orElseThrow();
    Table oldTable = baselineOf(newTable);
    for (Check check : newTable.checks()) {
      Check before = oldTable == null ? null : oldTable.checks().stream().filter(x -> x.name().equals(check.name())).findFirst().orElse(null);
      if (before == null || !before.expression().equals(check.expression())
          || dev.modelc.dialect.PostgresExpressions.columnsIn(check.expression(), List.of(c.name())).isEmpty()) {
        continue; // new or changed checks are added by their own change
      }
      if (!rebuilt.add(DbObject.constraint(table, check.name()))) {
        continue; // already rebuilt for another replaced column it mentions
      }
      String companion = PostgresNames.companion(check.name(), "new");
      String onShadows = check.expression();
      for (java.util.Map.Entry<String, String> s : shadowsByTable.getOrDefault(table, java.util.Map.of()).entrySet()) {
        onShadows = dev.modelc.dialect.PostgresExpressions.renameColumn(onShadows, s.getKey(), s.getValue());
      }
      StepDraft validated = constraints.addCheck(table, companion, onShadows,
          "Check " + check.name() + " again on the new " + c.name() + " column: the old column's checks go with it.", Phase.EXPAND, shadowReady);
      contract.add(step(StepKind.RENAME_CONSTRAINT, Phase.CONTRACT, table + "." + companion)
          .summary("Rename " + companion + " to " + check.name())
          .reason("The old column, and the old " + check.name() + " with it, is gone; the check on the new column takes the name.")
          .after(oldDropped, validated)
          .lock(briefExclusive(table))
          .sql(lockTimeout(), sql.renameConstraint(table, companion, check.name()))
          .renames(DbObject.constraint(table, companion), DbObject.constraint(table, check.name()))
          .rollback(lockTimeout(), sql.renameConstraint(table, check.name(), companion)));
    }
  }

  /** Whether {@code table} is renamed by the plan and its compatibility view reads {@code column}. */
  private boolean readByCompatibilityView(String table, String column) {
    Table old = compatibilityViews.get(table);
    return old != null && old.columns().stream().anyMatch(c -> c.name().equals(column));
  }

  void changeType(Change.ColumnTypeChanged t) {
    if (PostgresTypes.changesWithoutRewrite(t.from().type(), t.to().type())) {
      StepDraft s = step(StepKind.ALTER_COLUMN_TYPE, Phase.EXPAND, t.table() + "." + t.to().name())
          .summary("Change " + t.table() + "." + t.to().name() + " from " + t.from().type().modelSpelling() + " to "
              + t.to().type().modelSpelling() + " (a widening PostgreSQL does in the catalog, without rewriting the table)")
          .reason("Type changed in the model.")
          .criticality(columnCriticality(from, before, t.table(), t.from().name()), columnCriticality(to, after, t.table(), t.to().name()))
          .lock(briefExclusive(t.table()))
          .requires(DbObject.column(t.table(), t.to().name()));
      String widen = sql.alterColumnType(t.table(), t.to().name(), sql.columnType(t.table(), t.to()));
      String narrow = sql.alterColumnType(t.table(), t.to().name(), sql.columnType(t.table(), t.from()));
      if (readByCompatibilityView(t.table(), t.to().name())) {
        // PostgreSQL refuses to change the type of a column a view reads: the view is made again
        // around the change, in the same transaction, so the old name never disappears
        String view = compatibilityViews.get(t.table()).name();
        s.sql(lockTimeout(), sql.dropView(view), widen, compatibilityView(t.table()))
            .removes(DbObject.view(view))
            .creates(DbObject.view(view), compatibilityViewDeps(t.table()))
            .rollback(lockTimeout(), sql.dropView(view), narrow, compatibilityView(t.table()));
      } else {
        s.sql(lockTimeout(), widen).rollback(lockTimeout(), narrow);
      }
      if (t.to().defaultValue() != null && t.to().defaultValue().equals(t.from().defaultValue())) {
        s.sql(sql.setDefault(t.table(), t.to().name(), t.to())); // the default spelled for the new type
      }
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

  void nullability(Change.ColumnNullabilityChanged n) {
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

  void setDefault(String table, Column c) {
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

  /** A column's comment, when the column is not replaced (a replacement column carries it already). */
  void comment(Change.ColumnCommentChanged ch) {
    if (replaced.contains(ch.table() + "." + ch.column())) {
      return;
    }
    expand.add(step(StepKind.SET_COMMENT, Phase.EXPAND, ch.table() + "." + ch.column())
        .summary((ch.to() == null ? "Remove the comment of " : "Comment on ") + "column " + ch.table() + "." + ch.column())
        .reason("The description changed in the model.")
        .after(columnReady.get(ch.table() + "." + ch.column()))
        .lock(new Lock(sql.schemaChangeLock(), ch.table(), "other schema changes for milliseconds"))
        .sql(lockTimeout(), sql.commentOnColumn(ch.table(), ch.column(), ch.to()))
        .requires(DbObject.column(ch.table(), ch.column()))
        .rollback(sql.commentOnColumn(ch.table(), ch.column(), ch.from())));
  }

  /**
   * Identity, serial and generated changes ({@link dev.modelc.diff.ModelDiff} lets only safe ones
   * through). What loosens writes goes before the deploy (an identity or sequence that fills the
   * column, {@code always} to {@code byDefault}, a generated column turned plain); what tightens
   * them goes after it ({@code byDefault} to {@code always}, dropping an identity or sequence).
   */
  void generation(Change.ColumnGenerationChanged ch) {
    String table = ch.table();
    Column a = ch.from();
    Column c = ch.to();
    Generation g1 = a.generation();
    Generation g2 = c.generation();
    String target = table + "." + c.name();
    StepDraft s;
    if (g1 == null && g2.isIdentity()) {
      s = generationStep(target, Phase.EXPAND, "Make " + target + " an identity column (" + describe(g2)
              + "), its sequence starting past the largest value", "The model fills the column with an identity.")
          .sql(lockTimeout(), sql.addIdentity(table, c), sql.sequencePastMax(table, c.name()))
          .rollback(lockTimeout(), sql.dropIdentity(table, c.name()));
    } else if (g1 == null && g2.kind() == Generation.Kind.SERIAL) {
      String sequence = ConstraintNames.sequence(table, c);
      s = generationStep(target, Phase.EXPAND, "Give " + target + " the sequence " + sequence
              + " as its default, starting past the largest value", "The model makes the column serial.")
          .sql(lockTimeout(), sql.createSequence(sequence, sql.columnType(table, c)), sql.ownSequence(sequence, table, c.name()),
              sql.sequencePastMax(table, c.name()), sql.setDefaultExpression(table, c.name(), sql.nextval(sequence)))
          .rollback(lockTimeout(), sql.dropDefault(table, c.name()), sql.dropSequence(sequence));
    } else if (g1 != null && g1.isIdentity() && g2 == null) {
      s = generationStep(target, Phase.CONTRACT, "Drop the identity of " + target,
          "The model no longer fills the column; every writer sets it since the deploy.")
          .sql(lockTimeout(), sql.dropIdentity(table, c.name()))
          .rollback(lockTimeout(), sql.addIdentity(table, a), sql.sequencePastMax(table, c.name()));
    } else if (g1 != null && g1.kind() == Generation.Kind.SERIAL && g2 == null) {
      String sequence = ConstraintNames.sequence(table, a);
      s = generationStep(target, Phase.CONTRACT, "Drop the default and sequence " + sequence + " of " + target,
          "The model no longer fills the column; every writer sets it since the deploy.")
          .sql(lockTimeout(), sql.dropDefault(table, c.name()), sql.dropSequence(sequence))
          .rollback(sql.comment("create the sequence again past the largest value and set it as the default"));
    } else if (g1 != null && g2 != null && g1.kind() == Generation.Kind.STORED) {
      throw new IllegalStateException("the diff lets no generation expression change through: " + target);
    } else if (g1 != null && g1.kind() == Generation.Kind.STORED) {
      s = generationStep(target, Phase.EXPAND, "Make " + target + " a plain column that keeps its values",
          "The model no longer computes the column; the new application writes it.")
          .sql(lockTimeout(), sql.dropExpression(table, c.name()))
          .rollback(sql.comment("a computed column cannot be restored in place: add a new generated column"));
    } else {
      // the same kind (identity, or serial) with another generation or sequence name
      boolean tighten = g1.kind() == Generation.Kind.IDENTITY_BY_DEFAULT && g2.kind() == Generation.Kind.IDENTITY_ALWAYS;
      s = generationStep(target, tighten ? Phase.CONTRACT : Phase.EXPAND, "Change " + target + " from " + describe(g1)
          + " to " + describe(g2), tighten ? "Only the database fills the column since the deploy." : "Changed in the model.")
          .sql(lockTimeout());
      if (g1.kind() != g2.kind()) {
        s.sql(sql.setIdentityGeneration(table, c.name(), g2.kind() == Generation.Kind.IDENTITY_ALWAYS))
            .rollback(lockTimeout(), sql.setIdentityGeneration(table, c.name(), g1.kind() == Generation.Kind.IDENTITY_ALWAYS));
      }
      String before = ConstraintNames.sequence(table, a);
      String after = ConstraintNames.sequence(table, c);
      if (!before.equals(after)) {
        s.sql(sql.renameSequence(before, after));
        s.rollback(sql.renameSequence(after, before));
        if (g2.kind() == Generation.Kind.SERIAL) {
          s.sql(sql.setDefaultExpression(table, c.name(), sql.nextval(after)));
        }
      }
    }
    s.requires(DbObject.column(table, c.name())).after(columnReady.get(target));
    (s.phase == Phase.EXPAND ? expand : contract).add(s);
  }

  private StepDraft generationStep(String target, Phase phase, String summary, String reason) {
    String table = target.substring(0, target.lastIndexOf('.'));
    return step(StepKind.CHANGE_GENERATION, phase, target).summary(summary).reason(reason)
        .after(phase == Phase.CONTRACT ? deploy : null)
        .lock(briefExclusive(table));
  }

  private static String describe(Generation g) {
    return switch (g.kind()) {
      case IDENTITY_ALWAYS -> "identity always";
      case IDENTITY_BY_DEFAULT -> "identity by default";
      case SERIAL -> "serial";
      case STORED -> "generated";
    };
  }
}
