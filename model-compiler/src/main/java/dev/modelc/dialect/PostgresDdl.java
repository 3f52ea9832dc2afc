package dev.modelc.dialect;

import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Create-from-scratch DDL of a model: enum types, tables (referenced tables first), their
 * constraints, then indexes. Deterministic: the same model gives the same text.
 */
public final class PostgresDdl {
  private PostgresDdl() {}

  public static String createSchema(Model model) {
    StringBuilder out = new StringBuilder();
    out.append("-- modelc: create-from-scratch schema of model '").append(model.name()).append("'\n\n");
    List<Table> ordered = referencedFirst(model);
    Set<String> created = new java.util.HashSet<>();
    List<String> laterForeignKeys = new ArrayList<>();
    for (Table table : ordered) {
      for (Column c : table.columns()) {
        if (c.type().kind() == TypeKind.ENUM) {
          out.append(createEnum(table.name(), c)).append(";\n");
        }
      }
    }
    for (Table table : ordered) {
      out.append('\n').append(createTable(table, created, laterForeignKeys)).append(";\n");
      created.add(table.name());
      for (Index index : table.indexes()) {
        out.append(createIndex(index, false)).append(";\n");
      }
    }
    for (String fk : laterForeignKeys) {
      out.append('\n').append(fk).append(";\n");
    }
    return out.toString();
  }

  public static String createEnum(String table, Column column) {
    return "CREATE TYPE " + PostgresNames.quote(PostgresNames.enumType(table, column.name())) + " AS ENUM ("
        + column.type().enumValues().stream().map(PostgresNames::literal).collect(Collectors.joining(", ")) + ")";
  }

  /**
   * {@code CREATE TABLE} with columns, primary key, unique columns, checks and the foreign keys
   * to tables in {@code created}; foreign keys to other tables (cycles, self references are
   * fine inline) are added to {@code later} as {@code ALTER TABLE} statements.
   */
  public static String createTable(Table table, Set<String> created, List<String> later) {
    List<String> parts = new ArrayList<>();
    for (Column c : table.columns()) {
      parts.add("  " + columnDefinition(table.name(), c));
    }
    if (!table.primaryKey().isEmpty()) {
      parts.add("  CONSTRAINT " + PostgresNames.quote(PostgresNames.primaryKey(table)) + " PRIMARY KEY ("
          + table.primaryKey().stream().map(PostgresNames::quote).collect(Collectors.joining(", ")) + ")");
    }
    for (Column c : table.columns()) {
      if (c.unique() && !isSoleKey(table, c)) {
        parts.add("  CONSTRAINT " + PostgresNames.quote(PostgresNames.uniqueColumn(table.name(), c.name()))
            + " UNIQUE (" + PostgresNames.quote(c.name()) + ")");
      }
    }
    for (Check check : table.checks()) {
      parts.add("  CONSTRAINT " + PostgresNames.quote(check.name()) + " CHECK (" + check.expression() + ")");
    }
    for (Column c : table.columns()) {
      if (c.references() == null) {
        continue;
      }
      String constraint = foreignKeyClause(table.name(), c);
      if (created.contains(c.references().table()) || c.references().table().equals(table.name())) {
        parts.add("  " + constraint);
      } else {
        later.add("ALTER TABLE " + PostgresNames.quote(table.name()) + " ADD " + constraint);
      }
    }
    return "CREATE TABLE " + PostgresNames.quote(table.name()) + " (\n" + String.join(",\n", parts) + "\n)";
  }

  static boolean isSoleKey(Table table, Column c) {
    return table.primaryKey().equals(List.of(c.name()));
  }

  public static String columnDefinition(String table, Column c) {
    StringBuilder b = new StringBuilder(PostgresNames.quote(c.name())).append(' ').append(PostgresTypes.sql(table, c));
    if (!c.nullable()) {
      b.append(" NOT NULL");
    }
    if (c.defaultValue() != null) {
      b.append(" DEFAULT ").append(defaultSql(table, c));
    }
    return b.toString();
  }

  /** The default as SQL; an enum's text literal is cast to the column's enum type. */
  public static String defaultSql(String table, Column c) {
    if (c.type().kind() == TypeKind.ENUM && c.defaultValue().startsWith("'")) {
      return c.defaultValue() + "::" + PostgresNames.quote(PostgresNames.enumType(table, c.name()));
    }
    return c.defaultValue();
  }

  /** {@code CONSTRAINT x_fkey FOREIGN KEY (c) REFERENCES t (c) [ON DELETE ...]}. */
  public static String foreignKeyClause(String table, Column c) {
    return foreignKeyClause(table, c, PostgresNames.foreignKey(table, c.name()));
  }

  /** The same key under another constraint name (a replacement built next to the old key). */
  public static String foreignKeyClause(String table, Column c, String name) {
    return "CONSTRAINT " + PostgresNames.quote(name) + " FOREIGN KEY ("
        + PostgresNames.quote(c.name()) + ") REFERENCES " + PostgresNames.quote(c.references().table()) + " ("
        + PostgresNames.quote(c.references().column()) + ")"
        + (c.references().onDelete() == null ? "" : " ON DELETE " + c.references().onDelete().toUpperCase(java.util.Locale.ROOT));
  }

  /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY IF NOT EXISTS] name ON t (a, b DESC) INCLUDE (..) WHERE ..}. */
  public static String createIndex(Index index, boolean concurrently) {
    return createIndex(index, index.name(), concurrently);
  }

  public static String createIndex(Index index, String name, boolean concurrently) {
    StringBuilder b = new StringBuilder("CREATE ");
    if (index.unique()) {
      b.append("UNIQUE ");
    }
    b.append("INDEX ");
    if (concurrently) {
      b.append("CONCURRENTLY IF NOT EXISTS ");
    }
    b.append(PostgresNames.quote(name)).append(" ON ").append(PostgresNames.quote(index.table())).append(" (");
    List<String> cols = new ArrayList<>();
    for (IndexColumn ic : index.columns()) {
      cols.add(PostgresNames.quote(ic.column()) + (ic.descending() ? " DESC" : ""));
    }
    b.append(String.join(", ", cols)).append(')');
    if (!index.include().isEmpty()) {
      b.append(" INCLUDE (").append(index.include().stream().map(PostgresNames::quote).collect(Collectors.joining(", "))).append(')');
    }
    if (index.where() != null) {
      b.append(" WHERE ").append(index.where());
    }
    return b.toString();
  }

  /** Tables ordered so that a referenced table comes before the tables referencing it. */
  public static List<Table> referencedFirst(Model model) {
    Map<String, Table> byName = new HashMap<>();
    model.tables().forEach(t -> byName.put(t.name(), t));
    Set<String> done = new LinkedHashSet<>();
    Set<String> visiting = new java.util.HashSet<>();
    for (Table t : model.tables()) {
      visit(t, byName, done, visiting);
    }
    return done.stream().map(byName::get).toList();
  }

  private static void visit(Table t, Map<String, Table> byName, Set<String> done, Set<String> visiting) {
    if (done.contains(t.name()) || !visiting.add(t.name())) {
      return; // a cycle: its foreign keys are added after both tables exist
    }
    for (Column c : t.columns()) {
      Table target = c.references() == null ? null : byName.get(c.references().table());
      if (target != null && target != t) {
        visit(target, byName, done, visiting);
      }
    }
    visiting.remove(t.name());
    done.add(t.name());
  }
}
