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

    /** The spelling in model YAML (quoted when it holds a comma). */
    String yaml() {
      if (a == null) {
        return kind;
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
        default -> a == null ? kind : kind + "(" + a + (b == null ? "" : "," + b) + ")";
      };
    }

    boolean isEnum() {
      return kind.equals("enum");
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
    String refTable;
    String onDelete;
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
      c.refTable = refTable;
      c.onDelete = onDelete;
      c.renamedFrom = renamedFrom;
      c.hasNulls = hasNulls;
      c.salt = salt;
      return c;
    }
  }

  static final class Idx {
    String name;
    List<String> cols = new ArrayList<>(); // "c3" or "c3 desc"
    boolean unique;
    String where;
    List<String> include = new ArrayList<>();
    String renamedFrom;

    Idx copy() {
      Idx i = new Idx();
      i.name = name;
      i.cols = new ArrayList<>(cols);
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
      return cols.stream().anyMatch(c -> c.split(" ")[0].equals(column)) || include.contains(column)
          || (where != null && mentions(where, column));
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
    List<Col> cols = new ArrayList<>();
    List<Idx> idx = new ArrayList<>();
    List<Chk> checks = new ArrayList<>();

    Tab copy() {
      Tab t = new Tab();
      t.name = name;
      t.renamedFrom = renamedFrom;
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
    String column;
    String traffic;

    Query(String name, String table, String column, String traffic) {
      this.name = name;
      this.table = table;
      this.column = column;
      this.traffic = traffic;
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
    queries.forEach(q -> m.queries.add(new Query(q.name, q.table, q.column, q.traffic)));
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
      i.cols.replaceAll(k -> k.split(" ")[0].equals(from) ? to + k.substring(from.length()) : k);
      i.include.replaceAll(k -> k.equals(from) ? to : k);
      i.where = replaceWord(i.where, from, to);
    }
    for (Chk k : t.checks) {
      k.expr = replaceWord(k.expr, from, to);
    }
    for (Query q : queries) {
      if (q.table.equals(t.name) && q.column.equals(from)) {
        q.column = to;
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
      y.append("    columns:\n");
      for (Col c : t.cols) {
        List<String> kv = new ArrayList<>();
        kv.add("type: " + c.type.yaml());
        if (c.type.isEnum()) {
          kv.add("values: [" + String.join(", ", c.type.values()) + "]");
        }
        if (c.pk) {
          kv.add("primaryKey: true");
        }
        if (c.nullable) {
          kv.add("nullable: true");
        }
        if (c.dflt != null) {
          kv.add("default: " + c.dflt);
        }
        if (c.unique) {
          kv.add("unique: true");
        }
        if (c.refTable != null) {
          kv.add("references: " + c.refTable + "." + table(c.refTable).pk().name);
          if (c.onDelete != null) {
            kv.add("onDelete: \"" + c.onDelete + "\"");
          }
        }
        if (c.renamedFrom != null) {
          kv.add("renamedFrom: " + c.renamedFrom);
        }
        y.append("      ").append(c.name).append(": { ").append(String.join(", ", kv)).append(" }\n");
      }
      if (!t.idx.isEmpty()) {
        y.append("    indexes:\n");
        for (Idx i : t.idx) {
          y.append("      ").append(i.name).append(": { columns: [").append(String.join(", ", i.cols)).append(']');
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
        y.append("  ").append(q.name).append(": { table: ").append(q.table).append(", where: { ").append(q.column)
            .append(": \"=\" }, traffic: ").append(q.traffic).append(" }\n");
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
      default -> throw new IllegalStateException(t.kind());
    };
  }
}
