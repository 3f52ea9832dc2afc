package dev.modelc.diff;

import dev.modelc.diag.Diagnostics;
import dev.modelc.diff.Change.CheckAdded;
import dev.modelc.diff.Change.CheckChanged;
import dev.modelc.diff.Change.CheckRemoved;
import dev.modelc.diff.Change.ColumnAdded;
import dev.modelc.diff.Change.ColumnDefaultChanged;
import dev.modelc.diff.Change.ColumnNullabilityChanged;
import dev.modelc.diff.Change.ColumnRemoved;
import dev.modelc.diff.Change.ColumnRenamed;
import dev.modelc.diff.Change.ColumnTypeChanged;
import dev.modelc.diff.Change.EnumValuesAdded;
import dev.modelc.diff.Change.ForeignKeyAdded;
import dev.modelc.diff.Change.ForeignKeyRemoved;
import dev.modelc.diff.Change.IndexAdded;
import dev.modelc.diff.Change.IndexModified;
import dev.modelc.diff.Change.IndexRemoved;
import dev.modelc.diff.Change.IndexRenamed;
import dev.modelc.diff.Change.TableAdded;
import dev.modelc.diff.Change.TableRemoved;
import dev.modelc.diff.Change.TableRenamed;
import dev.modelc.diff.Change.UniqueAdded;
import dev.modelc.diff.Change.UniqueRemoved;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a baseline model with a new one. Renames are taken only from {@code renamedFrom},
 * never guessed; a removal without a tombstone in the new model is an error positioned at the
 * baseline object, with the YAML to add. Linear in the size of both models.
 */
public final class ModelDiff {
  private final Model from;
  private final Model to;
  private final List<Change> changes = new ArrayList<>();
  private final Diagnostics out = new Diagnostics();
  private final Map<String, Tombstone> tombstones = new HashMap<>();
  /** old table name -> new table name, for tables renamed with renamedFrom. */
  private final Map<String, String> renamedTables = new HashMap<>();
  /** (table, column) pairs of the baseline that a foreign key points at; built on first use. */
  private Set<List<String>> referencedColumns;

  private ModelDiff(Model from, Model to) {
    this.from = from;
    this.to = to;
    for (Tombstone t : to.retired()) {
      tombstones.put(t.kind() + ":" + t.qualifiedName(), t);
    }
    for (Table t : to.tables()) {
      if (t.renamedFrom() != null && from.table(t.name()).isEmpty() && from.table(t.renamedFrom()).isPresent()
          && to.table(t.renamedFrom()).isEmpty()) {
        renamedTables.put(t.renamedFrom(), t.name());
      }
    }
  }

  public static ChangeSet diff(Model from, Model to) {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    ModelDiff d = new ModelDiff(from, to);
    d.tables();
    return new ChangeSet(from, to, d.changes, d.out.sorted());
  }

  private void tables() {
    Set<String> matched = new HashSet<>();
    for (Table t : to.tables()) {
      Table old = from.table(t.name()).orElse(null);
      if (old != null) {
        matched.add(old.name());
        table(old, t);
      } else if (t.renamedFrom() != null && from.table(t.renamedFrom()).isPresent()
          && to.table(t.renamedFrom()).isEmpty()) {
        matched.add(t.renamedFrom());
        Table source = from.table(t.renamedFrom()).get();
        changes.add(new TableRenamed(source, t));
        table(source, t); // what else changed, compared under the new name
      } else {
        if (t.renamedFrom() != null) {
          out.report(DiffCode.MC603, dev.modelc.diag.Severity.WARNING, t.source(), "table '" + t.name()
              + "' is renamed from '" + t.renamedFrom() + "', which the baseline does not have; it is planned as a new table");
        }
        changes.add(new TableAdded(t));
      }
    }
    for (Table old : from.tables()) {
      if (matched.contains(old.name())) {
        continue;
      }
      Tombstone ts = tombstones.get(Tombstone.Kind.TABLE + ":" + old.name());
      if (ts != null) {
        changes.add(new TableRemoved(old, ts));
      } else {
        missingTombstone(old.source(), "table '" + old.name() + "'", "tables", old.name());
      }
    }
  }

