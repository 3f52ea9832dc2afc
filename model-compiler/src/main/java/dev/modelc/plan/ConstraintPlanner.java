package dev.modelc.plan;

import dev.modelc.dialect.PostgresNames;
import dev.modelc.diff.Change;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
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
    fkDropsByTarget.computeIfAbsent(f.column().references().table(), k -> new ArrayList<>())
        .add(dropConstraint(f.table(), PostgresNames.foreignKey(f.table(), f.column().name()),
            "foreign key " + f.column().name() + " -> " + f.column().references(), "The model no longer declares this foreign key."));
  }

  void addForeignKey(String table, Column c) {
    if (newTables.contains(table)) {
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
        .gate(Gate.condition("no row of " + table + " points at a missing " + c.references(), sql.noOrphansGate(table, c)))
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

  void addUnique(String table, Column c) {
    if (newTables.contains(table)) {
      return; // part of CREATE TABLE
    }
    String name = PostgresNames.uniqueColumn(table, c.name());
    Index unique = new Index(name, table, List.of(new dev.modelc.model.IndexColumn(c.name(), false, c.source())), true, null,
        List.of(), "Unique column " + c.name() + ".", null, null, dev.modelc.model.IndexOrigin.UNIQUE_COLUMN, c.source());
    StepDraft build = indexes.buildIndex(table, unique, name, "Declared unique in the model; the index is built without blocking writes.");
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
