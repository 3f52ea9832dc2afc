package dev.modelc.property;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes valid-but-odd models as YAML text: every column type, names that are Java keywords,
 * java.lang types, Object methods and the generator's own locals, names of 63 bytes, unicode
 * and comment-breaking text, tricky enum values, wide tables, every query kind with parameters
 * and literals. Deterministic for a seed. Most of what it writes checks clean; what does not is
 * a collision the checker must report, never an exception.
 */
final class OddModels {
  static final String LONG_NAME = "a_name_of_exactly_sixty_three_bytes_that_postgresql_keeps_whole";

  private static final String[] TABLE_NAMES = {"orders", "class", "strings", "lists", "record", "ps", "rows",
      "connection", "wait", "order_items", "a", "java", "objects", "types", "uuids", "optional", "generated",
      "_x", "x_", "status", "values", "enums", "result_sets", LONG_NAME.substring(0, 60) + "_t", "hash_codes",
      "integers", "threads", "boxes", "categories", "data", "Users", "Order Lines", "größen", "select", "a\"b"};
  private static final String[] COLUMN_NAMES = {"ps", "rs", "rows", "row", "connection", "class", "hash_code", "wait",
      "_1", "value", "java", "to_string", "get_class", "notify", "new", "int", "string", "record", "var", "yield",
      "candidate", "database_value", "name", "amount", "created_at", "e", "_", "x1", "state", LONG_NAME, "objects",
      "list", "type", "sealed", "permits", "enum", "First Name", "camelCase", "größe", "order", "a\"b", "ID"};
  private static final String[] QUERY_NAMES = {"row", "rows", "connection", "ps", "rs", "byId", "fooRow", "list",
      "find", "count", "exists", "insert", "update", "delete", "get", "all", "values", "valueOf", "ordinal",
      "name", "compareTo", "recordRow", "aQueries", "byTheLongestNameThatStillFitsInOneJavaMethodName", "x"};
  private static final String[] TEXTS = {"Ends a comment */ here.", "C:\\users\\u0041", "\\u000a breaks a line comment",
      "{@code x} and {@link Y}", "<b>bold</b> & <i>", "@param p not a tag", "Grüße, 東京, emoji 😀", "100% $1 \"quoted\" 'single'",
      "line one\nline two\n@return x", "tab\there", "\\", "*/", "/*", "trailing backslash \\"};
  private static final String[] ENUM_VALUES = {"_", "é", "it's", "*/x", "\\u0041", "2fa", "new", "a b", "ÄÖ", "%s",
      "{}", "pending", "PENDING_", "class", "x".repeat(63), "東京", "null", "true", "--", "a;b"};
  private static final String[] TYPES = {"bool", "smallint", "int", "bigint", "numeric", "numeric(12,2)", "numeric(5)",
      "real", "double", "text", "varchar(64)", "char(3)", "char", "uuid", "date", "time", "timestamp", "timestamptz",
      "bytes", "json", "jsonb", "enum", "text[]", "int[]", "inet", "interval", "timestamptz(3)"};

  private final Random random;

  OddModels(long seed) {
    this.random = new Random(seed);
  }

  private record Col(String name, String type, boolean nullable, List<String> values) {
    boolean json() {
      return type.equals("json");
    }
  }

  private record Tab(String name, List<Col> columns) {}

  /** The YAML text of model number {@code n}. */
  String next(int n) {
    StringBuilder y = new StringBuilder();
    y.append("model: ").append(q(pick(new String[] {"m" + n, "C:\\users " + n, "*/ " + n, "模型 " + n, "a \"q\" " + n})))
        .append('\n');
    if (random.nextBoolean()) {
      y.append("description: ").append(q(pick(TEXTS))).append('\n');
    }
    int tableCount = 1 + random.nextInt(3);
    Set<String> tableNames = new LinkedHashSet<>();
    while (tableNames.size() < tableCount) {
      tableNames.add(pick(TABLE_NAMES));
    }
    List<Tab> tables = new ArrayList<>();
    y.append("tables:\n");
    for (String t : tableNames) {
      Tab tab = table(t, tables);
      tables.add(tab);
      y.append(tableYaml(tab, tables));
    }
    y.append(queries(tables));
    return y.toString();
  }

