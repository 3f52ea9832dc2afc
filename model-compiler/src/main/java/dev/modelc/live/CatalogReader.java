package dev.modelc.live;

import dev.modelc.dialect.PostgresNames;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads one schema of a live PostgreSQL (12 or later) into a {@link LiveCatalog}, from
 * {@code pg_catalog} (not {@code information_schema}, which hides index methods, operator classes,
 * expression keys, nulls order and most constraint options). Everything is read in one
 * read-only REPEATABLE READ transaction, so the snapshot is consistent; a query per catalog (not
 * per table) keeps a schema of thousands of tables to a few dozen round trips. Objects that
 * belong to an extension are left out: the extension stands for them.
 *
 * <p>Object kinds modelc does not know are still reported: every catalog with a namespace column
 * that this reader does not read explicitly is swept, and what it finds in the schema becomes
 * an {@link LiveObject.Kind#OTHER} object named and kinded by {@code pg_identify_object}.
 */
public final class CatalogReader {
  /** SQLSTATE {@code invalid_schema_name}: the schema does not exist. */
  public static final String NO_SUCH_SCHEMA = "3F000";
  /** SQLSTATE {@code feature_not_supported}: the server is older than PostgreSQL 12. */
  public static final String TOO_OLD = "0A000";

  private static final String NOT_IN_EXTENSION = "not exists (select 1 from pg_depend x where x.classid = %s "
      + "and x.objid = %s and x.deptype = 'e')";
  private static final Set<String> READ_EXPLICITLY = Set.of("pg_class", "pg_type", "pg_proc", "pg_constraint",
      "pg_extension");

  private final Connection connection;
  private final long namespace;
  private final String schema;
  private final int version;

  private CatalogReader(Connection connection, long namespace, String schema, int version) {
    this.connection = connection;
    this.namespace = namespace;
    this.schema = schema;
    this.version = version;
  }

  /**
   * Reads {@code schema} through {@code connection} (left open; its transaction state is
   * restored). Throws an {@link SQLException} with state {@link #NO_SUCH_SCHEMA} when the schema
   * does not exist (the message names the schemas that do), {@link #TOO_OLD} for a server older
   * than PostgreSQL 12, and the server's own error otherwise (permissions, timeouts).
   */
  public static LiveCatalog read(Connection connection, String schema) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    int isolation = connection.getTransactionIsolation();
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setReadOnly(true);
    try {
      int version;
      String database;
      try (Statement s = connection.createStatement();
          ResultSet r = s.executeQuery("select current_setting('server_version_num')::int, current_database()")) {
        r.next();
        version = r.getInt(1);
        database = r.getString(2);
      }
      if (version < 120000) {
        throw new SQLException("modelc reads PostgreSQL 12 or later; this server is " + version, TOO_OLD);
      }
      long namespace = namespaceOf(connection, schema);
      try (PreparedStatement s = connection.prepareStatement("select set_config('search_path', quote_ident(?) || ', pg_catalog', true)")) {
        // expressions print names of the schema unqualified, and everything else qualified
        s.setString(1, schema);
        s.execute();
      }
      return new CatalogReader(connection, namespace, schema, version).readAll(database);
    } finally {
      if (!connection.isClosed()) {
        connection.rollback(); // nothing was written: the transaction only held the snapshot
        connection.setReadOnly(false);
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private static long namespaceOf(Connection c, String schema) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select oid from pg_namespace where nspname = ?")) {
      s.setString(1, schema);
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          return r.getLong(1);
        }
      }
    }
    List<String> schemas = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select nspname from pg_namespace "
        + "where nspname !~ '^pg_' and nspname <> 'information_schema' order by 1")) {
      while (r.next()) {
        schemas.add(r.getString(1));
      }
    }
    throw new SQLException("schema '" + schema + "' does not exist; the database has " + (schemas.isEmpty()
        ? "no user schemas" : String.join(", ", schemas)), NO_SUCH_SCHEMA);
  }

  private LiveCatalog readAll(String database) throws SQLException {
    Map<Long, TableParts> tables = readTables();
    readColumns(tables);
    readConstraints(tables);
    readIndexes(tables);
    List<LiveSequence> sequences = readSequences();
    Map<String, String> owned = new HashMap<>();
    for (LiveSequence s : sequences) {
      if (s.owned()) {
        owned.put(s.ownerTable() + "\u0000" + s.ownerColumn(), s.name());
      }
    }
    List<LiveTable> liveTables = new ArrayList<>();
    for (TableParts t : tables.values()) {
      liveTables.add(t.build(owned));
    }
    Map<String, List<String>> dependencies = readDependencies();
    List<LiveObject> objects = new ArrayList<>();
    readRelationObjects(objects, dependencies);
    readFunctions(objects);
    readTableObjects(objects, dependencies, "pg_trigger", LiveObject.Kind.TRIGGER,
        "select t.oid, c.relname, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid "
            + "where c.relnamespace = ? and not t.tgisinternal" + (version >= 130000 ? " and t.tgparentid = 0" : "")
            + " order by c.relname, t.tgname");
    readTableObjects(objects, dependencies, "pg_policy", LiveObject.Kind.POLICY,
        "select p.oid, c.relname, p.polname from pg_policy p join pg_class c on c.oid = p.polrelid "
            + "where c.relnamespace = ? order by c.relname, p.polname");
    readTableObjects(objects, dependencies, "pg_rewrite", LiveObject.Kind.RULE,
        "select r.oid, c.relname, r.rulename from pg_rewrite r join pg_class c on c.oid = r.ev_class "
            + "where c.relnamespace = ? and r.rulename <> '_RETURN' order by c.relname, r.rulename");
    readTypes(objects);
    readEventTriggers(objects);
    sweepOtherCatalogs(objects);
    for (TableParts t : tables.values()) {
      for (LiveConstraint c : t.constraints) {
        if (c.kind() == LiveConstraint.Kind.OTHER) {
          objects.add(new LiveObject(LiveObject.Kind.OTHER, "constraint", c.name(), t.name, List.of(t.name)));
        }
      }
    }
    return new LiveCatalog(database, schema, version, liveTables, readEnums(), sequences, readExtensions(), objects);
  }

  /** Mutable parts of a table while its catalogs are read. */
  private static final class TableParts {
    final String name;
    final LiveTable.Kind kind;
    final boolean unlogged;
    final boolean partition;
    final String parent;
    final boolean rowSecurity;
    final boolean forceRowSecurity;
    final List<String> options;
    final String tablespace;
    final String accessMethod;
    final boolean typed;
    final char replicaIdentity;
    final String comment;
    final List<LiveColumn> columns = new ArrayList<>();
    final Map<Integer, String> columnNames = new HashMap<>();
    final List<LiveConstraint> constraints = new ArrayList<>();
    final List<LiveIndex> indexes = new ArrayList<>();

    TableParts(ResultSet r) throws SQLException {
      name = r.getString("relname");
      kind = switch (r.getString("relkind")) {
        case "p" -> LiveTable.Kind.PARTITIONED;
        case "f" -> LiveTable.Kind.FOREIGN;
        default -> LiveTable.Kind.ORDINARY;
      };
      unlogged = r.getBoolean("unlogged");
      partition = r.getBoolean("relispartition");
      parent = r.getString("parent");
      rowSecurity = r.getBoolean("relrowsecurity");
      forceRowSecurity = r.getBoolean("relforcerowsecurity");
      options = strings(r.getArray("reloptions"));
      tablespace = r.getString("spcname");
      accessMethod = r.getString("amname");
      typed = r.getBoolean("typed");
      replicaIdentity = r.getString("relreplident").charAt(0);
      comment = r.getString("comment");
    }

    LiveTable build(Map<String, String> ownedSequences) {
      List<LiveColumn> withSequences = columns.stream().map(c -> new LiveColumn(c.name(), c.position(), c.type(),
          c.notNull(), c.defaultExpression(), c.identity(), c.generatedExpression(), c.generatedKind(), c.collation(),
          c.collationSchema(), c.comment(), ownedSequences.get(name + "\u0000" + c.name()))).toList();
      return new LiveTable(name, kind, unlogged, partition, parent, rowSecurity, forceRowSecurity, options, tablespace,
          accessMethod, typed, replicaIdentity, comment, withSequences, constraints, indexes);
    }
  }

  private Map<Long, TableParts> readTables() throws SQLException {
    Map<Long, TableParts> tables = new LinkedHashMap<>();
    String sql = "select c.oid, c.relname, c.relkind, c.relpersistence = 'u' as unlogged, c.relispartition, "
        + "(select p.relname from pg_inherits i join pg_class p on p.oid = i.inhparent where i.inhrelid = c.oid "
        + "order by i.inhseqno limit 1) as parent, c.relrowsecurity, c.relforcerowsecurity, c.reloptions, ts.spcname, "
        + "case when am.amname = 'heap' then null else am.amname end as amname, c.reloftype <> 0 as typed, "
        + "c.relreplident, obj_description(c.oid, 'pg_class') as comment "
        + "from pg_class c left join pg_am am on am.oid = c.relam left join pg_tablespace ts on ts.oid = c.reltablespace "
        + "where c.relnamespace = ? and c.relkind in ('r', 'p', 'f') and " + notInExtension("'pg_class'::regclass", "c.oid")
        + " order by c.relname";
    query(sql, r -> tables.put(r.getLong("oid"), new TableParts(r)));
    return tables;
  }

  private void readColumns(Map<Long, TableParts> tables) throws SQLException {
    String sql = "select a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) as formatted, "
        + "tn.nspname as type_schema, t.typname, t.typtype, et.oid is not null as is_array, en.nspname as element_schema, "
        + "et.typname as element_name, et.typtype as element_type, a.attnotnull, "
        + "pg_get_expr(ad.adbin, ad.adrelid, true) as default_expression, a.attidentity, a.attgenerated, "
        + "case when a.attcollation <> 0 and a.attcollation <> t.typcollation then co.collname end as collation, "
        + "cn.nspname as collation_schema, col_description(a.attrelid, a.attnum) as comment "
        + "from pg_attribute a join pg_class c on c.oid = a.attrelid "
        + "join pg_type t on t.oid = a.atttypid join pg_namespace tn on tn.oid = t.typnamespace "
        + "left join pg_type et on et.oid = t.typelem and t.typcategory = 'A' and et.typarray = t.oid "
        + "left join pg_namespace en on en.oid = et.typnamespace "
        + "left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum "
        + "left join pg_collation co on co.oid = a.attcollation left join pg_namespace cn on cn.oid = co.collnamespace "
        + "where c.relnamespace = ? and c.relkind in ('r', 'p', 'f') and a.attnum > 0 and not a.attisdropped "
        + "order by a.attrelid, a.attnum";
    query(sql, r -> {
      TableParts t = tables.get(r.getLong("attrelid"));
      if (t == null) {
        return; // a table that belongs to an extension
      }
      boolean array = r.getBoolean("is_array");
      LiveType type = new LiveType(r.getString("formatted"), r.getString("type_schema"), r.getString("typname"),
          r.getString("typtype").charAt(0), array, r.getString("element_schema"), r.getString("element_name"),
          array ? r.getString("element_type").charAt(0) : ' ');
      String identity = r.getString("attidentity");
      String generated = r.getString("attgenerated");
      boolean isGenerated = generated != null && !generated.isEmpty();
      String expression = r.getString("default_expression");
      String collation = r.getString("collation");
      String collationSchema = collation == null || r.getString("collation_schema").equals("pg_catalog") ? null
          : r.getString("collation_schema");
      String name = r.getString("attname");
      t.columnNames.put(r.getInt("attnum"), name);
      t.columns.add(new LiveColumn(name, r.getInt("attnum"), type, r.getBoolean("attnotnull"),
          isGenerated ? null : expression,
          "a".equals(identity) ? LiveColumn.Identity.ALWAYS : "d".equals(identity) ? LiveColumn.Identity.BY_DEFAULT
              : LiveColumn.Identity.NONE,
          isGenerated ? expression : null, isGenerated ? generated.charAt(0) : ' ', collation, collationSchema,
          r.getString("comment"), null));
    });
  }

  private void readConstraints(Map<Long, TableParts> tables) throws SQLException {
    String sql = "select con.conrelid, con.conname, con.contype, "
        + "array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a "
        + "on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as columns, "
        + "fn.nspname as referenced_schema, fc.relname as referenced_table, "
        + "array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a "
        + "on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as referenced_columns, "
        + "con.confdeltype, con.confupdtype, con.confmatchtype, "
        + (version >= 150000 ? "array(select a.attname::text from unnest(con.confdelsetcols) with ordinality k(n, i) "
            + "join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i)" : "array[]::text[]")
        + " as delete_columns, con.condeferrable, con.condeferred, con.convalidated, con.connoinherit, "
        + "(not con.conislocal or con.conparentid <> 0) as inherited, "
        + "case when con.contype = 'c' then pg_get_expr(con.conbin, con.conrelid, true) end as expression, "
        + "pg_get_constraintdef(con.oid, true) as definition, "
        + "case when con.contype in ('p', 'u', 'x') then ic.relname end as index_name, "
        + "obj_description(con.oid, 'pg_constraint') as comment "
        + "from pg_constraint con join pg_class c on c.oid = con.conrelid "
        + "left join pg_class fc on fc.oid = con.confrelid left join pg_namespace fn on fn.oid = fc.relnamespace "
        + "left join pg_class ic on ic.oid = con.conindid "
        + "where c.relnamespace = ? and c.relkind in ('r', 'p', 'f') order by con.conrelid, con.conname";
    query(sql, r -> {
      TableParts t = tables.get(r.getLong("conrelid"));
      LiveConstraint.Kind kind = LiveConstraint.Kind.of(r.getString("contype").charAt(0));
      if (t == null || kind == null) {
        return;
      }
      boolean fk = kind == LiveConstraint.Kind.FOREIGN_KEY;
      t.constraints.add(new LiveConstraint(r.getString("conname"), kind, strings(r.getArray("columns")),
          fk ? r.getString("referenced_schema") : null, fk ? r.getString("referenced_table") : null,
          strings(r.getArray("referenced_columns")),
          fk ? action(r.getString("confdeltype")) : null, fk ? action(r.getString("confupdtype")) : null,
          fk ? match(r.getString("confmatchtype")) : null, strings(r.getArray("delete_columns")),
          r.getBoolean("condeferrable"), r.getBoolean("condeferred"), r.getBoolean("convalidated"),
          r.getBoolean("connoinherit"), r.getBoolean("inherited"), r.getString("expression"), r.getString("definition"),
          r.getString("index_name"), r.getString("comment")));
    });
  }

  static String action(String code) {
    return switch (code) {
      case "r" -> "restrict";
      case "c" -> "cascade";
      case "n" -> "set null";
      case "d" -> "set default";
      default -> "no action";
    };
  }

  static String match(String code) {
    return switch (code) {
      case "f" -> "full";
      case "p" -> "partial";
      default -> "simple";
    };
  }

  private void readIndexes(Map<Long, TableParts> tables) throws SQLException {
    Map<Long, List<LiveIndexKey>> keys = new HashMap<>();
    Map<Long, List<String>> includes = new HashMap<>();
    String keySql = "select i.indexrelid, k.i, k.attnum, a.attname, "
        + "case when k.attnum = 0 then pg_get_indexdef(i.indexrelid, k.i::int, true) end as key, "
        + "k.i > i.indnkeyatts as included, coalesce(k.opt, 0) as opt, "
        + "case when not oc.opcdefault then case when ocn.nspname in ('pg_catalog', current_schema()) then oc.opcname "
        + "else ocn.nspname || '.' || oc.opcname end end as opclass, "
        + "case when k.attnum <> 0 and k.coll <> 0 and k.coll <> a.attcollation then co.collname "
        + "when k.attnum = 0 and position(' COLLATE ' in pg_get_indexdef(i.indexrelid)) > 0 then co.collname end as collation "
        + "from pg_index i join pg_class c on c.oid = i.indrelid "
        + "cross join lateral unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[], i.indoption::int2[]) "
        + "with ordinality as k(attnum, opclass, coll, opt, i) "
        + "left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum and k.attnum > 0 "
        + "left join pg_opclass oc on oc.oid = k.opclass left join pg_namespace ocn on ocn.oid = oc.opcnamespace "
        + "left join pg_collation co on co.oid = k.coll "
        + "where c.relnamespace = ? and c.relkind in ('r', 'p', 'f') order by i.indexrelid, k.i";
    query(keySql, r -> {
      long index = r.getLong("indexrelid");
      if (r.getBoolean("included")) {
        includes.computeIfAbsent(index, k -> new ArrayList<>()).add(r.getString("attname"));
        return;
      }
      int option = r.getInt("opt");
      boolean column = r.getInt("attnum") != 0;
      keys.computeIfAbsent(index, k -> new ArrayList<>()).add(new LiveIndexKey(column ? r.getString("attname") : null,
          column ? null : r.getString("key"), (option & 1) != 0, (option & 2) != 0, r.getString("opclass"),
          r.getString("collation")));
    });
    String sql = "select i.indexrelid, i.indrelid, ic.relname, am.amname, i.indisunique, i.indisprimary, "
        + "con.conname as constraint_name, i.indisvalid, i.indisready, "
        + "pg_get_expr(i.indpred, i.indrelid, true) as predicate, ic.reloptions, ts.spcname, "
        + "pg_get_indexdef(i.indexrelid) as definition, obj_description(i.indexrelid, 'pg_class') as comment, "
        + (version >= 150000 ? "i.indnullsnotdistinct" : "false") + " as nulls_not_distinct "
        + "from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid "
        + "join pg_am am on am.oid = ic.relam left join pg_tablespace ts on ts.oid = ic.reltablespace "
        + "left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid "
        + "and con.contype in ('p', 'u', 'x') "
        + "where c.relnamespace = ? and c.relkind in ('r', 'p', 'f') order by i.indrelid, ic.relname";
    query(sql, r -> {
      TableParts t = tables.get(r.getLong("indrelid"));
      if (t == null) {
        return;
      }
      long oid = r.getLong("indexrelid");
      t.indexes.add(new LiveIndex(r.getString("relname"), r.getString("amname"), r.getBoolean("indisunique"),
          r.getBoolean("indisprimary"), r.getString("constraint_name"), keys.getOrDefault(oid, List.of()),
          includes.getOrDefault(oid, List.of()), r.getString("predicate"), r.getBoolean("nulls_not_distinct"),
          r.getBoolean("indisvalid"), r.getBoolean("indisready"), strings(r.getArray("reloptions")),
          r.getString("spcname"), r.getString("definition"), r.getString("comment")));
    });
  }

  private List<LiveSequence> readSequences() throws SQLException {
    List<LiveSequence> sequences = new ArrayList<>();
    String sql = "select c.relname, format_type(s.seqtypid, null) as data_type, s.seqstart, s.seqincrement, s.seqmin, "
        + "s.seqmax, s.seqcache, s.seqcycle, oc.relname as owner_table, oa.attname as owner_column, "
        + "d.deptype = 'i' as identity "
        + "from pg_class c join pg_sequence s on s.seqrelid = c.oid "
        + "left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid "
        + "and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i') and d.refobjsubid > 0 "
        + "left join pg_class oc on oc.oid = d.refobjid and oc.relnamespace = c.relnamespace "
        + "left join pg_attribute oa on oa.attrelid = oc.oid and oa.attnum = d.refobjsubid "
        + "where c.relnamespace = ? and c.relkind = 'S' and " + notInExtension("'pg_class'::regclass", "c.oid")
        + " order by c.relname";
    query(sql, r -> sequences.add(new LiveSequence(r.getString("relname"), r.getString("data_type"), r.getLong("seqstart"),
        r.getLong("seqincrement"), r.getLong("seqmin"), r.getLong("seqmax"), r.getLong("seqcache"), r.getBoolean("seqcycle"),
        r.getString("owner_column") == null ? null : r.getString("owner_table"), r.getString("owner_column"),
        r.getString("owner_column") != null && r.getBoolean("identity"))));
    return sequences;
  }

  private List<LiveEnumType> readEnums() throws SQLException {
    List<LiveEnumType> enums = new ArrayList<>();
    String sql = "select t.typname, array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid "
        + "order by e.enumsortorder) as labels, obj_description(t.oid, 'pg_type') as comment "
        + "from pg_type t where t.typnamespace = ? and t.typtype = 'e' and "
        + notInExtension("'pg_type'::regclass", "t.oid") + " order by t.typname";
    query(sql, r -> enums.add(new LiveEnumType(r.getString("typname"), strings(r.getArray("labels")), r.getString("comment"))));
    return enums;
  }

  private List<String> readExtensions() throws SQLException {
    List<String> extensions = new ArrayList<>();
    query("select extname from pg_extension where extname <> 'plpgsql' order by extname",
        r -> extensions.add(r.getString(1)));
    return extensions;
  }

  /**
   * For each object (by {@code catalog:oid}) the tables and columns of the schema it depends on.
   * A view's dependencies are recorded on its {@code _RETURN} rule; they are moved to the view.
   */
  private Map<String, List<String>> readDependencies() throws SQLException {
    Map<String, Set<String>> found = new HashMap<>();
    String sql = "select case when d.classid = 'pg_rewrite'::regclass and r.rulename = '_RETURN' then 'pg_class' "
        + "else d.classid::regclass::text end as catalog, "
        + "case when d.classid = 'pg_rewrite'::regclass and r.rulename = '_RETURN' then r.ev_class else d.objid end as objid, "
        + "c.relname, a.attname "
        + "from pg_depend d join pg_class c on c.oid = d.refobjid "
        + "left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid and d.refobjsubid > 0 "
        + "left join pg_rewrite r on d.classid = 'pg_rewrite'::regclass and r.oid = d.objid "
        + "where d.refclassid = 'pg_class'::regclass and c.relnamespace = ? and c.relkind in ('r', 'p', 'f') "
        + "and d.deptype in ('n', 'a') and d.classid in ('pg_rewrite'::regclass, 'pg_trigger'::regclass, "
        + "'pg_policy'::regclass, 'pg_class'::regclass, 'pg_statistic_ext'::regclass)";
    query(sql, r -> {
      String key = r.getString("catalog") + ":" + r.getLong("objid");
      String attribute = r.getString("attname");
      found.computeIfAbsent(key, k -> new TreeSet<>()).add(attribute == null ? r.getString("relname")
          : r.getString("relname") + "." + attribute);
    });
    Map<String, List<String>> dependencies = new HashMap<>();
    found.forEach((k, v) -> dependencies.put(k, List.copyOf(v)));
    return dependencies;
  }

  private void readRelationObjects(List<LiveObject> objects, Map<String, List<String>> dependencies) throws SQLException {
    String sql = "select c.oid, c.relname, c.relkind from pg_class c where c.relnamespace = ? "
        + "and c.relkind not in ('r', 'p', 'f', 'S', 'i', 'I') and "
        + notInExtension("'pg_class'::regclass", "c.oid") + " order by c.relname";
    query(sql, r -> {
      String relkind = r.getString("relkind");
      LiveObject.Kind kind = switch (relkind) {
        case "v" -> LiveObject.Kind.VIEW;
        case "m" -> LiveObject.Kind.MATERIALIZED_VIEW;
        case "c" -> LiveObject.Kind.COMPOSITE_TYPE;
        default -> LiveObject.Kind.OTHER;
      };
      String kindName = kind == LiveObject.Kind.OTHER ? "relation of kind '" + relkind + "'" : kind.label();
      objects.add(new LiveObject(kind, kindName, r.getString("relname"), null,
          dependencies.getOrDefault("pg_class:" + r.getLong("oid"), List.of())));
    });
  }

  private void readFunctions(List<LiveObject> objects) throws SQLException {
    String sql = "select p.proname, p.prokind, pg_get_function_identity_arguments(p.oid) as arguments, "
        + "count(*) over (partition by p.proname) as overloads from pg_proc p where p.pronamespace = ? and "
        + notInExtension("'pg_proc'::regclass", "p.oid") + " order by p.proname, 3";
    query(sql, r -> {
      LiveObject.Kind kind = switch (r.getString("prokind")) {
        case "p" -> LiveObject.Kind.PROCEDURE;
        case "a" -> LiveObject.Kind.AGGREGATE;
        case "f", "w" -> LiveObject.Kind.FUNCTION;
        default -> LiveObject.Kind.OTHER;
      };
      String name = r.getLong("overloads") > 1 ? r.getString("proname") + "(" + r.getString("arguments") + ")"
          : r.getString("proname");
      objects.add(new LiveObject(kind, kind == LiveObject.Kind.OTHER ? "routine of kind '" + r.getString("prokind") + "'"
          : kind.label(), name, null, List.of()));
    });
  }

  private void readTableObjects(List<LiveObject> objects, Map<String, List<String>> dependencies, String catalog,
      LiveObject.Kind kind, String sql) throws SQLException {
    query(sql, r -> objects.add(new LiveObject(kind, kind.label(), r.getString(3), r.getString(2),
        dependencies.getOrDefault(catalog + ":" + r.getLong(1), List.of(r.getString(2))))));
  }

  private void readTypes(List<LiveObject> objects) throws SQLException {
    // enums are read on their own; row types belong to their relation, arrays and multiranges to their type
    String sql = "select t.typname, t.typtype from pg_type t where t.typnamespace = ? and t.typtype not in ('e', 'm') "
        + "and t.typrelid = 0 and not (t.typelem <> 0 and exists (select 1 from pg_type e where e.oid = t.typelem "
        + "and e.typarray = t.oid)) and " + notInExtension("'pg_type'::regclass", "t.oid") + " order by t.typname";
    query(sql, r -> {
      String typtype = r.getString("typtype");
      LiveObject.Kind kind = switch (typtype) {
        case "d" -> LiveObject.Kind.DOMAIN;
        case "r" -> LiveObject.Kind.RANGE_TYPE;
        case "b", "p" -> LiveObject.Kind.BASE_TYPE;
        default -> LiveObject.Kind.OTHER;
      };
      objects.add(new LiveObject(kind, kind == LiveObject.Kind.OTHER ? "type of kind '" + typtype + "'" : kind.label(),
          r.getString("typname"), null, List.of()));
    });
  }

  private void readEventTriggers(List<LiveObject> objects) throws SQLException {
    String sql = "select e.evtname from pg_event_trigger e where "
        + notInExtension("'pg_event_trigger'::regclass", "e.oid") + " order by e.evtname";
    query(sql, r -> objects.add(new LiveObject(LiveObject.Kind.EVENT_TRIGGER, LiveObject.Kind.EVENT_TRIGGER.label(),
        r.getString(1), null, List.of())));
  }

  /**
   * Every other catalog that places objects in a schema (operators, operator classes and
   * families, collations, conversions, text search objects, extended statistics, and whatever a
   * later PostgreSQL adds) is asked for the objects of this schema.
   */
  private void sweepOtherCatalogs(List<LiveObject> objects) throws SQLException {
    Map<String, String> catalogs = new TreeMap<>();
    query("select c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid "
        + "where c.relnamespace = 'pg_catalog'::regnamespace and c.relkind = 'r' and a.attnum > 0 "
        + "and a.atttypid = 'oid'::regtype and a.attname like '%namespace' and exists (select 1 from pg_attribute o "
        + "where o.attrelid = c.oid and o.attname = 'oid') order by 1", r -> {
          if (!READ_EXPLICITLY.contains(r.getString(1))) {
            catalogs.put(r.getString(1), r.getString(2));
          }
        });
    for (Map.Entry<String, String> e : catalogs.entrySet()) {
      String catalog = "pg_catalog." + PostgresNames.quote(e.getKey());
      // the identity is qualified with the schema as the server quotes it, so the server gives the prefix to strip
      String sql = "select (pg_identify_object('" + catalog + "'::regclass, o.oid, 0)).*, "
          + "(select quote_ident(n.nspname) || '.' from pg_namespace n where n.oid = ?) as prefix "
          + "from " + catalog + " o where o." + PostgresNames.quote(e.getValue()) + " = ? and "
          + notInExtension("'" + catalog + "'::regclass", "o.oid") + " order by 4";
      query(sql, r -> {
        String identity = r.getString("identity");
        String prefix = r.getString("prefix");
        String name = r.getString("name") != null ? r.getString("name")
            : identity.startsWith(prefix) ? identity.substring(prefix.length()) : identity;
        objects.add(new LiveObject(LiveObject.Kind.OTHER, r.getString("type"), name, null, List.of()));
      });
    }
  }

  private static String notInExtension(String catalog, String oid) {
    return String.format(NOT_IN_EXTENSION, catalog, oid);
  }

  /** One row of a result. */
  private interface RowReader {
    void read(ResultSet r) throws SQLException;
  }

  /** Runs {@code sql} with the schema's namespace for each {@code ?} and hands every row to {@code rows}. */
  private void query(String sql, RowReader rows) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      int parameters = (int) sql.chars().filter(ch -> ch == '?').count();
      for (int i = 1; i <= parameters; i++) {
        s.setLong(i, namespace);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.read(r);
        }
      }
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values).map(String::valueOf).toList();
  }
}
