package dev.modelc.importer;

import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Generation;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.model.UniqueConstraint;
import dev.modelc.model.UnmanagedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a database can know of a model, one line per fact, for comparing an original model with
 * its import. Everything PostgreSQL keeps is a fact, compared exactly: table names, descriptions,
 * columns in order with their type (enum values in order), nullability, default, identity,
 * serial or generation (with the owned sequence's name), collation and description; the primary
 * key, unique constraints, foreign keys (every option) and checks with their names and SQL; the
 * indexes with their names, method, keys (column or expression, order, nulls, operator class),
 * uniqueness, nulls not distinct, include columns, predicate and storage parameters; the
 * extensions; the unmanaged objects with their kind and what they depend on.
 *
 * <p>Left out, because a database cannot know them: the model's description and policy, query
 * patterns, table owners and row counts, the reasons of indexes, checks and unmanaged objects and
 * {@code keep} (the import writes the placeholder {@code unknown}), {@code renamedFrom} and
 * tombstones (history, not state), positions in files, and the spelling of a fact: which file
 * holds a table, the order of tables, indexes, constraints and checks (PostgreSQL keeps none),
 * YAML quoting and alignment, and the short or the full form of one constraint (a name left to
 * the default is compared as the default name).
 *
 * <p>{@link #COMPARED} lists every component of the model's records with what happens to it, so
 * that a component added to the language later fails {@code ExampleModelsImportTest} until it
 * is put on one side or the other.
 */
final class ModelFacts {
  /** Record components: compared (true) or left out (false, with why in the class comment). */
  static final Map<Class<? extends Record>, Map<String, Boolean>> COMPARED = Map.of(
      Table.class, map("name", true, "description", true, "owner", false, "rows", false, "columns", true,
          "primaryKey", true, "primaryKeyName", true, "uniques", true, "foreignKeys", true, "indexes", true,
          "checks", true, "renamedFrom", false, "source", false),
      Column.class, map("name", true, "type", true, "nullable", true, "defaultValue", true,
          "primaryKey", false /* spelling: the table's key is compared */, "description", true, "renamedFrom", false,
          "generation", true, "collation", true, "source", false),
      ColumnType.class, map("kind", true, "length", true, "precision", true, "scale", true, "enumValues", true,
          "array", true),
      Generation.class, map("kind", true, "sequence", true, "expression", true),
      UniqueConstraint.class, map("name", true, "columns", true, "nullsNotDistinct", true, "shortForm", false,
          "source", false),
      ForeignKey.class, map("name", true, "columns", true, "targetTable", true, "targetColumns", true, "onDelete", true,
          "onUpdate", true, "matchFull", true, "deferrable", true, "initiallyDeferred", true, "shortForm", false,
          "source", false),
      Check.class, map("name", true, "expression", true, "reason", false, "source", false),
      Index.class, map("name", true, "table", true, "columns", true, "unique", true, "where", true, "include", true,
          "reason", false, "keep", false, "renamedFrom", false, "origin", true, "method", true,
          "nullsNotDistinct", true, "with", true, "source", false),
      IndexColumn.class, map("column", true, "expression", true, "descending", true, "nullsFirst", true,
          "opclass", true, "source", false),
      UnmanagedObject.class, map("kind", true, "table", true, "name", true, "otherKind", true, "reason", false,
          "dependsOn", true, "source", false));

  private ModelFacts() {}

  /** The facts of {@code model}, sorted. */
  static List<String> of(Model model) {
    List<String> facts = new ArrayList<>();
    facts.add("model " + model.name() + " database=" + model.database());
    facts.add("extensions " + model.extensions().stream().sorted().toList());
    for (Table t : model.tables()) {
      String table = "table " + t.name();
      facts.add(table + " description=" + t.description());
      for (int i = 0; i < t.columns().size(); i++) {
        Column c = t.columns().get(i);
        Generation g = c.generation();
        facts.add(table + " column " + (i + 1) + " " + c.name() + " type=" + c.type().modelSpelling()
            + " values=" + c.type().enumValues() + " nullable=" + c.nullable() + " default=" + c.defaultValue()
            + " generation=" + (g == null ? "none" : g.kind() + (g.hasSequence() ? " sequence="
                + ConstraintNames.sequence(t.name(), c) : "") + " expression=" + g.expression())
            + " collation=" + c.collation() + " description=" + c.description());
      }
      if (!t.primaryKey().isEmpty()) {
        facts.add(table + " primary key " + ConstraintNames.primaryKey(t) + " " + t.primaryKey());
      }
      for (UniqueConstraint u : t.effectiveUniques()) {
        facts.add(table + " unique " + ConstraintNames.unique(t.name(), u) + " " + u.columns() + " nullsNotDistinct="
            + u.nullsNotDistinct());
      }
      for (ForeignKey f : t.foreignKeys()) {
        facts.add(table + " foreign key " + ConstraintNames.foreignKey(t.name(), f) + " " + f.columns() + " -> "
            + f.targetTable() + " " + f.targetColumns() + " onDelete=" + f.onDelete() + " onUpdate=" + f.onUpdate()
            + " matchFull=" + f.matchFull() + " deferrable=" + f.deferrable() + " initiallyDeferred="
            + f.initiallyDeferred());
      }
      for (Check c : t.checks()) {
        facts.add(table + " check " + c.name() + " " + c.expression());
      }
      for (Index i : t.indexes()) {
        List<String> keys = i.columns().stream().map(k -> (k.expression() ? "expression " : "column ") + k.column()
            + (k.descending() ? " desc" : "") + (k.nullsFirst() == null ? "" : k.nullsFirst() ? " nulls first"
                : " nulls last") + (k.opclass() == null ? "" : " opclass " + k.opclass())).toList();
        facts.add(table + " index " + i.name() + " on " + i.table() + " " + i.origin() + " method=" + i.method() + " keys="
            + keys + " unique=" + i.unique() + " nullsNotDistinct=" + i.nullsNotDistinct() + " include=" + i.include()
            + " where=" + i.where() + " with=" + i.with());
      }
    }
    for (UnmanagedObject u : model.unmanaged()) {
      facts.add("unmanaged " + u.kind() + " " + u.table() + " " + u.name() + " kind=" + u.otherKind() + " dependsOn="
          + u.dependsOn().stream().sorted().toList());
    }
    facts.sort(null);
    return facts;
  }

  /** The record components of {@code type}, by name. */
  static Set<String> components(Class<? extends Record> type) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (var c : type.getRecordComponents()) {
      names.add(c.getName());
    }
    return names;
  }

  private static Map<String, Boolean> map(Object... pairs) {
    Map<String, Boolean> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Boolean) pairs[i + 1]);
    }
    return m;
  }
}