  private Tab table(String name, List<Tab> earlier) {
    List<Col> cols = new ArrayList<>();
    String idType = pick(new String[] {"bigint", "uuid", "int", "text", "varchar(64)"});
    cols.add(new Col("id", idType, false, List.of()));
    int count = random.nextInt(40) == 0 ? 30 + random.nextInt(90) : 1 + random.nextInt(8);
    Set<String> names = new LinkedHashSet<>();
    names.add("id");
    for (int i = 0; i < count; i++) {
      String c = random.nextInt(3) == 0 || names.size() >= COLUMN_NAMES.length ? "c" + i : pick(COLUMN_NAMES);
      if (!names.add(c)) {
        continue;
      }
      String type = pick(TYPES);
      List<String> values = List.of();
      if (type.equals("enum")) {
        Set<String> v = new LinkedHashSet<>();
        int k = 1 + random.nextInt(5);
        while (v.size() < k) {
          v.add(pick(ENUM_VALUES));
        }
        values = new ArrayList<>(v);
      }
      cols.add(new Col(c, type, random.nextInt(3) == 0, values));
    }
    return new Tab(name, cols);
  }

  private String tableYaml(Tab t, List<Tab> tables) {
    StringBuilder y = new StringBuilder();
    y.append("  ").append(q(t.name())).append(":\n");
    if (random.nextBoolean()) {
      y.append("    description: ").append(q(pick(TEXTS))).append('\n');
    }
    if (random.nextBoolean()) {
      y.append("    owner: ").append(q(pick(TEXTS))).append('\n');
    }
    if (random.nextBoolean()) {
      y.append("    rows: ").append(random.nextInt(4) == 0 ? "9_223_372_036_854_775_807" : Integer.toString(random.nextInt(1_000_000)))
          .append('\n');
    }
    y.append("    columns:\n");
    Tab target = tables.size() > 1 && random.nextBoolean() ? tables.get(random.nextInt(tables.size() - 1)) : null;
    for (Col c : t.columns()) {
      y.append("      ").append(q(c.name())).append(": { type: ").append(q(c.type()));
      if (c.name().equals("id")) {
        y.append(", primaryKey: true");
        if (c.type().equals("uuid") && random.nextBoolean()) {
          y.append(", default: \"gen_random_uuid()\"");
        }
      }
      if (!c.values().isEmpty()) {
        y.append(", values: [");
        for (int i = 0; i < c.values().size(); i++) {
          y.append(i == 0 ? "" : ", ").append(q(c.values().get(i)));
        }
        y.append("]");
      }
      if (c.nullable()) {
        y.append(", nullable: true");
      }
      String d = random.nextInt(3) == 0 ? defaultFor(c) : null;
      if (d != null && !c.name().equals("id")) {
        y.append(", default: ").append(q(d));
      }
      if (random.nextInt(4) == 0) {
        y.append(", description: ").append(q(pick(TEXTS)));
      }
      if (!c.name().equals("id") && random.nextInt(12) == 0 && !c.json()) {
        y.append(", unique: true");
      }
      y.append(" }\n");
    }
    if (target != null) {
      Col id = target.columns().get(0);
      y.append("      ").append(q(target.name().length() > 55 ? "ref" : target.name() + "_ref")).append(": { type: ")
          .append(q(id.type())).append(", nullable: true, references: ").append(q(target.name() + ".id")).append(", onDelete: ")
          .append(pick(new String[] {"cascade", "set null", "restrict", "no action"})).append(" }\n");
    }
    List<Col> indexable = t.columns().stream().filter(c -> !c.json()).toList();
    if (random.nextBoolean()) {
      y.append("    indexes:\n");
      int k = 1 + random.nextInt(3);
      for (int i = 0; i < k; i++) {
        Col a = indexable.get(random.nextInt(indexable.size()));
        Col b = indexable.get(random.nextInt(indexable.size()));
        String name = (t.name().length() > 50 ? "i" : t.name()) + "_ix" + i;
        y.append("      ").append(q(name)).append(": { columns: [").append(q(a.name() + (random.nextBoolean() ? " desc" : "")));
        if (b != a) {
          y.append(", ").append(q(b.name()));
        }
        y.append("]");
        if (random.nextInt(3) == 0) {
          y.append(", where: ").append(q(sql(a.name()) + " is not null"));
        }
        if (random.nextInt(4) == 0) {
          Col inc = t.columns().get(random.nextInt(t.columns().size()));
          if (inc != a && inc != b) {
            y.append(", include: [").append(q(inc.name())).append("]");
          }
        }
        y.append(", reason: ").append(q(pick(TEXTS))).append(", keep: ").append(q("kept")).append(" }\n");
      }
    }
    Col number = t.columns().stream().filter(c -> c.type().equals("int") || c.type().equals("bigint")).findFirst().orElse(null);
    if (number != null && random.nextBoolean()) {
      String n = sql(number.name());
      y.append("    checks:\n      ").append(q((t.name().length() > 50 ? "c" : t.name()) + "_chk")).append(": { expression: ")
          .append(q("(" + n + " >= 0 or " + n + " is null) and " + n + " < 1000000"))
          .append(", reason: ").append(q(pick(TEXTS))).append(" }\n");
    }
    return y.toString();
  }

