package dev.modelc.diff;

import dev.modelc.diag.Diagnostics;
import dev.modelc.diff.Change.CheckAdded;
import dev.modelc.diff.Change.CheckChanged;
import dev.modelc.diff.Change.CheckRemoved;
import dev.modelc.diff.Change.ColumnCommentChanged;
import dev.modelc.diff.Change.ColumnGenerationChanged;
import dev.modelc.diff.Change.ColumnAdded;
import dev.modelc.diff.Change.ColumnDefaultChanged;
import dev.modelc.diff.Change.ColumnNullabilityChanged;
import dev.modelc.diff.Change.ColumnRemoved;
import dev.modelc.diff.Change.ColumnRenamed;
import dev.modelc.diff.Change.ColumnTypeChanged;
import dev.modelc.diff.Change.ConstraintRenamed;
import dev.modelc.diff.Change.EnumValuesAdded;
import dev.modelc.diff.Change.ExtensionAdded;
import dev.modelc.diff.Change.ForeignKeyAdded;
import dev.modelc.diff.Change.ForeignKeyRemoved;
import dev.modelc.diff.Change.IndexAdded;
import dev.modelc.diff.Change.IndexModified;
import dev.modelc.diff.Change.IndexRemoved;
import dev.modelc.diff.Change.IndexRenamed;
import dev.modelc.diff.Change.TableAdded;
import dev.modelc.diff.Change.TableCommentChanged;
import dev.modelc.diff.Change.TableRemoved;
import dev.modelc.diff.Change.TableRenamed;
import dev.modelc.diff.Change.UniqueAdded;
import dev.modelc.diff.Change.UniqueRemoved;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Generation;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.TypeKind;
import dev.modelc.model.UniqueConstraint;
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
    UnmanagedGuard.check(to, d.changes, d.out);
    return new ChangeSet(from, to, d.changes, d.out.sorted());
  }

  private void tables() {
    for (String extension : to.extensions()) {
      if (!from.extensions().contains(extension)) {
        changes.add(new ExtensionAdded(extension));
      }
    }
    for (String extension : from.extensions()) {
      if (!to.extensions().contains(extension)) {
        out.report(DiffCode.MC632, to.source(), "extension '" + extension + "' is no longer listed; plans never drop an"
            + " extension (other schemas and objects may use it): drop it by hand if nothing needs it");
      }
    }
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
        column(name, old, t, before, c);
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
        Column source = old.column(c.renamedFrom()).get();
        if (source.generation() != null || c.generation() != null) {
          unplannedGeneration(name, source, c, "is renamed");
          matched.add(c.renamedFrom());
          continue;
        }
        matched.add(c.renamedFrom());
        renamed.put(c.name(), c.renamedFrom());
        changes.add(new ColumnRenamed(name, source, c));
      } else {
        if (!c.nullable() && !c.filledByDatabase() && !t.primaryKey().contains(c.name())) {
          out.report(DiffCode.MC605, c.source(), "new column '" + name + "." + c.name()
              + "' is NOT NULL without a default, but table '" + name + "' already has rows; add 'default:' or 'nullable: true'");
        }
        if (c.generation() != null) {
          out.report(DiffCode.MC631, c.source(), "new " + describe(c.generation()).replaceFirst(" as .*", "") + " column '"
              + name + "." + c.name() + "' would make PostgreSQL rewrite table '" + name + "' under an exclusive lock to fill"
              + " it for every row; add it as a plain column, fill it, and let PostgreSQL fill it in a later release"
              + (c.generation().kind() == Generation.Kind.STORED ? " (a generated column cannot be made so in place)" : ""));
          continue;
        }
        changes.add(new ColumnAdded(name, c));
      }
    }
    Set<String> goneColumns = new HashSet<>(); // old columns that are dropped: what hangs on them goes with them
    for (Column before : old.columns()) {
      if (matched.contains(before.name())) {
        continue;
      }
      Tombstone ts = tombstones.get(Tombstone.Kind.COLUMN + ":" + name + "." + before.name());
      if (ts != null) {
        for (ForeignKey fk : old.foreignKeys()) {
          if (fk.columns().contains(before.name()) && retired.add(List.of(name, keyOf(fk)))) {
            changes.add(new ForeignKeyRemoved(name, fk));
          }
        }
        changes.add(new ColumnRemoved(name, before, ts));
        goneColumns.add(before.name());
      } else {
        missingTombstone(before.source(), "column '" + name + "." + before.name() + "'", "columns", name + "." + before.name());
      }
    }
    goneColumns.addAll(renamed.values());
    List<String> oldKey = old.primaryKey().stream().toList();
    List<String> newKey = t.primaryKey().stream().map(c -> renamed.getOrDefault(c, c)).toList();
    if (!oldKey.equals(newKey)) {
      out.report(DiffCode.MC606, t.source(), "the primary key of table '" + name + "' changes from " + old.primaryKey()
          + " to " + t.primaryKey() + "; modelc does not plan key changes: create a new table and retire this one");
    } else if (!t.primaryKey().isEmpty() && !Objects.equals(old.primaryKeyName(), t.primaryKeyName())) {
      // a default name follows a table rename by itself (the table's rename step renames it)
      String fromName = old.primaryKeyName() != null ? old.primaryKeyName() : ConstraintNames.defaultPrimaryKey(name);
      if (!fromName.equals(t.primaryKeyConstraint())) {
        changes.add(new ConstraintRenamed(name, fromName, t.primaryKeyConstraint(), "primary key"));
      }
    }
    uniques(name, old, t, goneColumns);
    foreignKeys(name, old, t, goneColumns);
    checks(name, old, t);
    indexes(name, old, t);
    if (!Objects.equals(old.description(), t.description())) {
      changes.add(new TableCommentChanged(name, old.description(), t.description()));
    }
  }

  /** Foreign keys and unique constraints already removed, by table and key. */
  private final Set<List<String>> retired = new HashSet<>();

  /** How a constraint is identified across versions: its explicit name, or its columns when it has the default name. */
  private static String keyOf(ForeignKey fk) {
    return fk.name() != null ? "name:" + fk.name() : "default:" + fk.columns();
  }

  private static String keyOf(UniqueConstraint u) {
    return u.name() != null ? "name:" + u.name() : "default:" + u.columns();
  }

  private void foreignKeys(String table, Table old, Table t, Set<String> goneColumns) {
    Map<String, ForeignKey> before = new java.util.LinkedHashMap<>();
    for (ForeignKey fk : old.foreignKeys()) {
      if (fk.columns().stream().noneMatch(goneColumns::contains) && !retired.contains(List.of(table, keyOf(fk)))) {
        before.put(keyOf(fk), fk);
      }
    }
    List<ForeignKey> added = new ArrayList<>();
    for (ForeignKey fk : t.foreignKeys()) {
      ForeignKey b = before.remove(keyOf(fk));
      if (b == null) {
        added.add(fk);
      } else if (!sameKey(b, fk)) {
        changes.add(new ForeignKeyRemoved(table, b));
        changes.add(new ForeignKeyAdded(table, fk));
      }
    }
    for (ForeignKey fk : added) {
      // the same key under a new name is renamed in place
      ForeignKey same = before.values().stream().filter(b -> sameKey(b, fk)).findFirst().orElse(null);
      if (same != null) {
        before.remove(keyOf(same));
        // names are taken under the new table name: a default name follows a table rename by itself
        changes.add(new ConstraintRenamed(table, ConstraintNames.foreignKey(table, same),
            ConstraintNames.foreignKey(table, fk), "foreign key " + fk.describe()));
      } else {
        changes.add(new ForeignKeyAdded(table, fk));
      }
    }
    before.values().forEach(fk -> changes.add(new ForeignKeyRemoved(table, fk)));
  }

  /** The same key, its target followed through a table rename (PostgreSQL tracks the table, not its name). */
  private boolean sameKey(ForeignKey old, ForeignKey fk) {
    return old.withTarget(renamedTables.getOrDefault(old.targetTable(), old.targetTable())).sameDefinition(fk);
  }

  private void uniques(String table, Table old, Table t, Set<String> goneColumns) {
    Map<String, UniqueConstraint> before = new java.util.LinkedHashMap<>();
    for (UniqueConstraint u : old.effectiveUniques()) {
      if (u.columns().stream().noneMatch(goneColumns::contains)) {
        before.put(keyOf(u), u);
      }
    }
    List<UniqueConstraint> added = new ArrayList<>();
    for (UniqueConstraint u : t.effectiveUniques()) {
      UniqueConstraint b = before.remove(keyOf(u));
      if (b == null) {
        added.add(u);
      } else if (!b.sameDefinition(u)) {
        changes.add(new UniqueRemoved(table, b));
        changes.add(new UniqueAdded(table, u));
      }
    }
    for (UniqueConstraint u : added) {
      UniqueConstraint same = before.values().stream().filter(b -> b.sameDefinition(u)).findFirst().orElse(null);
      if (same != null) {
        before.remove(keyOf(same));
        changes.add(new ConstraintRenamed(table, ConstraintNames.unique(table, same), ConstraintNames.unique(table, u),
            "unique constraint (" + String.join(", ", u.columns()) + ")"));
      } else {
        changes.add(new UniqueAdded(table, u));
      }
    }
    before.values().forEach(u -> changes.add(new UniqueRemoved(table, u)));
  }

  private void column(String table, Table oldTable, Table newTable, Column a, Column b) {
    boolean retyped = !a.type().sameBaseType(b.type()) || !Objects.equals(a.collation(), b.collation());
    if (retyped && (a.generation() != null || b.generation() != null)) {
      unplannedGeneration(table, a, b, "changes type");
      return;
    }
    if (retyped) {
      boolean key = oldTable.primaryKey().contains(a.name()) || newTable.primaryKey().contains(b.name())
          || inUnique(oldTable, a.name()) || inUnique(newTable, b.name()) || inForeignKey(oldTable, a.name())
          || inForeignKey(newTable, b.name()) || referenced(table, a.name());
      if (key && !dev.modelc.dialect.PostgresTypes.changesWithoutRewrite(a, b)) {
        out.report(DiffCode.MC609, b.source(), "the type of '" + table + "." + b.name() + "' changes from "
            + spelling(a) + " to " + spelling(b) + ", but it is a key, unique or foreign-key column; "
            + "modelc does not plan that automatically: add a new column (renamedFrom is not enough) and retire the old one");
        return;
      }
      changes.add(new ColumnTypeChanged(table, a, b));
      return; // the replacement column carries the new nullability, default and comment
    }
    if (!Objects.equals(a.generation(), b.generation())) {
      generation(table, a, b);
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
    if (!Objects.equals(a.description(), b.description())) {
      changes.add(new ColumnCommentChanged(table, b.name(), a.description(), b.description()));
    }
  }

  private static String spelling(Column c) {
    return c.type().modelSpelling() + (c.collation() == null ? "" : " collate \"" + c.collation() + "\"");
  }

  /**
   * Identity, serial and generated changes the planner can make safely: an identity added to a
   * NOT NULL column without a default, dropped, or switched between always and byDefault; a
   * serial sequence added or dropped; a sequence renamed; a generated column turned plain. The
   * rest (a new or changed generation expression, serial to identity) is MC631.
   */
  private void generation(String table, Column a, Column b) {
    Generation g1 = a.generation();
    Generation g2 = b.generation();
    Generation.Kind k1 = g1 == null ? null : g1.kind();
    Generation.Kind k2 = g2 == null ? null : g2.kind();
    boolean identities = (g1 == null || g1.isIdentity()) && (g2 == null || g2.isIdentity());
    boolean serials = (k1 == null || k1 == Generation.Kind.SERIAL) && (k2 == null || k2 == Generation.Kind.SERIAL);
    boolean dropExpression = k1 == Generation.Kind.STORED && k2 == null;
    if (!(identities || serials || dropExpression)) {
      unplannedGeneration(table, a, b, "changes how PostgreSQL fills it");
      return;
    }
    if (g1 == null && (a.nullable() || a.defaultValue() != null)) {
      out.report(DiffCode.MC631, b.source(), "column '" + table + "." + b.name() + "' becomes " + (k2 == Generation.Kind.SERIAL
          ? "serial" : "an identity column") + ", which needs it NOT NULL and without a default first; make it so in one"
          + " release and add the " + (k2 == Generation.Kind.SERIAL ? "sequence" : "identity") + " in the next");
      return;
    }
    changes.add(new ColumnGenerationChanged(table, a, b));
  }

  private void unplannedGeneration(String table, Column a, Column b, String how) {
    out.report(DiffCode.MC631, b.source(), "column '" + table + "." + b.name() + "' " + how
        + (how.startsWith("changes how") ? " (" : " while PostgreSQL fills it (")
        + describe(a.generation()) + " -> " + describe(b.generation()) + "); modelc does not plan that safely: add a new column"
        + " and retire this one");
  }

  private static String describe(Generation g) {
    if (g == null) {
      return "plain";
    }
    return switch (g.kind()) {
      case IDENTITY_ALWAYS -> "identity always";
      case IDENTITY_BY_DEFAULT -> "identity byDefault";
      case SERIAL -> "serial";
      case STORED -> "generated as " + g.expression();
    };
  }

  private static boolean inUnique(Table t, String column) {
    return t.uniques().stream().anyMatch(u -> u.columns().contains(column));
  }

  private static boolean inForeignKey(Table t, String column) {
    return t.foreignKeys().stream().anyMatch(f -> f.columns().contains(column));
  }

  private boolean referenced(String table, String column) {
    if (referencedColumns == null) {
      referencedColumns = new HashSet<>();
      for (Table t : from.tables()) {
        for (ForeignKey fk : t.foreignKeys()) {
          for (String c : fk.targetColumns()) {
            referencedColumns.add(List.of(fk.targetTable(), c));
          }
        }
      }
    }
    return referencedColumns.contains(List.of(table, column));
  }

  private void checks(String table, Table old, Table t) {
    Map<String, Check> before = new java.util.LinkedHashMap<>();
    old.checks().forEach(c -> before.put(c.name(), c));
    List<Check> added = new ArrayList<>();
    for (Check c : t.checks()) {
      Check b = before.remove(c.name());
      if (b == null) {
        added.add(c);
      } else if (!b.expression().equals(c.expression())) {
        changes.add(new CheckChanged(table, b, c));
      }
    }
    for (Check c : added) {
      Check same = before.values().stream().filter(b -> b.expression().equals(c.expression())).findFirst().orElse(null);
      if (same != null) {
        before.remove(same.name());
        changes.add(new ConstraintRenamed(table, same.name(), c.name(), "check (" + c.expression() + ")"));
      } else {
        changes.add(new CheckAdded(table, c));
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
