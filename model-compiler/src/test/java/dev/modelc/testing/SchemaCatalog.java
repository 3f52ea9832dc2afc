package dev.modelc.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Catalog} for one schema of a database, so that many model pairs can share one server
 * (a schema each). Each line is {@code kind | table | name | details...}; the schema's name is
 * left out of definitions, so two schemas holding the same objects give the same lines. Take
 * the snapshot on a connection whose {@code search_path} is the schema: PostgreSQL then prints
 * the names in constraint definitions unqualified. Column order is left out. Columns carry their
 * identity, generation and collation; comments, owned sequences and extensions are listed too.
 */
public final class SchemaCatalog {
  private static final String[] QUERIES = {
      "select 'table', table_name, table_type from information_schema.tables where table_schema = ? order by 2",
      "select 'column', table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, ''), "
          + "coalesce(character_maximum_length, -1), coalesce(numeric_precision, -1), coalesce(numeric_scale, -1), "
          + "coalesce(datetime_precision, -1), is_identity, coalesce(identity_generation, ''), is_generated, "
          + "coalesce(generation_expression, ''), coalesce(collation_name, '') "
          + "from information_schema.columns where table_schema = ? order by 2, 3",
      "select 'comment', c.relname, coalesce(a.attname, ''), d.description from pg_description d "
          + "join pg_class c on c.oid = d.objoid left join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid "
          + "where d.classoid = 'pg_class'::regclass and c.relnamespace = ?::regnamespace order by 2, 3",
      "select 'sequence', c.relname, s.seqtypid::regtype::text, coalesce((select t.relname || '.' || a.attname "
          + "from pg_depend d join pg_class t on t.oid = d.refobjid join pg_attribute a on a.attrelid = t.oid "
          + "and a.attnum = d.refobjsubid where d.objid = c.oid and d.deptype in ('a', 'i')), '') "
          + "from pg_class c join pg_sequence s on s.seqrelid = c.oid where c.relnamespace = ?::regnamespace order by 2",
      "select 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated "
          + "from pg_constraint where connamespace = ?::regnamespace order by 2, 3",
      "select 'index', tablename, indexname, indexdef from pg_indexes where schemaname = ? order by 2, 3",
      "select 'enum', '', t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_type t "
          + "join pg_enum e on e.enumtypid = t.oid where t.typnamespace = ?::regnamespace group by t.typname order by 3",
      "select 'extension', '', extname from pg_extension where extnamespace = ?::regnamespace order by 3",
      "select 'trigger', c.relname, tgname from pg_trigger g join pg_class c on c.oid = g.tgrelid "
          + "where c.relnamespace = ?::regnamespace and not tgisinternal order by 2, 3",
      "select 'function', '', proname from pg_proc where pronamespace = ?::regnamespace order by 3",
  };

  private SchemaCatalog() {}

  public static List<String> snapshot(Connection c, String schema) throws SQLException {
    List<String> lines = new ArrayList<>();
    for (String q : QUERIES) {
      try (PreparedStatement s = c.prepareStatement(q)) {
        s.setString(1, schema);
        try (ResultSet rs = s.executeQuery()) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              line.append(i == 1 ? "" : " | ").append(rs.getString(i));
            }
            lines.add(line.toString().replace(schema + ".", ""));
          }
        }
      }
    }
    return lines;
  }
}
