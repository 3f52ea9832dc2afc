package dev.modelc.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An independent judge of what a database's {@code public} schema holds: every object of every
 * kind as PostgreSQL itself prints it ({@code format_type}, {@code pg_get_constraintdef},
 * {@code pg_get_indexdef}, {@code pg_get_triggerdef}, ...), names included, one line each
 * ({@code kind | table | name | definition...}); extension members are the extension's. It
 * shares no code with the importer's catalog reader, so the two cannot agree on a mistake.
 * Columns carry their position, so column order is compared too.
 */
public final class CatalogJudge {
  private static final String NOT_EXTENSION = " and not exists (select 1 from pg_depend x where x.classid = %s "
      + "and x.objid = %s and x.deptype = 'e')";
  private static final String[] QUERIES = {
      "select 'relation', '', c.relname, c.relkind, c.relpersistence, coalesce(obj_description(c.oid, 'pg_class'), '') "
          + "from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind not in ('i', 'I')"
          + ext("'pg_class'::regclass", "c.oid"),
      "select 'column', c.relname, a.attname, row_number() over (partition by c.oid order by a.attnum), "
          + "format_type(a.atttypid, a.atttypmod), a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''), "
          + "a.attidentity, a.attgenerated, coalesce(co.collname, ''), coalesce(col_description(c.oid, a.attnum), '') "
          + "from pg_attribute a join pg_class c on c.oid = a.attrelid left join pg_attrdef d on d.adrelid = a.attrelid "
          + "and d.adnum = a.attnum left join pg_collation co on co.oid = a.attcollation and a.attcollation <> 100 "
          + "where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'f') and a.attnum > 0 "
          + "and not a.attisdropped" + ext("'pg_class'::regclass", "c.oid"),
      "select 'constraint', c.relname, con.conname, pg_get_constraintdef(con.oid), con.convalidated, "
          + "coalesce(obj_description(con.oid, 'pg_constraint'), '') from pg_constraint con "
          + "join pg_class c on c.oid = con.conrelid where c.relnamespace = 'public'::regnamespace"
          + ext("'pg_class'::regclass", "c.oid"),
      "select 'index', c.relname, ic.relname, pg_get_indexdef(i.indexrelid), i.indisvalid, "
          + "coalesce(obj_description(ic.oid, 'pg_class'), '') from pg_index i join pg_class ic on ic.oid = i.indexrelid "
          + "join pg_class c on c.oid = i.indrelid where c.relnamespace = 'public'::regnamespace"
          + ext("'pg_class'::regclass", "c.oid"),
      "select 'sequence', coalesce(oc.relname, ''), c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement, "
          + "s.seqmin, s.seqmax, s.seqcache, s.seqcycle, coalesce(oa.attname, ''), coalesce(d.deptype, ' ') "
          + "from pg_class c join pg_sequence s on s.seqrelid = c.oid left join pg_depend d on d.classid = 'pg_class'::regclass "
          + "and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i') and d.refobjsubid > 0 "
          + "left join pg_class oc on oc.oid = d.refobjid left join pg_attribute oa on oa.attrelid = d.refobjid "
          + "and oa.attnum = d.refobjsubid where c.relnamespace = 'public'::regnamespace"
          + ext("'pg_class'::regclass", "c.oid"),
      "select 'type', '', t.typname, t.typtype, coalesce((select string_agg(e.enumlabel, ',' order by e.enumsortorder) "
          + "from pg_enum e where e.enumtypid = t.oid), '') from pg_type t where t.typnamespace = 'public'::regnamespace "
          + "and t.typrelid = 0 and t.typtype <> 'm' and not (t.typelem <> 0 and exists (select 1 from pg_type e "
          + "where e.oid = t.typelem and e.typarray = t.oid))" + ext("'pg_type'::regclass", "t.oid"),
      "select 'function', '', p.proname, pg_get_function_identity_arguments(p.oid), p.prokind from pg_proc p "
          + "where p.pronamespace = 'public'::regnamespace" + ext("'pg_proc'::regclass", "p.oid"),
      "select 'trigger', c.relname, t.tgname, pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c "
          + "on c.oid = t.tgrelid where c.relnamespace = 'public'::regnamespace and not t.tgisinternal",
      "select 'policy', c.relname, p.polname, coalesce(pg_get_expr(p.polqual, p.polrelid), '') from pg_policy p "
          + "join pg_class c on c.oid = p.polrelid where c.relnamespace = 'public'::regnamespace",
      "select 'rule', c.relname, r.rulename from pg_rewrite r join pg_class c on c.oid = r.ev_class "
          + "where c.relnamespace = 'public'::regnamespace and r.rulename <> '_RETURN'",
      "select 'statistics', '', s.stxname from pg_statistic_ext s where s.stxnamespace = 'public'::regnamespace",
      "select 'collation', '', c.collname from pg_collation c where c.collnamespace = 'public'::regnamespace"
          + ext("'pg_collation'::regclass", "c.oid"),
      "select 'operator', '', o.oprname from pg_operator o where o.oprnamespace = 'public'::regnamespace"
          + ext("'pg_operator'::regclass", "o.oid"),
      "select 'extension', '', e.extname from pg_extension e where e.extname <> 'plpgsql'",
      "select 'event trigger', '', e.evtname from pg_event_trigger e where true" + ext("'pg_event_trigger'::regclass", "e.oid"),
  };

  private CatalogJudge() {}

  private static String ext(String catalog, String oid) {
    return String.format(NOT_EXTENSION, catalog, oid);
  }

  /**
   * Every object's line, sorted, leaving out the objects named in {@code unmanaged} (a name, a
   * {@code table.name}, or a table whose every part is then left out).
   */
  public static List<String> lines(Connection c, Set<String> unmanaged) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      for (String q : QUERIES) {
        try (ResultSet r = s.executeQuery(q)) {
          ResultSetMetaData md = r.getMetaData();
          while (r.next()) {
            String table = r.getString(2);
            String name = r.getString(3);
            if (unmanaged.contains(name) || unmanaged.contains(table) || unmanaged.contains(table + "." + name)) {
              continue;
            }
            if (r.getString(1).equals("function") && (unmanaged.contains(name + "(" + r.getString(4) + ")")
                || unmanaged.stream().anyMatch(u -> u.startsWith(name + " (")))) {
              continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              line.append(i == 1 ? "" : " | ").append(r.getString(i));
            }
            lines.add(line.toString());
          }
        }
      }
    }
    lines.sort(null);
    return lines;
  }
}