  private String queries(List<Tab> tables) {
    StringBuilder y = new StringBuilder("queries:\n");
    Map<String, Boolean> used = new LinkedHashMap<>();
    int count = random.nextInt(8);
    for (int i = 0; i < count; i++) {
      Tab t = tables.get(random.nextInt(tables.size()));
      String name = random.nextBoolean() ? pick(QUERY_NAMES) : "q" + i;
      if (used.putIfAbsent(name, true) != null) {
        continue;
      }
      String kind = pick(new String[] {"select", "select", "select", "count", "exists", "insert", "update", "delete"});
      List<Col> comparable = t.columns().stream().filter(c -> !c.json()).toList();
      y.append("  ").append(name).append(": { table: ").append(q(t.name())).append(", kind: ").append(kind);
      if (!kind.equals("insert")) {
        y.append(", where: {");
        Set<String> seen = new LinkedHashSet<>();
        int k = random.nextInt(4);
        for (int j = 0; j < k; j++) {
          Col c = comparable.get(random.nextInt(comparable.size()));
          if (!seen.add(c.name())) {
            continue;
          }
          y.append(seen.size() == 1 ? " " : ", ").append(q(c.name())).append(": ").append(q(condition(c)));
        }
        y.append(" }");
      }
      if (kind.equals("select") && random.nextBoolean()) {
        Col c = comparable.get(random.nextInt(comparable.size()));
        y.append(", orderBy: [").append(q(c.name() + (random.nextBoolean() ? " desc" : ""))).append("]");
      }
      if (kind.equals("select") && random.nextBoolean()) {
        y.append(", limit: ").append(random.nextInt(3) == 0 ? "2_147_483_647" : Integer.toString(1 + random.nextInt(100)));
      }
      if (kind.equals("select") && random.nextInt(3) == 0) {
        Set<String> r = new LinkedHashSet<>();
        int k = 1 + random.nextInt(3);
        for (int j = 0; j < k; j++) {
          r.add(t.columns().get(random.nextInt(t.columns().size())).name());
        }
        y.append(", returns: [").append(String.join(", ", r.stream().map(OddModels::q).toList())).append("]");
      }
      if (kind.equals("update") || (kind.equals("insert") && random.nextBoolean())) {
        Set<String> s = new LinkedHashSet<>();
        if (kind.equals("insert")) {
          t.columns().stream().filter(c -> c.name().equals("id") || !c.nullable()).forEach(c -> s.add(c.name()));
        }
        int k = 1 + random.nextInt(3);
        for (int j = 0; j < k; j++) {
          s.add(t.columns().get(random.nextInt(t.columns().size())).name());
        }
        y.append(", set: [").append(String.join(", ", s.stream().map(OddModels::q).toList())).append("]");
      }
      y.append(", traffic: ").append(random.nextBoolean() ? "standard" : "batch");
      if (random.nextBoolean()) {
        y.append(", description: ").append(q(pick(TEXTS))).append(", owner: ").append(q(pick(TEXTS)))
            .append(", rate: ").append(q(pick(TEXTS))).append(", endpoints: [").append(q(pick(TEXTS))).append(", ")
            .append(q("GET /v1/{id}/*/x")).append("]");
      }
      y.append(" }\n");
    }
    return count == 0 ? "" : y.toString();
  }

