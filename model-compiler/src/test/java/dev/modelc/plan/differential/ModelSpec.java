package dev.modelc.plan.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mutable, copyable description of a model that the generator builds and edits, written out
 * as model YAML exactly as the language requires (tombstones under {@code retired:}, renames as
 * {@code renamedFrom}). It also knows what rows the seeded database holds, so that edits stay
 * satisfiable by the data (a column gets NOT NULL only if it holds no NULL).
 */
final class ModelSpec {
  /** Rows seeded into every table; coprime with 7 so that {@link #permuted} is a permutation. */
  static final int ROWS = 5;

  /** A column type of the model language. {@code a}/{@code b}: length, or precision and scale. */
  record Type(String kind, Integer a, Integer b, List<String> values) {
    static Type of(String kind) {
      return new Type(kind, null, null, null);
    }

    static Type of(String kind, Integer a, Integer b) {
      return new Type(kind, a, b, null);
    }

    static Type enumOf(List<String> values) {
      return new Type("enum", null, null, List.copyOf(values));
    }

    /** The spelling in model YAML (quoted when it holds a comma or brackets). */
    String yaml() {
      if (a == null) {
        return array() ? "\"" + kind + "\"" : kind;
      }
      String s = kind + "(" + a + (b == null ? "" : "," + b) + ")";
      return b == null ? s : "\"" + s + "\"";
    }

    /** The PostgreSQL spelling (enums excluded: their type is named per column). */
    String pg() {
      return switch (kind) {
        case "int" -> "integer";
        case "double" -> "double precision";
        case "bool" -> "boolean";
        case "bytes" -> "bytea";
        case "enum" -> "text";
        case "int[]" -> "integer[]";
        default -> a == null ? kind : kind + "(" + a + (b == null ? "" : "," + b) + ")";
      };
    }

    boolean isEnum() {
      return kind.equals("enum");
    }

    /** An array type ({@code text[]}, {@code int[]}): gin indexes it. */
    boolean array() {
      return kind.endsWith("[]");
    }

    boolean numeric() {
      return List.of("smallint", "int", "bigint", "numeric", "real", "double").contains(kind);
    }

    boolean textual() {
      return List.of("text", "varchar", "char").contains(kind);
    }

    /** Seeded values are distinct per row (so a unique constraint or index holds). */
    boolean distinctValues() {
      return !List.of("bool", "enum", "json", "jsonb").contains(kind);
    }

    /** Has a btree operator class (can be an index key). */
    boolean indexable() {
      return !List.of("json").contains(kind);
    }

    boolean keyType() {
      return List.of("int", "bigint", "uuid").contains(kind);
    }
  }

  static final class Col {
    String name;
    Type type;
    boolean nullable;
    String dflt;
    boolean pk;
    boolean unique;
    /** The unique constraint's explicit name (a table-level {@code uniques:} entry), or null for the default. */
    String uniqueName;
    String refTable;
    String onDelete;
    /** The foreign key's explicit name (a table-level {@code foreignKeys:} entry), or null for the short form. */
    String fkName;
    /** {@code always} or {@code byDefault} for an identity column, else null. */
    String identity;
    String description;
    String renamedFrom;
    /** The seeded rows hold NULLs in this column (v1 data only). */
    boolean hasNulls;
    /** Picks this column's permutation of 1..ROWS. */
    int salt;

    Col(String name, Type type) {
      this.name = name;
      this.type = type;
    }

    Col copy() {
      Col c = new Col(name, type);
      c.nullable = nullable;
      c.dflt = dflt;
      c.pk = pk;
      c.unique = unique;
      c.uniqueName = uniqueName;
      c.refTable = refTable;
      c.onDelete = onDelete;
      c.fkName = fkName;
      c.identity = identity;
      c.description = description;
      c.renamedFrom = renamedFrom;
      c.hasNulls = hasNulls;
      c.salt = salt;
      return c;
    }
  }

  static final class Idx {
    String name;
    List<String> cols = new ArrayList<>(); // "c3", "c3 desc" or "lower(c3)"
    /** The access method, null for btree. */
    String method;
    boolean unique;
    String where;
    List<String> include = new ArrayList<>();
    String renamedFrom;

    Idx copy() {
      Idx i = new Idx();
      i.name = name;
      i.cols = new ArrayList<>(cols);
      i.method = method;
      i.unique = unique;
      i.where = where;
      i.include = new ArrayList<>(include);
      i.renamedFrom = renamedFrom;
      return i;
    }

    String lead() {
      return cols.get(0).split(" ")[0];
    }

    boolean uses(String column) {
      return cols.stream().anyMatch(c -> c.contains("(") ? mentions(c, column) : c.split(" ")[0].equals(column))
          || include.contains(column) || (where != null && mentions(where, column));
    }