  private void table(Table old, Table t) {
    String name = t.name();
    Map<String, String> renamed = new HashMap<>(); // new column name -> old column name
    Set<String> matched = new HashSet<>();
    for (Column c : t.columns()) {
      Column before = old.column(c.name()).orElse(null);
      if (before != null) {
        matched.add(before.name());
        column(name, before, c);
      } else if (c.renamedFrom() != null && old.column(c.renamedFrom()).isPresent()
          && t.column(c.renamedFrom()).isEmpty()) {
        if (old.primaryKey().contains(c.renamedFrom()) || referenced(old.name(), c.renamedFrom())) {
          out.report(DiffCode.MC610, c.source(), "column '" + name + "." + c.name() + "' is renamed from '" + c.renamedFrom()
              + "', which is " + (old.primaryKey().contains(c.renamedFrom()) ? "part of the primary key" : "referenced by a foreign key")
              + "; a rename through a new column would drop that key, so modelc does not plan it: keep the name, "
              + "or add a new table and retire this one");
          matched.add(c.renamedFrom());
          continue;
        }
        matched.add(c.renamedFrom());
        renamed.put(c.name(), c.renamedFrom());
        changes.add(new ColumnRenamed(name, old.column(c.renamedFrom()).get(), c));
      } else {
        if (!c.nullable() && c.defaultValue() == null && !t.primaryKey().contains(c.name())) {
          out.report(DiffCode.MC605, c.source(), "new column '" + name + "." + c.name()
              + "' is NOT NULL without a default, but table '" + name + "' already has rows; add 'default:' or 'nullable: true'");
        }
        changes.add(new ColumnAdded(name, c));
        if (c.references() != null) {
          changes.add(new ForeignKeyAdded(name, c));
        }
        if (c.unique()) {
          changes.add(new UniqueAdded(name, c));
        }
      }
    }
    for (Column before : old.columns()) {
      if (matched.contains(before.name())) {
        continue;
      }
      Tombstone ts = tombstones.get(Tombstone.Kind.COLUMN + ":" + name + "." + before.name());
      if (ts != null) {
        if (before.references() != null) {
          changes.add(new ForeignKeyRemoved(name, before));
        }
        changes.add(new ColumnRemoved(name, before, ts));
      } else {
        missingTombstone(before.source(), "column '" + name + "." + before.name() + "'", "columns", name + "." + before.name());
      }
    }
    List<String> oldKey = old.primaryKey().stream().toList();
    List<String> newKey = t.primaryKey().stream().map(c -> renamed.getOrDefault(c, c)).toList();
    if (!oldKey.equals(newKey)) {
      out.report(DiffCode.MC606, t.source(), "the primary key of table '" + name + "' changes from " + old.primaryKey()
          + " to " + t.primaryKey() + "; modelc does not plan key changes: create a new table and retire this one");
    }
    checks(name, old, t);
    indexes(name, old, t);
  }

