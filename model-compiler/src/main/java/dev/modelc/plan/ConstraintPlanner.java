package dev.modelc.plan;

import dev.modelc.dialect.PostgresNames;
import dev.modelc.diff.Change;
import dev.modelc.model.Check;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps for foreign keys, unique constraints and checks: added NOT VALID and validated without
 * blocking writes, a unique constraint attached to an index built concurrently, a replaced key
 * built next to the old one and renamed after the deploy; drops come after the deploy.
 */
final class ConstraintPlanner extends StepPlanner {
  private final IndexPlanner indexes;

  ConstraintPlanner(PlanningContext context, IndexPlanner indexes) {
    super(context);
    this.indexes = indexes;
  }

  /** A foreign key the model no longer declares, dropped after the deploy (and before its target table). */
  void dropForeignKey(Change.ForeignKeyRemoved f) {
    fkDropsByTarget.computeIfAbsent(f.key().targetTable(), k -> new ArrayList<>())
        .add(dropConstraint(f.table(), ConstraintNames.foreignKey(f.table(), f.key()),
            "foreign key " + f.key().describe(), "The model no longer declares this foreign key."));
  }

  void addForeignKey(String table, ForeignKey fk) {
    if (newTables.contains(table)) {
      return; // part of CREATE TABLE
    }
    String finalName = ConstraintNames.foreignKey(table, fk);
    // a changed key (new target or options) is built next to the old one and takes its name after the deploy
    StepDraft oldDropped = oldHolderGone(table, finalName, fk.columns());
    String name = oldDropped == null ? finalName : PostgresNames.companion(finalName, "new");
    String target = fk.targetTable();
    StepDraft add = step(StepKind.ADD_FOREIGN_KEY, Phase.EXPAND, table + "." + name)
        .summary("Add foreign key " + table + "." + fk.describe() + " NOT VALID: new writes are checked at once")
        .reason("Declared in the model (" + (fk.shortForm() ? "references: " + target + "." + fk.targetColumns().get(0)
            : fk.describe()) + options(fk) + ")."
            + (oldDropped == null ? "" : " Replaces the key of the same name, which is dropped after the deploy."))
        .after(tableCreated.get(target))
        .lock(new Lock(sql.writeBlockingLock(), table + " and " + target, "writes to both tables for milliseconds"))
        .sql(lockTimeout(), sql.addForeignKeyNotValid(table, fk, name))
        .creates(DbObject.constraint(table, name), CatalogState.foreignKey(to, table, fk))
        .rollback(lockTimeout(), sql.dropConstraint(table, name));
    fk.columns().forEach(c -> add.after(columnReady.get(table + "." + c)));
    expand.add(add);
    StepDraft validate = step(StepKind.VALIDATE_CONSTRAINT, Phase.EXPAND, table + "." + name)
        .summary("Validate " + name + " against existing rows without blocking writes")
        .reason("Existing rows must satisfy the key too.").after(add)
        .gate(Gate.condition("no row of " + table + " points at a missing " + (fk.targetColumns().size() == 1
            ? target + "." + fk.targetColumns().get(0) : target + " row"), sql.noOrphansGate(table, fk)))
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes; reads and writes continue"))
        .estimate(Estimates.validation(rows(table)))
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.validateConstraint(table, name))
        .requires(DbObject.constraint(table, name))
        .rollback(sql.comment("nothing to undo"));
    expand.add(validate);
    if (oldDropped != null) {
      contract.add(takeName(table, name, finalName, "The replaced key is gone; the new key takes the model's name.", oldDropped,
          validate));
    }
  }

  /** After the deploy, a replacement built under a companion name takes its final name once the old holder is gone. */
  private StepDraft takeName(String table, String name, String finalName, String reason, StepDraft oldGone, StepDraft ready) {
    return step(StepKind.RENAME_CONSTRAINT, Phase.CONTRACT, table + "." + name)
        .summary("Rename " + name + " to " + finalName)
        .reason(reason)
        .after(oldGone, ready)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.renameConstraint(table, name, finalName))
        .renames(DbObject.constraint(table, name), DbObject.constraint(table, finalName))
        .rollback(lockTimeout(), sql.renameConstraint(table, finalName, name));
  }

  /**
   * The step after which the name {@code name} is free again, when the baseline's constraint of
   * that name is dropped by the plan: by its own drop step, or (for a constraint on a column that
   * a rename replaces) with the old column. Null when the name is free from the start.
   */
  private StepDraft oldHolderGone(String table, String name, List<String> columns) {
    StepDraft dropped = constraintDropped.get(table + "." + name);
    if (dropped != null) {
      return dropped;
    }
    dev.modelc.model.Table baseline = to.table(table).map(this::baselineOf).orElse(null);
    if (baseline == null || !constraintNames(baseline).contains(name)) {
      return null;
    }
    for (String column : columns) {
      StepDraft gone = oldColumnDropped.get(table + "." + column);
      if (gone != null) {
        return gone;
      }
    }
    return null;
  }

  /** The names of a table's key, unique and foreign-key constraints. */
  private static java.util.Set<String> constraintNames(dev.modelc.model.Table t) {
    java.util.Set<String> names = new java.util.HashSet<>();
    if (!t.primaryKey().isEmpty()) {
      names.add(t.primaryKeyConstraint());
    }
    t.effectiveUniques().forEach(u -> names.add(ConstraintNames.unique(t.name(), u)));
    t.foreignKeys().forEach(f -> names.add(ConstraintNames.foreignKey(t.name(), f)));
    return names;
  }

  /** The options of a key (what happens on delete and update, match, deferral), for its step's reason. */
  private static String options(ForeignKey fk) {
    StringBuilder b = new StringBuilder();
    if (fk.onDelete() != null) {
      b.append(", on delete ").append(fk.onDelete());
    }
    if (fk.onUpdate() != null) {
      b.append(", on update ").append(fk.onUpdate());
    }
    if (fk.matchFull()) {
      b.append(", match full");
    }
    if (fk.deferrable()) {
      b.append(fk.initiallyDeferred() ? ", deferrable initially deferred" : ", deferrable");
    }
    return b.toString();
  }

  void addUnique(String table, UniqueConstraint u) {
    if (newTables.contains(table)) {
      return; // part of CREATE TABLE
    }
    String finalName = ConstraintNames.unique(table, u);
    StepDraft oldDropped = oldHolderGone(table, finalName, u.columns());
    String name = oldDropped == null ? finalName : PostgresNames.companion(finalName, "new");
    List<dev.modelc.model.IndexColumn> keys = u.columns().stream()
        .map(c -> new dev.modelc.model.IndexColumn(c, false, u.source())).toList();
    Index unique = new Index(name, table, keys, true, null, List.of(), "Unique " + String.join(", ", u.columns()) + ".", null,
        null, dev.modelc.model.IndexOrigin.UNIQUE_COLUMN, "btree", u.nullsNotDistinct(), java.util.Map.of(), u.source());
    StepDraft build = indexes.buildIndex(table, unique, name, "Declared unique in the model; the index is built without blocking writes.");
    StepDraft attach = step(StepKind.ATTACH_UNIQUE_CONSTRAINT, Phase.EXPAND, table + "." + name)
        .summary("Turn the unique index " + name + " into the constraint " + name + " (no scan: the index proves it)")
        .reason("Declared unique in the model." + (oldDropped == null ? "" : " Replaces the constraint of the same name,"
            + " which is dropped after the deploy."))
        .after(build)
        .gate(indexValid(name))
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.addUniqueUsingIndex(table, name, name))
        .removes(DbObject.index(name))
        .rollback(lockTimeout(), sql.dropConstraint(table, name));
    java.util.Set<DbObject> owners = new java.util.LinkedHashSet<>();
    owners.add(DbObject.table(table));
    u.columns().forEach(c -> owners.add(DbObject.column(table, c)));
    attach.creates(DbObject.constraint(table, name), new CatalogState.Deps(owners, java.util.Set.of()))
        .creates(DbObject.index(name), CatalogState.Deps.ownedBy(DbObject.constraint(table, name)));
    expand.add(attach);
    if (oldDropped != null) {
      contract.add(takeName(table, name, finalName, "The replaced constraint is gone; the new one takes the model's name.",
          oldDropped, attach).renames(DbObject.index(name), DbObject.index(finalName)));
    }
  }

  /**
   * A constraint that keeps its definition under a new name: renamed in place before the deploy
   * (a catalog change; a key or unique constraint renames its index with it).
   */
  void renameConstraint(Change.ConstraintRenamed r) {
    StepDraft s = step(StepKind.RENAME_CONSTRAINT, Phase.EXPAND, r.table() + "." + r.to())
        .summary("Rename " + r.what() + " of " + r.table() + " from " + r.from() + " to " + r.to())
        .reason("Named " + r.to() + " in the model; the definition is unchanged.")
        .after(tableCreated.get(r.table()))
        .lock(briefExclusive(r.table()))
        .sql(lockTimeout(), sql.renameConstraint(r.table(), r.from(), r.to()))
        .renames(DbObject.constraint(r.table(), r.from()), DbObject.constraint(r.table(), r.to()))
        .rollback(lockTimeout(), sql.renameConstraint(r.table(), r.to(), r.from()));
    if (r.what().startsWith("primary key") || r.what().startsWith("unique")) {
      s.renames(DbObject.index(r.from()), DbObject.index(r.to()));
    }
    expand.add(s);
  }

  void addCheck(String table, Check check, StepDraft after) {
    if (newTables.contains(table)) {
      return;
    }
    addCheck(table, check.name(), check.expression(), check.reason() != null ? check.reason() : "Declared in the model.",
        after == null ? Phase.EXPAND : Phase.CONTRACT, after);
  }

  /** A check as NOT VALID (new writes checked at once), then VALIDATE; returns the validation step. */
  StepDraft addCheck(String table, String name, String expression, String reason, Phase phase, StepDraft after) {
    List<StepDraft> into = phase == Phase.EXPAND ? expand : contract;
    StepDraft add = step(StepKind.ADD_CHECK, phase, table + "." + name)
        .summary("Add check " + name + " (" + expression + ") NOT VALID: new writes are checked at once")
        .reason(reason)
        .after(after).after(phase == Phase.CONTRACT ? deploy : null)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.addCheckNotValid(table, name, expression))
        .creates(DbObject.constraint(table, name), CatalogState.checkDeps(table, expression, columnsNow(table)))
        .rollback(lockTimeout(), sql.dropConstraint(table, name));
    into.add(add);
    StepDraft validate = step(StepKind.VALIDATE_CONSTRAINT, phase, table + "." + name)
        .summary("Validate " + name + " against existing rows without blocking writes")
        .reason("Existing rows must satisfy the check too.").after(add)
        .gate(Gate.condition("no row of " + table + " violates " + name, sql.noViolationsGate(table, expression)))
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes; reads and writes continue"))
        .estimate(Estimates.validation(rows(table)))
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.validateConstraint(table, name))
        .requires(DbObject.constraint(table, name))
        .rollback(sql.comment("nothing to undo"));
    into.add(validate);
    return validate;
  }

  void changeCheck(Change.CheckChanged ch) {
    StepDraft drop = dropConstraint(ch.table(), ch.from().name(), "check " + ch.from().name() + " (" + ch.from().expression() + ")",
        "Replaced by the new expression " + ch.to().expression() + ".");
    addCheck(ch.table(), ch.to(), drop);
  }

  StepDraft dropConstraint(String table, String name, String what, String reason) {
    return dropConstraint(table, name, what, reason, Phase.CONTRACT);
  }

  StepDraft dropConstraint(String table, String name, String what, String reason, Phase phase) {
    StepDraft s = step(StepKind.DROP_CONSTRAINT, phase, table + "." + name)
        .summary("Drop " + what + " of " + table)
        .reason(reason).after(phase == Phase.CONTRACT ? deploy : null)
        .lock(briefExclusive(table))
        .sql(lockTimeout(), sql.dropConstraint(table, name))
        .removes(DbObject.constraint(table, name))
        .rollback(sql.comment("add the constraint again (NOT VALID, then VALIDATE)"));
    constraintDropped.put(table + "." + name, s);
    (phase == Phase.CONTRACT ? contract : expand).add(s);
    return s;
  }
}
