package dev.modelc.parse;

import dev.modelc.parse.ModelGrammar.Choice;
import dev.modelc.parse.ModelGrammar.Duration;
import dev.modelc.parse.ModelGrammar.Either;
import dev.modelc.parse.ModelGrammar.Flag;
import dev.modelc.parse.ModelGrammar.Identifier;
import dev.modelc.parse.ModelGrammar.ListOf;
import dev.modelc.parse.ModelGrammar.MapOf;
import dev.modelc.parse.ModelGrammar.Mapping;
import dev.modelc.parse.ModelGrammar.Matching;
import dev.modelc.parse.ModelGrammar.NameKind;
import dev.modelc.parse.ModelGrammar.Shape;
import dev.modelc.parse.ModelGrammar.SqlText;
import dev.modelc.parse.ModelGrammar.Text;
import dev.modelc.parse.ModelGrammar.TypeName;
import dev.modelc.parse.ModelGrammar.Value;
import dev.modelc.parse.ModelGrammar.WholeNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Single-change variants of a clean model that uses every key of {@link ModelGrammar}: every
 * key removed, every value replaced by the forms its kind of value can take (valid and invalid,
 * YAML 1.1 spellings that YAML 1.2 reads differently among them), every named element added
 * under names of every kind, and an unknown key in every mapping. What each candidate may be
 * comes from the key's definition in the grammar, so a key added there is varied here without
 * more work; only the base model has to use it.
 *
 * <p>Some values are varied by YAML type only ({@link #SQL_OR_REFERENCE}): SQL text and names
 * that must point at an existing element are checked by {@code check} against the rest of the
 * model, which no schema of one file can know.
 */
public final class ModelVariants {
  /**
   * One model file. {@code crossReference}: the change removes or alters an element that other
   * elements of the base model point at (a key's target, a pinned index) or that must be in
   * one of a model's files; only check, which sees the whole model, can judge it.
   */
  public record Variant(String label, String yaml, boolean crossReference) {}

  /** Elements other parts of the base model point at, or that a model needs in one of its files. */
  static final Set<String> REFERENCED = Set.of(
      "model", // a model's name may be in any of its files
      "tables", // the queries and tombstones name its tables
      "tables/customers/columns/id/primaryKey", // orders.customer_id references it: it must stay a key
      "tables/orders/columns/id/primaryKey", // orderById pins orders_pkey
      "tables/orders/indexes", // the retired index is replaced by orders_open
      "queries/orderById/where"); // orderById pins orders_pkey, which must serve it

  /** The base model: clean, every key used, every query served. */
  static final String BASE = """
      model: shop
      database: postgresql
      description: A shop.
      policy:
        approvals:
          criticalTraffic: true
          tableRewrites: true
          indexBuildRowsOver: 10000000
        lockTimeout: 5s
        statementTimeout: 30min
        lockRetries: 5
      tables:
        customers:
          description: People who buy.
          owner: team-shop
          rows: 1000
          columns:
            id: { type: bigint, primaryKey: true }
            email: { type: varchar(200), unique: true, description: Login name. }
            tier: { type: enum, values: [basic, gold], default: basic }
          renamedFrom: clients
        orders:
          description: Orders.
          owner: team-shop
          rows: 50000
          columns:
            id: { type: uuid, primaryKey: true }
            customer_id: { type: bigint, references: customers.id, onDelete: cascade }
            status: { type: enum, values: [open, paid], default: open }
            total: { type: "numeric(12,2)", nullable: true }
            note: text
            free: { type: text, nullable: true, description: Free text., renamedFrom: remark }
            grade: { type: enum, values: [low, high], nullable: true }
            placed_at: { type: timestamptz, default: now() }
          indexes:
            orders_customer_placed:
              columns: [customer_id, placed_at desc]
              include: [total]
              reason: Customers page through their orders.
              renamedFrom: orders_by_customer
            orders_open:
              columns: [placed_at]
              where: status = 'open'
              unique: false
              reason: The dashboard lists open orders.
              keep: Operations read it by hand.
          checks:
            total_positive: { expression: total >= 0, reason: Totals are never negative. }
        memberships:
          primaryKey: [customer_id, code]
          columns:
            customer_id: bigint
            code: { type: varchar(20) }
      queries:
        ordersOfCustomer:
          table: orders
          kind: select
          where: { customer_id: "=", placed_at: "<" }
          orderBy: [placed_at desc]
          limit: 50
          returns: [id, total]
          traffic: standard
          rate: 100/s
          endpoints: [GET /orders]
          owner: team-shop
          description: A customer's recent orders.
        orderById:
          table: orders
          where: { id: "=" }
          index: orders_pkey
        markPaid:
          table: orders
          kind: update
          where: { id: "=" }
          set: [status]
        addMembership:
          table: memberships
          kind: insert
          set: [customer_id, code]
      retired:
        tables:
          legacy: { reason: Gone. }
        columns:
          orders.old_code: { reason: Unused. }
        indexes:
          orders.orders_old: { reason: Superseded., replacedBy: orders_open }
      """;

  /**
   * Keys whose values are SQL, or names of other elements, or that other parts of the base
   * model depend on: varied by YAML type only (a number, a flag, nothing, a list), which a
   * schema does judge. The path is the keys from the top, joined by '/'.
   */
  static final Set<String> SQL_OR_REFERENCE = Set.of(
      "tables/customers/columns/tier/default", "tables/orders/columns/status/default",
      "tables/orders/columns/placed_at/default", "tables/orders/indexes/orders_open/where",
      "tables/orders/checks/total_positive/expression", "retired/indexes/orders.orders_old/replacedBy",
      // the values of an enum with a default must include it (MC315)
      "tables/customers/columns/tier/values", "tables/orders/columns/status/values",
      // the pinned query must stay served by its index (MC502)
      "queries/orderById/where/id");

  /** Columns whose type may be varied: nothing refers to them, and they have no default. */
  static final Set<String> FREE_TYPES = Set.of("tables/orders/columns/free/type", "tables/orders/columns/grade/type");

  private final List<Variant> out = new ArrayList<>();
  private final Set<String> keysVaried = new LinkedHashSet<>();

  public static List<Variant> all() {
    ModelVariants v = new ModelVariants();
    v.generate();
    return v.out;
  }

  /** {@code shape/key} of every key of the grammar that some variant removes or replaces. */
  static Set<String> keysVaried() {
    ModelVariants v = new ModelVariants();
    v.generate();
    return v.keysVaried;
  }

  // ---- a YAML tree that keeps scalars as written ------------------------------------------

  private sealed interface Y permits YMap, YList, YRaw {}

  private record YRaw(String text) implements Y {}

  private record YList(List<Y> items) implements Y {}

  private record YMap(LinkedHashMap<String, Y> entries) implements Y {
    YMap copy() {
      LinkedHashMap<String, Y> m = new LinkedHashMap<>();
      entries.forEach((k, v) -> m.put(k, deepCopy(v)));
      return new YMap(m);
    }
  }

  private static Y deepCopy(Y y) {
    if (y instanceof YMap m) {
      return m.copy();
    }
    if (y instanceof YList l) {
      return new YList(new ArrayList<>(l.items().stream().map(ModelVariants::deepCopy).toList()));
    }
    return y;
  }

  private static Y tree(String yaml) {
    LoadSettings s = LoadSettings.builder().build();
    Node root = new Composer(s, new ParserImpl(s, new StreamReader(s, yaml))).getSingleNode().orElseThrow();
    return tree(root);
  }

  private static Y tree(Node node) {
    if (node instanceof MappingNode map) {
      LinkedHashMap<String, Y> m = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        m.put(((ScalarNode) t.getKeyNode()).getValue(), tree(t.getValueNode()));
      }
      return new YMap(m);
    }
    if (node instanceof SequenceNode seq) {
      return new YList(new ArrayList<>(seq.getValue().stream().map(ModelVariants::tree).toList()));
    }
    ScalarNode s = (ScalarNode) node;
    return new YRaw(s.isPlain() ? s.getValue() : quote(s.getValue()));
  }

  static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static String emit(Y root) {
    StringBuilder b = new StringBuilder();
    emitMap((YMap) root, "", b);
    return b.toString();
  }

  private static void emitMap(YMap map, String indent, StringBuilder b) {
    for (Map.Entry<String, Y> e : map.entries().entrySet()) {
      b.append(indent).append(e.getKey()).append(':');
      Y v = e.getValue();
      if (v instanceof YMap m && !m.entries().isEmpty()) {
        b.append('\n');
        emitMap(m, indent + "  ", b);
      } else if (v instanceof YMap) {
        b.append(" {}\n");
      } else if (v instanceof YList l && !l.items().isEmpty()) {
        b.append('\n');
        for (Y item : l.items()) {
          if (item instanceof YRaw r) {
            b.append(indent).append("  - ").append(r.text()).append('\n');
          } else if (item instanceof YMap m && !m.entries().isEmpty()) {
            b.append(indent).append("  -\n");
            emitMap(m, indent + "    ", b);
          } else {
            b.append(indent).append("  - ").append(item instanceof YMap ? "{}" : "[]").append('\n');
          }
        }
      } else if (v instanceof YList) {
        b.append(" []\n");
      } else {
        b.append(' ').append(((YRaw) v).text()).append('\n');
      }
    }
  }

  // ---- walking the base model along the grammar ---------------------------------------------

  private void generate() {
    Y base = tree(BASE);
    add("base", base);
    walkShape((YMap) base, ModelGrammar.FILE, List.of(), base);
    ruleVariants(base);
  }

  private void add(String label, Y root) {
    String path = label.split(" ")[0];
    out.add(new Variant(label, emit(root), REFERENCED.contains(path)));
  }

  /** A copy of {@code root} with the value at {@code path} replaced (or removed when null). */
  private static Y with(Y root, List<String> path, Y value) {
    Y copy = deepCopy(root);
    YMap parent = (YMap) at(copy, path.subList(0, path.size() - 1));
    String key = path.get(path.size() - 1);
    if (value == null) {
      parent.entries().remove(key);
    } else {
      parent.entries().put(key, value);
    }
    return copy;
  }

  private static Y at(Y root, List<String> path) {
    Y y = root;
    for (String p : path) {
      y = ((YMap) y).entries().get(p);
    }
    return y;
  }

  private static List<String> plus(List<String> path, String key) {
    List<String> p = new ArrayList<>(path);
    p.add(key);
    return p;
  }

  private void walkShape(YMap node, Shape shape, List<String> path, Y root) {
    // an unknown key, and a misspelt one
    add(String.join("/", path) + " + unknown key", with(root, plus(path, "colour"), new YRaw("red")));
    String first = node.entries().keySet().iterator().next();
    add(String.join("/", path) + " + misspelt key", with(root, plus(path, first + "s"), node.entries().get(first)));
    for (Map.Entry<String, Y> e : node.entries().entrySet()) {
      ModelGrammar.Key key = shape.key(e.getKey());
      keysVaried.add(shape.id() + "/" + key.name());
      List<String> p = plus(path, e.getKey());
      add(String.join("/", p) + " removed", with(root, p, null));
      value(key.value(), e.getValue(), p, root);
    }
  }

  private void value(Value value, Y node, List<String> path, Y root) {
    String where = String.join("/", path);
    if (SQL_OR_REFERENCE.contains(where)) {
      for (String raw : value instanceof SqlText ? List.of("~", "[]", "{a: b}") : List.of("~", "7", "true", "[]", "{a: b}")) {
        add(where + " = " + raw, with(root, path, new YRaw(raw)));
      }
      return;
    }
    if (value instanceof Mapping m) {
      for (String raw : m.nullable() ? List.of("~", "[]", "x") : List.of("~", "[]", "x", "{}")) {
        add(where + " = " + raw, with(root, path, new YRaw(raw)));
      }
      walkShape((YMap) node, m.shape(), path, root);
      return;
    }
    if (value instanceof MapOf m) {
      for (String raw : List.of("~", "{}", "[]", "x")) {
        add(where + " = " + raw, with(root, path, new YRaw(raw)));
      }
      mapOf(m, (YMap) node, path, root);
      return;
    }
    if (value instanceof Either e) {
      for (Value alternative : e.alternatives()) {
        boolean fits = node instanceof YMap ? alternative instanceof Mapping
            : node instanceof YList ? alternative instanceof ListOf
            : !(alternative instanceof Mapping || alternative instanceof ListOf);
        if (fits) {
          value(alternative, node, path, root);
          return;
        }
      }
      return;
    }
    if (value instanceof ListOf l) {
      List<String> whole = new ArrayList<>(List.of("~", "[]", "x", "{}"));
      YList list = (YList) node;
      if (!list.items().isEmpty() && list.items().get(0) instanceof YRaw r) {
        whole.add("[" + r.text() + ", " + r.text() + "]");
      }
      for (String raw : whole) {
        add(where + " = " + raw, with(root, path, new YRaw(raw)));
      }
      if (!list.items().isEmpty() && list.items().get(0) instanceof YRaw r) {
        for (String candidate : scalars(l.item(), r.text(), where)) {
          List<Y> items = new ArrayList<>(list.items());
          items.set(0, new YRaw(candidate));
          add(where + "[0] = " + candidate, with(root, path, new YList(items)));
        }
      }
      return;
    }
    if (!(node instanceof YRaw raw)) {
      return;
    }
    for (String candidate : scalars(value, raw.text(), where)) {
      add(where + " = " + candidate, with(root, path, new YRaw(candidate)));
    }
  }

  /** Named elements: each one walked, and one added under names of every kind. */
  private void mapOf(MapOf m, YMap node, List<String> path, Y root) {
    Y template = template(m, node, path);
    if (template != null) {
      for (String name : names(m.names(), path)) {
        List<String> p = plus(path, name);
        if (!node.entries().containsKey(name)) {
          add(String.join("/", p) + " added", with(root, p, template));
        }
      }
    }
    for (Map.Entry<String, Y> e : node.entries().entrySet()) {
      value(m.element(), e.getValue(), plus(path, e.getKey()), root);
    }
  }

  /** A body for a new element of {@code m} that is clean next to the base model. */
  private static Y template(MapOf m, YMap node, List<String> path) {
    String where = String.join("/", path);
    if (where.equals("tables")) {
      return tree("columns:\n  id: { type: bigint, primaryKey: true }\n");
    }
    if (where.endsWith("/columns")) {
      return new YRaw("text");
    }
    if (where.endsWith("/indexes") && path.get(0).equals("tables")) {
      return tree("columns: [id]\nreason: Lookups.\nkeep: By hand.\n");
    }
    if (where.endsWith("/checks")) {
      return tree("expression: id is not null\n");
    }
    if (where.equals("queries")) {
      return tree("table: orders\nwhere: { id: \"=\" }\n");
    }
    if (where.startsWith("retired/")) {
      return tree("reason: Gone.\n");
    }
    if (where.endsWith("/where")) {
      return new YRaw("\"=\"");
    }
    return null;
  }

  private static List<String> names(Value value, List<String> path) {
    if (!(value instanceof Identifier names)) {
      return value == null
          ? List.of("zz_gone", "\"Zz Gone\"", "\"zz.gone\"", "zz-gone", "\"\"", "123", "true")
          : List.of("orders.zz_gone", "\"Orders.ZZ Gone\"", "orders", "orders.zz.gone", ".zz", "zz.", "\"\"", "1.5", "\"a.b.\"");
    }
    return switch (names.kind()) {
      case DEFINED -> List.of("zz_new", "_zz", "zz9", "Zz", "zz-new", "9zz", "\"zz new\"", "order", "user", "\"select\"",
          "z".repeat(63), "z".repeat(64), "\"\u00ffzz\"", "true", "null", "~", "2_000", "\"\"");
      case QUERY -> List.of("zzNew", "zz9", "ZzNew", "zz_new", "zz-new", "class", "hashCode", "toString", "true", "null", "int",
          "\"zz new\"", "x", "\"\"");
      case REFERENCE, QUALIFIED -> List.of("Zz", "zz-new", "9zz", "\"\"");
    };
  }

  /** The scalar spellings a value of this kind is tried with, valid and invalid. */
  private static List<String> scalars(Value value, String original, String where) {
    List<String> out = new ArrayList<>();
    out.add(original);
    out.addAll(List.of("~", "[]", "{a: b}"));
    if (value instanceof Text t) {
      out.addAll(List.of("plain text", "\"quoted\"", "''", "123", "1.5", "true", "yes", "no", "on", "off", "y", "\"~\"", "Null",
          "2_000", "0x1F", "1e3", ".inf", "\"123\"", "'two words: with a colon'"));
      if (t.maxLength() < Integer.MAX_VALUE) {
        out.add("a".repeat(t.maxLength()));
        out.add("a".repeat(t.maxLength() + 1));
      }
    } else if (value instanceof SqlText) {
      out.addAll(List.of("~"));
    } else if (value instanceof Flag) {
      out.addAll(List.of("true", "false", "True", "FALSE", "tRUE", "yes", "no", "on", "off", "y", "n", "\"true\"", "1", "0", "Null"));
    } else if (value instanceof WholeNumber n) {
      out.addAll(List.of(Long.toString(n.min()), Long.toString(n.max()), Long.toString(n.min() - 1),
          new java.math.BigInteger(Long.toString(n.max())).add(java.math.BigInteger.ONE).toString(),
          "2000", "2_000", "2e3", "2.0e3", "1e6", "10.0", "10.5", "0x10", "0o17", "+5", "-0", ".inf", "-.inf", ".nan", "\"100\"",
          "'7'", "1,000", "99999999999999999999", "1e300", "1.", ".5e2", "true", "0b101", "017"));
    } else if (value instanceof Choice c) {
      for (String v : c.values()) {
        out.add(v.contains(" ") ? "\"" + v + "\"" : v);
        out.add(v.toUpperCase(java.util.Locale.ROOT).contains(" ") ? "\"" + v.toUpperCase(java.util.Locale.ROOT) + "\""
            : v.toUpperCase(java.util.Locale.ROOT));
        out.add(quote(" " + v + " "));
        out.add(quote(v.replace(" ", "  ")));
      }
      out.addAll(List.of("unknown", "\"" + c.values().get(0) + "x\"", "5", "true", "\"\""));
    } else if (value instanceof Identifier id) {
      out.addAll(List.of("Zz", "zz-new", "9zz", "\"\"", "5", "true", "\"" + original + " \""));
      if (id.kind() == NameKind.QUALIFIED) {
        out.addAll(List.of("customers", "customers.id.x", ".id", "customers.", "Customers.id", "customers.ID", "\"customers. id\""));
      }
    } else if (value instanceof Matching m) {
      out.addAll(matching(m, original));
    } else if (value instanceof TypeName t) {
      if (!FREE_TYPES.contains(where)) {
        return List.of(original, "~", "[]", "5", "true");
      }
      for (String name : t.names()) {
        out.add(name);
        out.add(name.toUpperCase(java.util.Locale.ROOT));
        out.add(quote(" " + name + " "));
      }
      out.addAll(List.of("varchar(64)", "VARCHAR ( 64 )", "\"varchar(0)\"", "varchar(10485760)", "varchar(10485761)", "varchar(007)",
          "char(1)", "\"numeric(12,2)\"", "\"numeric(5,10)\"", "numeric(1000)", "numeric(1001)", "\"numeric(12, 1001)\"",
          "\"numeric(12,1000)\"", "numeric()", "int(5)", "\"enum(a,b)\"", "strng", "text[]", "timestamp(3)", "\"varchar(64\"",
          "varchar(99999999999999)", "\"numeric (12 , 2)\"", "\"varchar(6\u00b9)\"", "\"t\u0435xt\"", "\"\""));
    } else if (value instanceof Duration) {
      out.addAll(List.of("5s", "500ms", "2min", "1h", "0", "\"0\"", "0.0", "-0", "0x0", "\"5 s\"", "5S", "5sec", "2147483647ms",
          "2147483648ms", "2147483s", "2147484s", "35791min", "35792min", "596h", "597h", "005s", "00000000000005s", "5",
          "\" 5s \"", "-5s", "\"5\\ts\"", "1.5s", "00", "\"0 \"", "1"));
    }
    return new ArrayList<>(new LinkedHashSet<>(out));
  }

  private static List<String> matching(Matching m, String original) {
    if (m == ModelGrammar.MODEL_NAME) {
      return List.of("\"My Shop 2\"", "\"\"", "\" \"", "\"a\\tb\"", "\"a\\u0085b\"", "a".repeat(200), "a".repeat(201),
          "\"line\\nbreak\"", "\"x\\u2028\"", "\"\\u3000\"", "123", "yes", "\" shop \"");
    }
    if (m == ModelGrammar.ORDERED) {
      String column = original.split(" ")[0];
      return List.of(column, column + " desc", column + " DESC", column + " Asc", quote(column + "  desc"), quote(column + "\tdesc"),
          column + " descending", quote(" " + column + " desc "), column + " desc desc", quote(column + "\u00a0desc"), "5", "true");
    }
    if (m == ModelGrammar.CONDITION) {
      return List.of("\"=\"", "\"<\"", "\"<=\"", "\">=\"", "\"!=\"", "\"<>\"", "\" = \"", "\"in\"", "\"IN\"", "\"is null\"",
          "\"IS NOT NULL\"", "\"is  null\"", "\"is null x\"", "\"inx\"", "\"~ 1\"", "\"\"", "\"   \"", "\"like\"", "5", "true",
          "\"in\\t\"", "\"Is Null\"", "\"isnull\"", "\"= \"", "\"\\t=\"");
    }
    if (m == ModelGrammar.DOTTED) {
      return List.of("orders.zz_gone");
    }
    return List.of();
  }

  // ---- rules between keys, on the base model ------------------------------------------------

  private void ruleVariants(Y root) {
    List<String> free = List.of("tables", "orders", "columns", "free");
    List<String> grade = List.of("tables", "orders", "columns", "grade");
    rule("enum without values", root, free, "{ type: enum, nullable: true }");
    rule("ENUM with values", root, free, "{ type: ENUM, values: [a, b], nullable: true }");
    rule("' enum ' with values", root, free, "{ type: \" enum \", values: [a], nullable: true }");
    rule("values on text", root, free, "{ type: text, values: [a], nullable: true }");
    rule("values on varchar", root, free, "{ type: varchar(5), values: [a], nullable: true }");
    rule("empty values on text", root, free, "{ type: text, values: [], nullable: true }");
    rule("enum shorthand", root, free, "enum");
    rule("ENUM shorthand", root, free, "ENUM");
    rule("text shorthand", root, free, "TEXT");
    rule("onDelete without references", root, free, "{ type: bigint, nullable: true, onDelete: cascade }");
    rule("onDelete with references", root, free, "{ type: bigint, nullable: true, references: customers.id, onDelete: \"SET NULL\" }");
    rule("primary key nullable", root, List.of("tables", "customers", "columns", "id"), "{ type: bigint, primaryKey: true, nullable: true }");
    rule("primary key not nullable", root, List.of("tables", "customers", "columns", "id"), "{ type: bigint, primaryKey: true, nullable: false }");
    rule("nullable, not a key", root, free, "{ type: text, primaryKey: false, nullable: true }");
    rule("table key and column key", root, List.of("tables", "customers", "primaryKey"), "[id]");
    rule("table key and column key false", root, List.of("tables", "memberships", "columns", "code"), "{ type: varchar(20), primaryKey: false }");
    rule("table key and column key true", root, List.of("tables", "memberships", "columns", "code"), "{ type: varchar(20), primaryKey: true }");
    rule("values [1, 2]", root, plus(grade, "values"), "[1, 2]");
    rule("values quoted numbers", root, plus(grade, "values"), "[\"1\", \"2\"]");
    rule("values yes/no", root, plus(grade, "values"), "[yes, no]");
    rule("values duplicate", root, plus(grade, "values"), "[low, low]");
    rule("values empty", root, plus(grade, "values"), "[]");
    rule("values empty text", root, plus(grade, "values"), "[\"\"]");
    rule("values 63 characters", root, plus(grade, "values"), "[" + "v".repeat(63) + "]");
    rule("values 64 characters", root, plus(grade, "values"), "[" + "v".repeat(64) + "]");
    List<String> select = List.of("queries", "ordersOfCustomer");
    for (String kind : List.of("count", "exists", "insert", "update", "delete", "select", "UPDATE")) {
      rule("update query as " + kind, root, List.of("queries", "markPaid", "kind"), kind);
      rule("insert query as " + kind, root, List.of("queries", "addMembership", "kind"), kind);
      rule("select query as " + kind, root, plus(select, "kind"), kind);
    }
    rule("update with empty set", root, List.of("queries", "markPaid", "set"), "[]");
    rule("select with empty orderBy", root, plus(select, "orderBy"), "[]");
    rule("select with empty where", root, plus(select, "where"), "{}");
    rule("select with empty condition list", root, List.of("queries", "ordersOfCustomer", "where", "placed_at"), "[]");
    rule("select with two conditions", root, List.of("queries", "ordersOfCustomer", "where", "placed_at"), "[\">=\", \"<\"]");
    rule("insert with where", root, List.of("queries", "addMembership", "where"), "{ code: \"=\" }");
    rule("insert with empty where", root, List.of("queries", "addMembership", "where"), "{}");
    rule("insert with returns", root, List.of("queries", "addMembership", "returns"), "[code]");
    rule("insert with empty returns", root, List.of("queries", "addMembership", "returns"), "[]");
    rule("update with returns", root, List.of("queries", "markPaid", "returns"), "[status]");
    rule("update with empty returns", root, List.of("queries", "markPaid", "returns"), "[]");
    rule("update with limit", root, List.of("queries", "markPaid", "limit"), "5");
    rule("select with set", root, plus(select, "set"), "[total]");
    rule("select with empty set", root, plus(select, "set"), "[]");
    rule("duplicate key", root, null, null);
  }

  private void rule(String label, Y root, List<String> path, String raw) {
    if (path == null) {
      out.add(new Variant("rule: " + label, BASE + "model: again\n", false));
      return;
    }
    Y value = raw.startsWith("{") ? tree("v: " + raw) : new YRaw(raw);
    if (value instanceof YMap m && m.entries().containsKey("v")) {
      value = m.entries().get("v");
    }
    add("rule: " + label, with(root, path, value));
  }
}