  private void column(String table, Column a, Column b) {
    if (!a.type().sameBaseType(b.type())) {
      boolean key = a.primaryKey() || b.primaryKey() || a.unique() || b.unique() || a.references() != null
          || b.references() != null || referenced(table, a.name());
      if (key && !dev.modelc.dialect.PostgresTypes.changesWithoutRewrite(a.type(), b.type())) {
        out.report(DiffCode.MC609, b.source(), "the type of '" + table + "." + b.name() + "' changes from "
            + a.type().modelSpelling() + " to " + b.type().modelSpelling() + ", but it is a key, unique or foreign-key column; "
            + "modelc does not plan that automatically: add a new column (renamedFrom is not enough) and retire the old one");
        return;
      }
      changes.add(new ColumnTypeChanged(table, a, b));
      return; // the replacement column carries the new nullability and default
    }
    if (a.type().kind() == TypeKind.ENUM && !a.type().enumValues().equals(b.type().enumValues())) {
      List<String> oldValues = a.type().enumValues();
      List<String> newValues = b.type().enumValues();
      List<String> kept = newValues.stream().filter(oldValues::contains).toList();
      if (!kept.equals(oldValues)) {
        out.report(DiffCode.MC604, b.source(), "enum '" + table + "." + b.name() + "' drops or reorders values (" + oldValues
            + " -> " + newValues + "); PostgreSQL can only add values: keep the old values in their order");
      } else {
        changes.add(new EnumValuesAdded(table, b, newValues.stream().filter(v -> !oldValues.contains(v)).toList()));
      }
    }
    if (a.nullable() != b.nullable()) {
      changes.add(new ColumnNullabilityChanged(table, a, b));
    }
    if (!Objects.equals(a.defaultValue(), b.defaultValue())) {
      changes.add(new ColumnDefaultChanged(table, a, b));
    }
    // a key to a renamed table is the same key: PostgreSQL tracks the table, not its name
    String oldTarget = a.references() == null ? null
        : renamedTables.getOrDefault(a.references().table(), a.references().table()) + "." + a.references().column() + a.references().onDelete();
    String newTarget = b.references() == null ? null : b.references().toString() + b.references().onDelete();
    if (!Objects.equals(oldTarget, newTarget)) {
      if (a.references() != null) {
        changes.add(new ForeignKeyRemoved(table, a));
      }
      if (b.references() != null) {
        changes.add(new ForeignKeyAdded(table, b));
      }
    }
    if (a.unique() != b.unique()) {
      changes.add(b.unique() ? new UniqueAdded(table, b) : new UniqueRemoved(table, a));
    }
  }

  private boolean referenced(String table, String column) {
    if (referencedColumns == null) {
      referencedColumns = new HashSet<>();
      for (Table t : from.tables()) {
        for (Column c : t.columns()) {
          if (c.references() != null) {
            referencedColumns.add(List.of(c.references().table(), c.references().column()));
          }
        }
      }
    }
    return referencedColumns.contains(List.of(table, column));
  }

  private void checks(String table, Table old, Table t) {
    Map<String, Check> before = new HashMap<>();
    old.checks().forEach(c -> before.put(c.name(), c));
    for (Check c : t.checks()) {
      Check b = before.remove(c.name());
      if (b == null) {
        changes.add(new CheckAdded(table, c));
      } else if (!b.expression().equals(c.expression())) {
        changes.add(new CheckChanged(table, b, c));
      }
    }
    old.checks().stream().filter(c -> before.containsKey(c.name())).forEach(c -> changes.add(new CheckRemoved(table, c)));
  }

  private void indexes(String table, Table old, Table t) {
    Set<String> matched = new HashSet<>();
    for (Index i : t.indexes()) {
      Index before = old.index(i.name()).orElse(null);
      if (before != null) {
        matched.add(before.name());
        if (!before.sameDefinition(i)) {
          changes.add(new IndexModified(table, before, i));
        }
      } else if (i.renamedFrom() != null && old.index(i.renamedFrom()).isPresent() && t.index(i.renamedFrom()).isEmpty()) {
        Index source = old.index(i.renamedFrom()).get();
        matched.add(source.name());
        changes.add(source.sameDefinition(i) ? new IndexRenamed(table, source, i) : new IndexModified(table, source, i));
      } else {
        changes.add(new IndexAdded(table, i));
      }
    }
    for (Index before : old.indexes()) {
      if (matched.contains(before.name())) {
        continue;
      }
      Tombstone ts = tombstones.get(Tombstone.Kind.INDEX + ":" + table + "." + before.name());
      if (ts == null) {
        missingTombstone(before.source(), "index '" + before.name() + "'", "indexes", table + "." + before.name());
        continue;
      }
      Index replacement = ts.replacedBy() == null ? null : t.index(ts.replacedBy()).orElse(null);
      changes.add(new IndexRemoved(table, before, ts, replacement));
    }
  }

  private void missingTombstone(dev.modelc.model.SourceRef at, String what, String section, String key) {
    out.report(DiffCode.MC601, at, what + " is removed, but the new model has no tombstone for it; say why in the new model: "
        + "retired: { " + section + ": { " + key + ": { reason: \"<why it is no longer needed>\" } } }");
  }
}