  /** A name as SQL written in the model must spell it: quoted unless plain. */
  private static String sql(String name) {
    return dev.modelc.dialect.PostgresNames.quote(name);
  }

  private String condition(Col c) {
    int r = random.nextInt(10);
    String literal = literalFor(c);
    if (r == 0 && c.nullable()) {
      return "is null";
    }
    if (r == 1) {
      return "is not null";
    }
    if (r == 2 && !c.type().equals("bytes") && !c.type().endsWith("[]")) {
      return "in";
    }
    if (r == 3 && literal != null) {
      return "= " + literal;
    }
    if (r == 4 && literal != null && !c.type().endsWith("[]")) {
      return "in (" + literal + ", " + literal + ")";
    }
    if (r == 5) {
      return pick(new String[] {"<", "<=", ">", ">=", "!="});
    }
    return "=";
  }

  /** A SQL literal of the column's type, or null when none is simple to write. */
  private String literalFor(Col c) {
    return switch (c.type()) {
      case "bool" -> random.nextBoolean() ? "true" : "false";
      case "smallint" -> "32767";
      case "int" -> "-2147483648";
      case "bigint" -> "9223372036854775807";
      case "numeric", "real", "double" -> "1.5e3";
      case "numeric(12,2)" -> "9999999999.99";
      case "numeric(5)" -> "99999";
      case "text", "varchar(64)" -> "'it''s */ \\u0041 é'";
      case "char(3)" -> "'a''b'";
      case "char" -> "'x'";
      case "uuid" -> "'6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b'";
      case "date" -> "'2024-02-29'";
      case "time" -> "'23:59:59.999999'";
      case "timestamp" -> "'2024-02-29 13:45:00'";
      case "timestamptz" -> "'2024-02-29T13:45:00+01:00'";
      case "jsonb" -> "'{\"a\": [1, \"*/\"]}'";
      case "enum" -> "'" + c.values().get(random.nextInt(c.values().size())).replace("'", "''") + "'";
      case "text[]" -> "'{a,\"b c\"}'";
      case "int[]" -> "'{1,2}'";
      case "inet" -> "'10.1.2.3/32'";
      case "interval" -> "'1 day'";
      case "timestamptz(3)" -> "'2024-02-29T13:45:00.123+01:00'";
      default -> null;
    };
  }

  private String defaultFor(Col c) {
    return switch (c.type()) {
      case "bool" -> "false";
      case "smallint", "int", "bigint" -> random.nextBoolean() ? "0" : "-1";
      case "numeric", "numeric(12,2)", "real", "double" -> "0.5";
      case "numeric(5)" -> "12345";
      case "text", "varchar(64)" -> random.nextBoolean() ? "pending" : "'it''s */ é'";
      case "char(3)" -> "abc";
      case "uuid" -> "gen_random_uuid()";
      case "date" -> random.nextBoolean() ? "current_date" : "'2024-01-31'";
      case "time" -> "'12:00'";
      case "timestamp" -> "localtimestamp";
      case "timestamptz" -> random.nextBoolean() ? "now()" : "'2024-01-31 00:00:00+00'";
      case "json", "jsonb" -> "'{}'";
      case "bytes" -> "'\\x0a0b'";
      case "enum" -> c.values().get(0);
      case "text[]", "int[]" -> "'{}'";
      case "interval" -> "'1 hour'";
      case "timestamptz(3)" -> "now()";
      default -> null;
    };
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  /** A YAML double-quoted scalar holding exactly {@code s}. */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
