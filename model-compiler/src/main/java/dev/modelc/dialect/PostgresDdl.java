package dev.modelc.dialect;

import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Generation;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import dev.modelc.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Create-from-scratch DDL of a model: extensions, enum types and sequences, tables (referenced
 * tables first), their constraints, indexes and comments. Deterministic: the same model gives the
 * same text.
 */
public final class PostgresDdl {
  private PostgresDdl() {}

  public static String createSchema(Model model) {
    StringBuilder out = new StringBuilder();
    out.append("-- modelc: create-from-scratch schema of model '").append(model.name()).append("'\n\n");
    for (String extension : model.extensions()) {
      out.append(createExtension(extension)).append(";\n");
    }
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
      out.append('\n');
      for (String s : createSequences(table)) {
        out.append(s).append(";\n");
      }
      out.append(createTable(table, created, laterForeignKeys)).append(";\n");
      for (String s : ownSequences(table)) {
        out.append(s).append(";\n");
      }
      created.add(table.name());
      for (Index index : table.indexes()) {
        out.append(createIndex(index, false)).append(";\n");
      }
      for (String comment : comments(table)) {
        out.append(comment).append(";\n");
      }
    }
    for (String fk : laterForeignKeys) {
      out.append('\n').append(fk).append(";\n");
    }
    return out.toString();
  }

  public static String createExtension(String name) {
    return "CREATE EXTENSION IF NOT EXISTS " + PostgresNames.quote(name);
  }

  public static String createEnum(String table, Column column) {
    return "CREATE TYPE " + PostgresNames.quote(PostgresNames.enumType(table, column.name())) + " AS ENUM ("
        + column.type().enumValues().stream().map(PostgresNames::literal).collect(Collectors.joining(", ")) + ")";
  }

  /**
   * Serial columns whose sequence has a name of its own: the sequence is created before the
   * table (its default calls it) and owned by the column after (as {@code serial} does).
   */
  public static List<String> createSequences(Table table) {
    List<String> out = new ArrayList<>();
    for (Column c : table.columns()) {
      if (namedSerial(c)) {
        out.add("CREATE SEQUENCE " + PostgresNames.quote(c.generation().sequence()) + " AS "
            + PostgresTypes.sql(table.name(), c));
      }
    }
    return out;
  }

  /** {@code ALTER SEQUENCE .. OWNED BY} for the sequences of {@link #createSequences}. */
  public static List<String> ownSequences(Table table) {
    List<String> out = new ArrayList<>();
    for (Column c : table.columns()) {
      if (namedSerial(c)) {
        out.add("ALTER SEQUENCE " + PostgresNames.quote(c.generation().sequence()) + " OWNED BY "
            + PostgresNames.quote(table.name()) + "." + PostgresNames.quote(c.name()));
      }
    }
    return out;
  }

  private static boolean namedSerial(Column c) {
    return c.generation() != null && c.generation().kind() == Generation.Kind.SERIAL && c.generation().sequence() != null;
  }

  /** {@code COMMENT ON} the table and its columns that have a description. */
  public static List<String> comments(Table table) {
    List<String> out = new ArrayList<>();
    if (table.description() != null) {
      out.add(commentOnTable(table.name(), table.description()));
    }
    for (Column c : table.columns()) {
      if (c.description() != null) {
        out.add(commentOnColumn(table.name(), c.name(), c.description()));
      }
    }
    return out;
  }

  /** {@code COMMENT ON TABLE}; a null text removes the comment. */
  public static String commentOnTable(String table, String text) {
    return "COMMENT ON TABLE " + PostgresNames.quote(table) + " IS " + (text == null ? "NULL" : PostgresNames.literal(text));
  }

  /** {@code COMMENT ON COLUMN}; a null text removes the comment. */
  public static String commentOnColumn(String table, String column, String text) {
    return "COMMENT ON COLUMN " + PostgresNames.quote(table) + "." + PostgresNames.quote(column) + " IS "
        + (text == null ? "NULL" : PostgresNames.literal(text));
  }

  /**
   * {@code CREATE TABLE} with columns, primary key, unique constraints, checks and the foreign
   * keys to tables in {@code created}; foreign keys to other tables (cycles, self references are
   * fine inline) are added to {@code later} as {@code ALTER TABLE} statements.
   */
  public static String createTable(Table table, Set<String> created, List<String> later) {
    List<String> parts = new ArrayList<>();
    for (Column c : table.columns()) {
      parts.add("  " + columnDefinition(table.name(), c));
    }
    if (!table.primaryKey().isEmpty()) {
      parts.add("  CONSTRAINT " + PostgresNames.quote(table.primaryKeyConstraint()) + " PRIMARY KEY ("
          + names(table.primaryKey()) + ")");
    }
    for (UniqueConstraint u : table.effectiveUniques()) {
      parts.add("  " + uniqueClause(table.name(), u));
    }
    for (Check check : table.checks()) {
      parts.add("  CONSTRAINT " + PostgresNames.quote(check.name()) + " CHECK (" + check.expression() + ")");
    }
    for (ForeignKey fk : table.foreignKeys()) {
      String constraint = foreignKeyClause(table.name(), fk, ConstraintNames.foreignKey(table.name(), fk));
      if (created.contains(fk.targetTable()) || fk.targetTable().equals(table.name())) {
        parts.add("  " + constraint);
      } else {
        later.add("ALTER TABLE " + PostgresNames.quote(table.name()) + " ADD " + constraint);
      }
    }
    return "CREATE TABLE " + PostgresNames.quote(table.name()) + " (\n" + String.join(",\n", parts) + "\n)";
  }

  /** {@code CONSTRAINT name UNIQUE [NULLS NOT DISTINCT] (a, b)}. */
  public static String uniqueClause(String table, UniqueConstraint u) {
    return "CONSTRAINT " + PostgresNames.quote(ConstraintNames.unique(table, u)) + " UNIQUE "
        + (u.nullsNotDistinct() ? "NULLS NOT DISTINCT " : "") + "(" + names(u.columns()) + ")";
  }

  static String names(List<String> columns) {
    return columns.stream().map(PostgresNames::quote).collect(Collectors.joining(", "));
  }

  /**
   * A column as {@code CREATE TABLE} and {@code ADD COLUMN} write it: type, collation,
   * {@code NOT NULL}, and its default, identity, serial sequence or generation expression.
   */
  public static String columnDefinition(String table, Column c) {
    Generation g = c.generation();
    boolean serialKeyword = g != null && g.kind() == Generation.Kind.SERIAL && g.sequence() == null;
    StringBuilder b = new StringBuilder(PostgresNames.quote(c.name())).append(' ')
        .append(serialKeyword ? PostgresTypes.serialType(c.type()) : PostgresTypes.sql(table, c));
    if (c.collation() != null) {
      b.append(" COLLATE ").append(collation(c.collation()));
    }
    if (!c.nullable()) {
      b.append(" NOT NULL");
    }
    if (g != null && g.kind() == Generation.Kind.STORED) {
      b.append(" GENERATED ALWAYS AS (").append(g.expression()).append(") STORED");
    } else if (g != null && g.isIdentity()) {
      b.append(identityClause(g));
    } else if (g != null && g.kind() == Generation.Kind.SERIAL && g.sequence() != null) {
      b.append(" DEFAULT ").append(nextval(g.sequence()));
    }
    if (c.defaultValue() != null) {
      b.append(" DEFAULT ").append(defaultSql(table, c));
    }
    return b.toString();
  }

  /** A collation name as SQL: always quoted, as collation names keep their case ({@code "en_US"}). */
  public static String collation(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** {@code GENERATED ALWAYS AS IDENTITY [(SEQUENCE NAME s)]}. */
  public static String identityClause(Generation g) {
    return " GENERATED " + (g.kind() == Generation.Kind.IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY"
        + (g.sequence() == null ? "" : " (SEQUENCE NAME " + PostgresNames.quote(g.sequence()) + ")");
  }

  /** {@code nextval('s'::regclass)}, as PostgreSQL shows a serial column's default. */
  public static String nextval(String sequence) {
    return "nextval(" + PostgresNames.literal(PostgresNames.quote(sequence)) + "::regclass)";
  }

  /** The default as SQL; an enum's text literal is cast to the column's enum type. */
  public static String defaultSql(String table, Column c) {
    if (c.type().kind() == TypeKind.ENUM && c.defaultValue().startsWith("'")) {
      return c.defaultValue() + "::" + PostgresNames.quote(PostgresNames.enumType(table, c.name()));
    }
    return c.defaultValue();
  }

  /**
   * {@code CONSTRAINT name FOREIGN KEY (a, b) REFERENCES t (x, y) [MATCH FULL] [ON DELETE ..]
   * [ON UPDATE ..] [DEFERRABLE [INITIALLY DEFERRED]]}.
   */
  public static String foreignKeyClause(String table, ForeignKey fk, String name) {
    return "CONSTRAINT " + PostgresNames.quote(name) + " FOREIGN KEY (" + names(fk.columns()) + ") REFERENCES "
        + PostgresNames.quote(fk.targetTable()) + " (" + names(fk.targetColumns()) + ")"
        + (fk.matchFull() ? " MATCH FULL" : "")
        + (fk.onDelete() == null ? "" : " ON DELETE " + ForeignKey.sqlAction(fk.onDelete()))
        + (fk.onUpdate() == null ? "" : " ON UPDATE " + ForeignKey.sqlAction(fk.onUpdate()))
        + (fk.deferrable() ? " DEFERRABLE" + (fk.initiallyDeferred() ? " INITIALLY DEFERRED" : "") : "");
  }

  /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY IF NOT EXISTS] name ON t [USING m] (a, b DESC) INCLUDE (..) WHERE ..}. */
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
    b.append(PostgresNames.quote(name)).append(" ON ").append(PostgresNames.quote(index.table()));
    if (!index.method().equals("btree")) {
      b.append(" USING ").append(index.method());
    }
    b.append(" (");
    List<String> cols = new ArrayList<>();
    for (IndexColumn ic : index.columns()) {
      cols.add(key(ic));
    }
    b.append(String.join(", ", cols)).append(')');
    if (!index.include().isEmpty()) {
      b.append(" INCLUDE (").append(names(index.include())).append(')');
    }
    if (index.nullsNotDistinct()) {
      b.append(" NULLS NOT DISTINCT");
    }
    if (!index.with().isEmpty()) {
      b.append(" WITH (").append(index.with().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
          .collect(Collectors.joining(", "))).append(')');
    }
    if (index.where() != null) {
      b.append(" WHERE ").append(index.where());
    }
    return b.toString();
  }

  /** One key: {@code "a"}, {@code (lower(email))}, with operator class, direction and null order. */
  static String key(IndexColumn ic) {
    StringBuilder k = new StringBuilder(ic.expression() ? "(" + ic.column() + ")" : PostgresNames.quote(ic.column()));
    if (ic.opclass() != null) {
      k.append(' ').append(ic.opclass());
    }
    if (ic.descending()) {
      k.append(" DESC");
    }
    if (ic.nullsFirst() != null) {
      k.append(ic.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
    }
    return k.toString();
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
    for (ForeignKey fk : t.foreignKeys()) {
      Table target = byName.get(fk.targetTable());
      if (target != null && target != t) {
        visit(target, byName, done, visiting);
      }
    }
    visiting.remove(t.name());
    done.add(t.name());
  }
}
