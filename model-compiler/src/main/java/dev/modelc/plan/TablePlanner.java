package dev.modelc.plan;

import dev.modelc.dialect.PostgresDdl;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.diff.Change;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
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
    for (Column c : t.columns()) {
      Table target = c.references() == null ? null : retired.get(c.references().table());
      if (target == null || target == t) {
        continue;
      }
      if (visiting.contains(target.name())) {
        constraints.dropConstraint(t.name(), PostgresNames.foreignKey(t.name(), c.name()), "foreign key " + c.name() + " -> " + c.references(),
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
}