    /** The operator a query uses to be served by this index on its lead key. */
    String operator() {
      return "gin".equals(method) ? "@>" : "=";
    }
  }

  static final class Chk {
    String name;
    String expr;

    Chk(String name, String expr) {
      this.name = name;
      this.expr = expr;
    }
  }

  static final class Tab {
    String name;
    String renamedFrom;
    /** The primary key's explicit name, or null for the default. */
    String pkName;
    String description;
    List<Col> cols = new ArrayList<>();
    List<Idx> idx = new ArrayList<>();
    List<Chk> checks = new ArrayList<>();

    Tab copy() {
      Tab t = new Tab();
      t.name = name;
      t.renamedFrom = renamedFrom;
      t.pkName = pkName;
      t.description = description;
      cols.forEach(c -> t.cols.add(c.copy()));
      idx.forEach(i -> t.idx.add(i.copy()));
      checks.forEach(c -> t.checks.add(new Chk(c.name, c.expr)));
      return t;
    }

    Col col(String n) {
      return cols.stream().filter(c -> c.name.equals(n)).findFirst().orElse(null);
    }

    Idx index(String n) {
      return idx.stream().filter(i -> i.name.equals(n)).findFirst().orElse(null);
    }

    Col pk() {
      return cols.stream().filter(c -> c.pk).findFirst().orElseThrow();
    }

    boolean usedInExpressions(String column) {
      return checks.stream().anyMatch(c -> mentions(c.expr, column))
          || idx.stream().anyMatch(i -> i.where != null && mentions(i.where, column));
    }
  }

  static final class Query {
    String name;
    String table;
    /** A column, or an expression of an expression index ({@code lower(c3)}). */
    String column;
    String traffic;
    String operator = "=";

    Query(String name, String table, String column, String traffic) {
      this.name = name;
      this.table = table;
      this.column = column;
      this.traffic = traffic;
    }

    Query(String name, String table, String column, String traffic, String operator) {
      this(name, table, column, traffic);
      this.operator = operator;
    }
  }

  final List<Tab> tables = new ArrayList<>();
  final List<Query> queries = new ArrayList<>();
  final Map<String, String> retiredTables = new LinkedHashMap<>();
  final Map<String, String> retiredColumns = new LinkedHashMap<>();
  final Map<String, String> retiredIndexes = new LinkedHashMap<>();

  ModelSpec copy() {
    ModelSpec m = new ModelSpec();
    tables.forEach(t -> m.tables.add(t.copy()));
    queries.forEach(q -> m.queries.add(new Query(q.name, q.table, q.column, q.traffic, q.operator)));
    m.retiredTables.putAll(retiredTables);
    m.retiredColumns.putAll(retiredColumns);
    m.retiredIndexes.putAll(retiredIndexes);
    return m;
  }

  Tab table(String n) {
    return n == null ? null : tables.stream().filter(t -> t.name.equals(n)).findFirst().orElse(null);
  }

  static boolean mentions(String expr, String column) {
    return Pattern.compile("(?<![a-z0-9_])" + column + "(?![a-z0-9_])").matcher(expr).find();
  }

  static String replaceWord(String expr, String from, String to) {
    return expr == null ? null
        : Pattern.compile("(?<![a-z0-9_])" + from + "(?![a-z0-9_])").matcher(expr).replaceAll(Matcher.quoteReplacement(to));
  }

  // ---- edits shared by the generator and the shrinker ---------------------------------------

  /** Removes a table as a model edit: tombstone, and the foreign keys and queries pointing at it. */
  void retireTable(String name) {
    Tab t = table(name);
    if (t == null) {
      return;
    }
    tables.remove(t);
    retiredTables.put(name, "Generated: no longer needed.");
    forgetTable(name);
  }

  /** Removes every trace of a table (for shrinking v1): no tombstone. */
  void forgetTable(String name) {
    tables.removeIf(t -> t.name.equals(name));
    for (Tab o : tables) {
      for (Col c : o.cols) {
        if (name.equals(c.refTable)) {
          c.refTable = null;
          c.onDelete = null;
          c.fkName = null;
        }
      }
    }
    queries.removeIf(q -> q.table.equals(name));
  }

  /** Drops a column as a model edit: tombstones for it and its indexes; its checks and queries go. */
  void retireColumn(Tab t, String column) {
    Col c = t.col(column);
    if (c == null || c.pk) {
      return;
    }
    t.cols.remove(c);
    retiredColumns.put(t.name + "." + column, "Generated: no reader left.");
    for (Idx i : new ArrayList<>(t.idx)) {
      if (i.uses(column)) {
        t.idx.remove(i);
        retiredIndexes.put(t.name + "." + i.name, "Generated: its column is dropped.");
        dropQueriesOn(t.name, i.lead());
      }
    }
    t.checks.removeIf(k -> mentions(k.expr, column));
    dropQueriesOn(t.name, column);
  }

