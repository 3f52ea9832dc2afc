package dev.modelc.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A text snapshot of a database's public schema (tables, columns with types, nullability and
 * defaults, constraints, indexes with definitions, enum types, views, triggers, functions), for
 * comparing a migrated database with one created from scratch. Column order is left out: a
 * migration appends columns where a fresh schema lists them in model order.
 */
public final class Catalog {
  private static final String[] QUERIES = {
      "select 'table', table_name from information_schema.tables where table_schema = 'public' order by 2",
      "select 'column', table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, ''), "
          + "coalesce(character_maximum_length, -1), coalesce(numeric_precision, -1), coalesce(numeric_scale, -1) "
          + "from information_schema.columns where table_schema = 'public' order by 2, 3",
      "select 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated "
          + "from pg_constraint where connamespace = 'public'::regnamespace order by 2, 3",
      "select 'index', tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 2, 3",
      "select 'enum', t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_type t "
          + "join pg_enum e on e.enumtypid = t.oid where t.typnamespace = 'public'::regnamespace group by t.typname order by 2",
      "select 'view', table_name from information_schema.views where table_schema = 'public' order by 2",
      "select 'trigger', tgname from pg_trigger where not tgisinternal order by 2",
      "select 'function', proname from pg_proc where pronamespace = 'public'::regnamespace order by 2",
  };

  private Catalog() {}

  public static String snapshot(Connection c) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      for (String q : QUERIES) {
        try (ResultSet rs = s.executeQuery(q)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              line.append(i == 1 ? "" : " | ").append(rs.getString(i));
            }
            lines.add(line.toString());
          }
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
