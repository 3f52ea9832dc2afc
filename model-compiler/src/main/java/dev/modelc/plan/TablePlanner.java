package dev.modelc.plan;

import dev.modelc.dialect.PostgresDdl;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.diff.Change;
import dev.modelc.model.Column;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import dev.modelc.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps for tables: new tables created referenced-first (a key that closes a cycle added once
 * both exist), a renamed table renamed behind a compatibility view dropped after the deploy,
 * retired tables dropped after the deploy once unused (keys closing a cycle among them first).
 */
final class TablePlanner extends StepPlanner {
  private final EnumTypePlanner enums;
  private final ConstraintPlanner constraints;

  TablePlanner(PlanningContext context, EnumTypePlanner enums, ConstraintPlanner constraints) {
    super(context);
    this.enums = enums;
    this.constraints = constraints;
  }

  /**
   * New tables are created referenced-first, each with the foreign keys to tables that exist by
   * then; a key that closes a cycle among new tables is added once both tables exist.
   */
  void createNewTables() {
    Set<String> added = newTables;
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
        s.after(enums.createEnum(t.name(), c));
      }
    }
    List<ForeignKey> later = new ArrayList<>();
    for (ForeignKey fk : t.foreignKeys()) {
      if (!fk.targetTable().equals(t.name()) && !existing.contains(fk.targetTable())) {
        later.add(fk);
      }
      if (tableCreated.containsKey(fk.targetTable())) {
        s.after(tableCreated.get(fk.targetTable()));
      }
    }
    s.sql(lockTimeout());
    List<Column> namedSerials = t.columns().stream().filter(c -> c.generation() != null
        && c.generation().kind() == dev.modelc.model.Generation.Kind.SERIAL && c.generation().sequence() != null).toList();
    for (Column c : namedSerials) {
      s.sql(sql.createSequence(c.generation().sequence(), sql.columnType(t.name(), c)));
    }
    s.sql(sql.createTableIfNotExists(t, existing));
    for (Column c : namedSerials) {
      s.sql(sql.ownSequence(c.generation().sequence(), t.name(), c.name()));
    }
    for (Index i : t.indexes()) {
      s.sql(sql.createIndexIfNotExists(i));
    }
    if (t.description() != null) {
      s.sql(sql.commentOnTable(t.name(), t.description()));
    }
    for (Column c : t.columns()) {
      if (c.description() != null) {
        s.sql(sql.commentOnColumn(t.name(), c.name(), c.description()));
      }
    }
    Map<DbObject, CatalogState.Deps> objects = new LinkedHashMap<>(CatalogState.tableObjects(to, t));
    objects.keySet().removeIf(o -> o.kind() == DbObject.Kind.TYPE); // created by their own steps
    for (ForeignKey fk : later) {
      objects.remove(DbObject.constraint(t.name(), ConstraintNames.foreignKey(t.name(), fk)));
    }
    s.creates(objects);
    tableCreated.put(t.name(), s);
    t.columns().forEach(c -> columnReady.put(t.name() + "." + c.name(), s));
    for (ForeignKey fk : later) {
      String name = ConstraintNames.foreignKey(t.name(), fk);
      StepDraft f = step(StepKind.ADD_FOREIGN_KEY, Phase.EXPAND, t.name() + "." + name)
          .summary("Add foreign key " + t.name() + "." + fk.describe() + " once both new tables exist")
          .sql(lockTimeout(), sql.addForeignKey(t.name(), fk, name))
          .reason("New tables that reference each other in a cycle get the closing key once both exist.").after(s)
          .lock(new Lock(sql.writeBlockingLock(), t.name() + " and " + fk.targetTable(), "writes for milliseconds (both tables are new)"))
          .creates(DbObject.constraint(t.name(), name), CatalogState.foreignKey(to, t.name(), fk))
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
  void dropRetiredForeignKeyCycles() {
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
    for (ForeignKey fk : t.foreignKeys()) {
      Table target = retired.get(fk.targetTable());
      if (target == null || target == t) {
        continue;
      }
      if (visiting.contains(target.name())) {
        constraints.dropConstraint(t.name(), ConstraintNames.foreignKey(t.name(), fk), "foreign key " + fk.describe(),
            "Both tables are retired and reference each other; the key that closes the cycle goes first.");
      } else {
        closeRetiredCycles(target, retired, done, visiting);
      }
    }
    visiting.remove(t.name());
    done.add(t.name());
  }

  void renameTable(Change.TableRenamed r) {
    Table old = r.from();
    Table t = r.to();
    List<String> renames = new ArrayList<>();
    StepDraft s = step(StepKind.CREATE_TABLE, Phase.EXPAND, t.name());
    renames.add(lockTimeout());
    renames.add(sql.renameTable(old.name(), t.name()));
    s.renames(DbObject.table(old.name()), DbObject.table(t.name()));
    // default names follow the table's name, as PostgreSQL would have given them; explicit names stay
    if (!old.primaryKey().isEmpty() && old.primaryKeyName() == null) {
      renameKeyConstraint(s, renames, t.name(), old.primaryKeyConstraint(), ConstraintNames.defaultPrimaryKey(t.name()));
    }
    for (UniqueConstraint u : old.effectiveUniques()) {
      if (u.name() == null) {
        renameKeyConstraint(s, renames, t.name(), ConstraintNames.unique(old.name(), u), ConstraintNames.unique(t.name(), u));
      }
    }
    for (ForeignKey fk : old.foreignKeys()) {
      String oldKey = ConstraintNames.foreignKey(old.name(), fk);
      String newKey = ConstraintNames.foreignKey(t.name(), fk);
      if (!oldKey.equals(newKey)) {
        renames.add(sql.renameConstraint(t.name(), oldKey, newKey));
        s.renames(DbObject.constraint(t.name(), oldKey), DbObject.constraint(t.name(), newKey));
      }
    }
    for (Column c : old.columns()) {
      // an owned sequence keeps its name when its table is renamed: a default name follows the table, as the model says
      Column now = t.column(c.name()).orElse(null);
      if (c.generation() != null && c.generation().hasSequence() && now != null && now.generation() != null
          && now.generation().hasSequence()) {
        String oldSequence = ConstraintNames.sequence(old.name(), c);
        String newSequence = ConstraintNames.sequence(t.name(), now);
        if (!oldSequence.equals(newSequence)) {
          renames.add(sql.renameSequence(oldSequence, newSequence));
        }
      }
      String oldType = PostgresNames.enumType(old.name(), c.name());
      String newType = PostgresNames.enumType(t.name(), c.name());
      if (c.type().kind() == TypeKind.ENUM && !oldType.equals(newType)) {
        renames.add(sql.renameType(oldType, newType));
        s.renames(DbObject.type(oldType), DbObject.type(newType));
      }
    }
    renames.add(compatibilityView(t.name()));
    s.creates(DbObject.view(old.name()), compatibilityViewDeps(t.name()));
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
        .rollback(compatibilityView(t.name()));
    contract.add(drop);
    compatibilityViewDropped.put(t.name(), drop);
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

  void dropTable(Change.TableRemoved r) {
    Table t = r.removed();
    StepDraft s = step(StepKind.DROP_TABLE, Phase.CONTRACT, t.name())
        .summary("Drop table " + t.name())
        .reason(r.tombstone().reason())
        .criticality(tableCriticality(from, before, t.name()), null)
        .after(deploy)
        .gate(new Gate("table " + t.name() + " had no reads or writes since the deploy (counter unchanged from the deploy step)",
            sql.tableUseCounter(t.name()), Gate.Kind.TABLE_UNUSED, t.name()))
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

  /** A {@code CREATE EXTENSION} step for every extension the new model adds, first in the plan. */
  List<StepDraft> createExtensions() {
    List<StepDraft> out = new ArrayList<>();
    for (Change c : changes.changes()) {
      if (c instanceof Change.ExtensionAdded e) {
        StepDraft s = step(StepKind.CREATE_EXTENSION, Phase.EXPAND, e.name())
            .summary("Create extension " + e.name() + " unless the database has it")
            .reason("The model needs it (extensions: " + e.name() + "); it comes before anything that uses it.")
            .lock(new Lock(sql.rowWriteLock(), "the database catalog", "nothing the application uses"))
            .sql(lockTimeout(), sql.createExtension(e.name()))
            .rollback(sql.comment("extensions are left installed: other objects may use " + e.name()));
        expand.add(s);
        out.add(s);
      }
    }
    return out;
  }

  /** A table's comment (its description), set, changed or removed. */
  void comment(Change.TableCommentChanged c) {
    expand.add(step(StepKind.SET_COMMENT, Phase.EXPAND, c.table())
        .summary((c.to() == null ? "Remove the comment of " : "Comment on ") + "table " + c.table())
        .reason("The description changed in the model.")
        .after(tableCreated.get(c.table()))
        .lock(new Lock(sql.schemaChangeLock(), c.table(), "other schema changes for milliseconds"))
        .sql(lockTimeout(), sql.commentOnTable(c.table(), c.to()))
        .requires(DbObject.table(c.table()))
        .rollback(sql.commentOnTable(c.table(), c.from())));
  }
}