  /** Removes a column with everything that uses it (for shrinking v1). */
  void forgetColumn(Tab t, String column) {
    Col c = t.col(column);
    if (c == null || c.pk) {
      return;
    }
    t.cols.remove(c);
    t.idx.removeIf(i -> i.uses(column));
    t.checks.removeIf(k -> mentions(k.expr, column));
    dropQueriesOn(t.name, column);
    queries.removeIf(q -> q.table.equals(t.name) && t.idx.stream().noneMatch(i -> i.lead().equals(q.column)) && !q.column.equals(t.pk().name));
  }

  void retireIndex(Tab t, String index) {
    Idx i = t.index(index);
    if (i == null) {
      return;
    }
    t.idx.remove(i);
    retiredIndexes.put(t.name + "." + index, "Generated: superseded.");
    dropQueriesOn(t.name, i.lead());
  }

  void dropQueriesOn(String table, String column) {
    queries.removeIf(q -> q.table.equals(table) && q.column.equals(column));
  }

  /** Renames a column in every place that names it: indexes, predicates, checks, queries. */
  void renameColumnUses(Tab t, String from, String to) {
    for (Idx i : t.idx) {
      i.cols.replaceAll(k -> k.contains("(") ? replaceWord(k, from, to) : k.split(" ")[0].equals(from) ? to + k.substring(from.length()) : k);
      i.include.replaceAll(k -> k.equals(from) ? to : k);
      i.where = replaceWord(i.where, from, to);
    }
    for (Chk k : t.checks) {
      k.expr = replaceWord(k.expr, from, to);
    }
    for (Query q : queries) {
      if (q.table.equals(t.name)) {
        q.column = q.column.contains("(") ? replaceWord(q.column, from, to) : q.column.equals(from) ? to : q.column;
      }
    }
  }

  void renameTable(Tab t, String to) {
    String from = t.name;
    t.name = to;
    t.renamedFrom = from;
    for (Tab o : tables) {
      for (Col c : o.cols) {
        if (from.equals(c.refTable)) {
          c.refTable = to;
        }
      }
    }
    for (Query q : queries) {
      if (q.table.equals(from)) {
        q.table = to;
      }
    }
    rekey(retiredColumns, from, to);
    rekey(retiredIndexes, from, to);
  }

  private static void rekey(Map<String, String> retired, String from, String to) {
    Map<String, String> copy = new LinkedHashMap<>();
    retired.forEach((k, v) -> copy.put(k.startsWith(from + ".") ? to + k.substring(from.length()) : k, v));
    retired.clear();
    retired.putAll(copy);
  }

  // ---- YAML ----------------------------------------------------------------------------------

  String yaml() {
    StringBuilder y = new StringBuilder("model: differential\ntables:\n");
    for (Tab t : tables) {
      y.append("  ").append(t.name).append(":\n    rows: 1000\n");
      if (t.renamedFrom != null) {
        y.append("    renamedFrom: ").append(t.renamedFrom).append('\n');
      }
      if (t.description != null) {
        y.append("    description: \"").append(t.description).append("\"\n");
      }
      if (t.pkName != null) {
        y.append("    primaryKey: { name: ").append(t.pkName).append(", columns: [").append(t.pk().name).append("] }\n");
      }
      List<String> uniques = new ArrayList<>();
      List<String> foreignKeys = new ArrayList<>();
      y.append("    columns:\n");
      for (Col c : t.cols) {
        List<String> kv = new ArrayList<>();
        kv.add("type: " + c.type.yaml());
        if (c.type.isEnum()) {
          kv.add("values: [" + String.join(", ", c.type.values()) + "]");
        }
        if (c.pk && t.pkName == null) {
          kv.add("primaryKey: true");
        }
        if (c.identity != null) {
          kv.add("identity: " + c.identity);
        }
        if (c.description != null) {
          kv.add("description: \"" + c.description + "\"");
        }
        if (c.nullable) {
          kv.add("nullable: true");
        }
        if (c.dflt != null) {
          kv.add("default: " + c.dflt);
        }
        if (c.unique && c.uniqueName == null) {
          kv.add("unique: true");
        } else if (c.unique) {
          uniques.add("{ name: " + c.uniqueName + ", columns: [" + c.name + "] }");
        }
        if (c.refTable != null && c.fkName == null) {
          kv.add("references: " + c.refTable + "." + table(c.refTable).pk().name);
          if (c.onDelete != null) {
            kv.add("onDelete: \"" + c.onDelete + "\"");
          }
        } else if (c.refTable != null) {
          foreignKeys.add("{ name: " + c.fkName + ", columns: [" + c.name + "], references: { table: " + c.refTable + ", columns: ["
              + table(c.refTable).pk().name + "] }" + (c.onDelete == null ? "" : ", onDelete: \"" + c.onDelete + "\"") + " }");
        }
        if (c.renamedFrom != null) {
          kv.add("renamedFrom: " + c.renamedFrom);
        }
        y.append("      ").append(c.name).append(": { ").append(String.join(", ", kv)).append(" }\n");
      }
      if (!uniques.isEmpty()) {
        y.append("    uniques:\n");
        uniques.forEach(u -> y.append("      - ").append(u).append('\n'));
      }
      if (!foreignKeys.isEmpty()) {
        y.append("    foreignKeys:\n");
        foreignKeys.forEach(f -> y.append("      - ").append(f).append('\n'));
      }
      if (!t.idx.isEmpty()) {
        y.append("    indexes:\n");
        for (Idx i : t.idx) {
          y.append("      ").append(i.name).append(": { columns: [")
              .append(String.join(", ", i.cols.stream().map(k -> k.contains("(") ? "\"" + k + "\"" : k).toList())).append(']');
          if (i.method != null) {
            y.append(", method: ").append(i.method);
          }
          if (i.unique) {
            y.append(", unique: true");
          }
          if (i.where != null) {
            y.append(", where: \"").append(i.where).append('"');
          }
          if (!i.include.isEmpty()) {
            y.append(", include: [").append(String.join(", ", i.include)).append(']');
          }
          if (i.renamedFrom != null) {
            y.append(", renamedFrom: ").append(i.renamedFrom);
          }
          y.append(", reason: Generated., keep: Generated. }\n");
        }
      }
      if (!t.checks.isEmpty()) {
        y.append("    checks:\n");
        for (Chk k : t.checks) {
          y.append("      ").append(k.name).append(": { expression: \"").append(k.expr).append("\" }\n");
        }
      }
    }
    if (!queries.isEmpty()) {
      y.append("queries:\n");
      for (Query q : queries) {
        y.append("  ").append(q.name).append(": { table: ").append(q.table).append(", where: { \"").append(q.column)
            .append("\": \"").append(q.operator).append("\" }, traffic: ").append(q.traffic).append(" }\n");
      }
    }
    if (!retiredTables.isEmpty() || !retiredColumns.isEmpty() || !retiredIndexes.isEmpty()) {
      y.append("retired:\n");
      section(y, "tables", retiredTables);
      section(y, "columns", retiredColumns);
      section(y, "indexes", retiredIndexes);
    }
    return y.toString();
  }

  private static void section(StringBuilder y, String name, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    y.append("  ").append(name).append(":\n");
    entries.forEach((k, v) -> y.append("    ").append(k).append(": { reason: \"").append(v).append("\" }\n"));
  }

  // ---- seeded values -------------------------------------------------------------------------

  /** 1..ROWS, a different permutation per salt: distinct per row and a valid key of every table. */
  static int permuted(int row, int salt) {
    return Math.floorMod(row * 7 + salt, ROWS) + 1;
  }

  static String uuid(int n) {
    return String.format("'00000000-0000-0000-0000-%012d'", n);
  }

  /** The SQL literal seeded into {@code c} for row {@code row} (0-based), or NULL. */
  static String value(Col c, int row) {
    if (c.pk) {
      return c.type.kind().equals("uuid") ? uuid(row + 1) : String.valueOf(row + 1);
    }
    if (c.nullable && c.hasNulls && row % 3 == 0) {
      return "NULL";
    }
    return literal(c.type, permuted(row, c.salt));
  }

  static String literal(Type t, int p) {
    return switch (t.kind()) {
      case "smallint", "int", "bigint" -> String.valueOf(p);
      case "numeric" -> t.b() != null && t.b() > 0 ? p + ".5" : String.valueOf(p);
      case "real", "double" -> p + ".5";
      case "text", "varchar", "char" -> "'v" + p + "'";
      case "bool" -> p % 2 == 0 ? "true" : "false";
      case "uuid" -> uuid(p);
      case "date" -> String.format("'2024-01-%02d'", p);
      case "time" -> String.format("'10:%02d:00'", p);
      case "timestamp", "timestamptz" -> String.format("'2024-01-%02d %02d:30:00'", p, p);
      case "bytes" -> String.format("'\\x%02x'", p);
      case "json", "jsonb" -> "'{\"k\": " + p + "}'";
      case "enum" -> "'" + t.values().get(p % t.values().size()) + "'";
      case "text[]" -> "'{v" + p + ",w}'";
      case "int[]" -> "'{" + p + "," + (p + 10) + "}'";
      case "inet" -> "'10.0.0." + p + "'";
      case "interval" -> "'" + p + " days'";
      default -> throw new IllegalStateException(t.kind());
    };
  }
}
