package dev.modelc.parse;

import dev.modelc.diag.Diagnostic;
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
 * under names of every kind, the items of lists varied as their values, and an unknown key in
 * every mapping. What each candidate may be comes from the key's definition in the grammar, so
 * a key added there is varied here without more work; only the base model has to use it.
 *
 * <p>Some values are varied by YAML type only ({@link #SQL_OR_REFERENCE}): SQL text and names
 * that must point at an existing element are checked by {@code check} against the rest of the
 * model, which no schema of one file can know. Candidates that keep a value well-formed but
 * name another element (a column that may not exist, an operator the column's type may not
 * take) are {@link Leniency#CROSS_REFERENCE}.
 */
public final class ModelVariants {
  /** What of a variant only check can judge, because it needs more than the one file's shape. */
  public enum Leniency {
    /** Nothing: the schema and check must agree. */
    NONE,
    /**
     * The change removes or alters an element other elements point at (a key's target, a pinned
     * index), names another element, or must be in one of a model's files: check may reject it
     * for that (MC3xx, MC5xx, a Java name two elements share: MC405) where the schema accepts.
     */
    CROSS_REFERENCE,
    /**
     * A name of letters beyond ASCII, over PostgreSQL's 63 bytes but not 63 characters: a schema
     * counts characters, so only check rejects it (MC402). The one known gap, documented in the
     * schema's description.
     */
    NAME_BYTES
  }

  /** One model file, and what of it only check can judge. */
  public record Variant(String label, String yaml, Leniency leniency) {
    /**
     * Whether check's errors on this variant are ones only check can find while the schema,
     * which sees one file's shape, rightly accepts it: such a variant is not a disagreement.
     */
    public boolean checkOnly(List<Diagnostic> errors, boolean schemaAccepts) {
      if (!schemaAccepts || errors.isEmpty()) {
        return false;
      }
      return switch (leniency) {
        case NONE -> false;
        case CROSS_REFERENCE -> errors.stream().allMatch(d -> d.code().matches("MC3\\d\\d|MC5\\d\\d|MC405")
            || d.message().contains("needs a name"));
        case NAME_BYTES -> errors.stream().allMatch(d -> d.code().equals("MC402"));
      };
    }
  }

  /** A candidate value, and what of it only check can judge. */
  private record Candidate(String raw, Leniency leniency) {
    static List<Candidate> judged(List<String> raws) {
      return raws.stream().map(r -> new Candidate(r, Leniency.NONE)).toList();
    }

    /** Values that may name another element (see {@link Leniency#CROSS_REFERENCE}). */
    static List<Candidate> naming(List<String> raws) {
      return raws.stream().map(r -> new Candidate(r, Leniency.CROSS_REFERENCE)).toList();
    }
  }

  /**
   * Elements other parts of the base model point at, or that a model needs in one of its files;
   * a path ending in '/' stands for everything under it.
   */
  static final Set<String> REFERENCED = Set.of(
      "model", // a model's name may be in any of its files
      "extensions", "extensions/", // citext columns and trigram operator classes need theirs listed
      "tables", // the queries, tombstones and unmanaged objects name its tables
      "tables/customers/columns/id/primaryKey", // orders.customer_id references it: it must stay a key
      "tables/orders/columns/id/primaryKey", // orderById pins orders_pkey
      "tables/orders/indexes", // the retired index is replaced by orders_open
      "queries/orderById/where", // orderById pins orders_pkey, which must serve it
      // without its operator class, gist holds no text column
      "tables/events/indexes/events_note_trgm/columns/[0]/opclass");

  /** The base model: clean, every key used, every query served. */
  static final String BASE = """
      model: shop
      database: postgresql
      description: A shop.
      extensions: [citext, pg_trgm]
      policy:
        approvals:
          criticalTraffic: true
          tableRewrites: true
          indexBuildRowsOver: 10000000
        lockTimeout: 5s
        statementTimeout: 30min
        lockRetries: 5
        usage:
          window: 30d
          ignorePrimaryKeys: true
          ignoreUnique: true
          ignoreSmallerThan: 1MB
          unusedAtMostScans: 0
      tables:
        customers:
          description: People who buy.
          owner: team-shop
          rows: 1000
          columns:
            id: { type: bigint, primaryKey: true }
            email: { type: varchar(200), unique: true, description: Login name. }
            tier: { type: enum, values: [basic, gold], default: basic }
            number: { type: bigint, identity: byDefault, sequence: customers_number_seq }
            name: { type: citext, collation: "C", nullable: true }
          renamedFrom: clients
        orders:
          description: Orders.
          owner: team-shop
          rows: 50000
          columns:
            id: { type: uuid, primaryKey: true }
            customer_id: { type: bigint, references: customers.id, onDelete: cascade, onUpdate: cascade }
            status: { type: enum, values: [open, paid], default: open }
            total: { type: "numeric(12,2)", nullable: true }
            note: text
            free: { type: text, nullable: true, description: Free text., renamedFrom: remark }
            grade: { type: enum, values: [low, high], nullable: true }
            placed_at: { type: timestamptz, default: now() }
            quantity: { type: int, default: 1 }
            price: { type: bigint, default: 0 }
            amount: { type: bigint, generated: price * quantity }
            code: { type: text, nullable: true }
          uniques:
            - name: orders_code_key
              columns: [code]
              nullsNotDistinct: true
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
          foreignKeys:
            - name: memberships_customer_fk
              columns: [customer_id]
              references: { table: customers, columns: [id] }
              onDelete: cascade
              onUpdate: restrict
              match: full
              deferrable: true
              initiallyDeferred: true
        events:
          primaryKey: { name: events_pk, columns: [id] }
          columns:
            id: { type: bigint, identity: always }
            legacy_id: bigserial
            happened_at: timestamptz(3)
            tags: text[]
            note: { type: text, nullable: true }
          indexes:
            events_happened:
              method: brin
              columns: [happened_at]
              with: { pages_per_range: 32, autosummarize: true }
              reason: Time ranges of an append-only table.
            events_tags:
              method: gin
              columns: [tags]
              with: { fastupdate: false, gin_pending_list_limit: 4096 }
              reason: Events by tag.
            events_note_trgm:
              method: gist
              columns: [{ column: note, opclass: gist_trgm_ops }]
              with: { fillfactor: 90, buffering: auto }
              reason: Search by a fragment of the note.
            events_happened_hash:
              method: hash
              columns: [happened_at]
              with: { fillfactor: 80 }
              reason: Events of an instant.
            events_note_spgist:
              method: spgist
              columns: [note]
              with: { fillfactor: 70 }
              reason: Notes by prefix.
            events_lower_note:
              columns: [{ expression: lower(note), order: desc, nulls: last }, happened_at desc nulls first]
              unique: true
              nullsNotDistinct: true
              with: { fillfactor: 90, deduplicate_items: false }
              reason: One event per note and instant.
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
        eventsByNote:
          table: events
          where: { "lower(note)": "=" }
        eventsWithTags:
          table: events
          where: { tags: "@>" }
        eventsLike:
          table: events
          where: { note: ilike }
      retired:
        tables:
          legacy: { reason: Gone., droppedDespiteUse: The archive job reads a copy. }
        columns:
          orders.old_code: { reason: Unused. }
        indexes:
          orders.orders_old: { reason: Superseded., replacedBy: orders_open, droppedDespiteUse: Its readers moved. }
      unmanaged:
        views:
          active_customers: { reason: Reporting view., dependsOn: [customers.id, customers.email] }
        materializedViews:
          daily_totals: { reason: Refreshed nightly., dependsOn: [orders.total] }
        functions:
          set_updated_at: { reason: Trigger function. }
        triggers:
          orders.audit_orders: { reason: Audit log., dependsOn: [orders.status] }
        policies:
          orders.tenant_isolation: { reason: Row-level security., dependsOn: [orders] }
        partitions:
          events_2024: { reason: Monthly partition., dependsOn: [events] }
        sequences:
          invoice_numbers: { reason: Shared by two services. }
        types:
          address: { reason: Composite type of a function. }
        other:
          log_ddl: { kind: event trigger, reason: Records schema changes., dependsOn: [orders] }
      """;

  /**
   * Keys whose values are SQL, or names of other elements, or that other parts of the base
   * model depend on: varied by YAML type only (a number, a flag, nothing, a list), which a
   * schema does judge. The path is the keys from the top, joined by '/'; a list item is [i].
   */
  static final Set<String> SQL_OR_REFERENCE = Set.of(
      "tables/customers/columns/tier/default", "tables/orders/columns/status/default",
      "tables/orders/columns/placed_at/default", "tables/orders/indexes/orders_open/where",
      "tables/orders/columns/quantity/default", "tables/orders/columns/price/default",
      "tables/orders/columns/amount/generated", "tables/events/indexes/events_lower_note/columns/[0]/expression",
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

  private void add(String label, Y root, Leniency leniency) {
    String path = label.split(" ")[0];
    boolean referenced = REFERENCED.stream().anyMatch(r -> r.endsWith("/") ? path.startsWith(r) : path.equals(r));
    out.add(new Variant(label, emit(root), referenced && leniency == Leniency.NONE ? Leniency.CROSS_REFERENCE : leniency));
  }

  private void add(String label, Y root) {
    add(label, root, Leniency.NONE);
  }

  /** A list item in a path: {@code [0]}. */
  private static boolean item(String segment) {
    return segment.startsWith("[") && segment.endsWith("]");
  }

  /** A copy of {@code root} with the value at {@code path} replaced (or removed when null). */
  private static Y with(Y root, List<String> path, Y value) {
    Y copy = deepCopy(root);
    Y parent = at(copy, path.subList(0, path.size() - 1));
    String key = path.get(path.size() - 1);
    if (item(key)) {
      List<Y> items = ((YList) parent).items();
      int i = Integer.parseInt(key.substring(1, key.length() - 1));
      if (value == null) {
        items.remove(i);
      } else {
        items.set(i, value);
      }
    } else if (value == null) {
      ((YMap) parent).entries().remove(key);
    } else {
      ((YMap) parent).entries().put(key, value);
    }
    return copy;
  }

  private static Y at(Y root, List<String> path) {
    Y y = root;
    for (String p : path) {
      y = item(p) ? ((YList) y).items().get(Integer.parseInt(p.substring(1, p.length() - 1))) : ((YMap) y).entries().get(p);
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
        // where text is the other form (an index key), "x" names a column that may not exist
        add(where + " = " + raw, with(root, path, new YRaw(raw)), raw.equals("x") ? Leniency.CROSS_REFERENCE : Leniency.NONE);
      }
      walkShape((YMap) node, m.shape(), path, root);
      return;
    }
    if (value instanceof MapOf m) {
      for (String raw : List.of("~", "{}", "[]", "x")) {
        add(where + " = " + raw, with(root, path, new YRaw(raw)));
      }
      if (m.names() == ModelGrammar.STORAGE_NAME) {
        // storage parameters: the parser reads any, check holds them to their method's (MC319), as the schema does
        Y method = ((YMap) at(root, path.subList(0, path.size() - 1))).entries().get("method");
        Shape storage = ModelGrammar.STORAGE.get(method == null ? "btree" : ((YRaw) method).text());
        ((YMap) node).entries().keySet().forEach(k -> keysVaried.add(storage.id() + "/" + storage.key(k).name()));
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
      // the first item of each form (text, mapping), varied as a value of the list's items
      Set<Class<?>> forms = new LinkedHashSet<>();
      for (int i = 0; i < list.items().size(); i++) {
        if (forms.add(list.items().get(i).getClass())) {
          value(l.item(), list.items().get(i), plus(path, "[" + i + "]"), root);
        }
      }
      return;
    }
    if (!(node instanceof YRaw raw)) {
      return;
    }
    for (Candidate candidate : scalars(value, raw.text(), where)) {
      add(where + " = " + candidate.raw(), with(root, path, new YRaw(candidate.raw())), candidate.leniency());
    }
  }

  /** Named elements: each one walked, and one added under names of every kind. */
  private void mapOf(MapOf m, YMap node, List<String> path, Y root) {
    Y template = template(m, node, path);
    if (template != null) {
      for (String name : names(m.names(), path)) {
        List<String> p = plus(path, name);
        if (!node.entries().containsKey(name)) {
          // another element may have the name, or one that becomes the same Java name: check only (MC306, MC405)
          add(String.join("/", p) + " added", with(root, p, template),
              name.contains(TWO_BYTE_NAME) ? Leniency.NAME_BYTES : Leniency.CROSS_REFERENCE);
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
    if (where.endsWith("/columns") && path.get(0).equals("tables")) {
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
    if (where.equals("unmanaged/other")) {
      return tree("kind: rule\nreason: Kept.\n");
    }
    if (where.startsWith("unmanaged/")) {
      return tree("reason: Kept.\n");
    }
    if (where.endsWith("/where")) {
      return new YRaw("\"=\"");
    }
    return null;
  }

  /** 32 letters of two bytes each: 32 characters, 64 bytes. */
  static final String TWO_BYTE_NAME = "\u00e9".repeat(32);

  private static List<String> names(Value value, List<String> path) {
    if (value == ModelGrammar.IN_TABLE) {
      return List.of("orders.zz_gone", "\"Orders.ZZ Gone\"", "orders", "orders.zz.gone", ".zz", "zz.", "\"\"", "1.5", "\"a.b.\"",
          "orders." + "z".repeat(63), "orders." + "z".repeat(64), "\"orders.\\tx\"", "\"orders. \"");
    }
    if (value == ModelGrammar.WHERE_KEY) {
      return List.of("zz_gone", "\"lower(code)\"", "\"\"", "\" \"");
    }
    if (!(value instanceof Identifier names)) {
      return value == null
          ? List.of("zz_gone", "\"Zz Gone\"", "\"zz.gone\"", "zz-gone", "\"\"", "123", "true")
          : List.of("orders.zz_gone", "\"Orders.ZZ Gone\"", "orders", "orders.zz.gone", ".zz", "zz.", "\"\"", "1.5", "\"a.b.\"");
    }
    return switch (names.kind()) {
      case DEFINED -> List.of("zz_new", "_zz", "zz9", "Zz", "zz-new", "9zz", "\"zz new\"", "user", "\"select\"",
          "z".repeat(63), "z".repeat(64), "\"\u00ffzz\"", "true", "2_000", "\"\"", "\" \"", "\"\\tzz\"", "\"zz\\u0085\"",
          "\"\u3000\"", "\"\u00a0\"", "\"" + TWO_BYTE_NAME + "\"", "\"" + "\u00e9".repeat(31) + "\"", "\"\\u0001\"");
      case QUERY -> List.of("zzNew", "zz9", "ZzNew", "zz_new", "zz-new", "class", "hashCode", "toString", "true", "int",
          "\"zz new\"", "x", "\"\"");
      case REFERENCE, QUALIFIED -> List.of("Zz", "zz-new", "9zz", "\"\"");
    };
  }

  /** The scalar spellings a value of this kind is tried with, valid and invalid. */
  private static List<Candidate> scalars(Value value, String original, String where) {
    List<Candidate> out = new ArrayList<>();
    out.addAll(Candidate.judged(List.of(original, "~", "[]", "{a: b}")));
    if (value instanceof Text t) {
      out.addAll(Candidate.judged(List.of("plain text", "\"quoted\"", "''", "123", "1.5", "true", "yes", "no", "on", "off", "y",
          "\"~\"", "Null", "2_000", "0x1F", "1e3", ".inf", "\"123\"", "'two words: with a colon'")));
      if (t.maxLength() < Integer.MAX_VALUE) {
        out.addAll(Candidate.judged(List.of("a".repeat(t.maxLength()), "a".repeat(t.maxLength() + 1))));
      }
    } else if (value instanceof SqlText q && q.form() == ModelGrammar.STORAGE_VALUE) {
      out.addAll(Candidate.judged(List.of("true", "FALSE", "\"on\"", "off", "\"yes\"", "1", "0", "2", "1.0", "0x1", "10",
          "100", "101", "9", "\"070\"", "070", "1e2", "90.0", "90.5", "-90", "\"0100\"", "64", "63", "2097151", "2097152",
          "131072", "131073", "\"0000000001\"", "\"00000000001\"", "auto", "AUTO", "\"o n\"", "\"\"")));
    } else if (value instanceof SqlText) {
      out.addAll(Candidate.judged(List.of("~")));
    } else if (value instanceof Flag) {
      out.addAll(Candidate.judged(List.of("true", "false", "True", "FALSE", "tRUE", "yes", "no", "on", "off", "y", "n", "\"true\"",
          "1", "0", "Null")));
    } else if (value instanceof WholeNumber n) {
      out.addAll(Candidate.judged(List.of(Long.toString(n.min()), Long.toString(n.max()), Long.toString(n.min() - 1),
          new java.math.BigInteger(Long.toString(n.max())).add(java.math.BigInteger.ONE).toString(),
          "2000", "2_000", "2e3", "2.0e3", "1e6", "10.0", "10.5", "0x10", "0o17", "+5", "-0", ".inf", "-.inf", ".nan", "\"100\"",
          "'7'", "1,000", "99999999999999999999", "1e300", "1.", ".5e2", "true", "0b101", "017")));
    } else if (value instanceof Choice c) {
      for (String v : c.values()) {
        String upper = v.toUpperCase(java.util.Locale.ROOT);
        List<String> spellings = List.of(v.contains(" ") ? "\"" + v + "\"" : v, upper.contains(" ") ? "\"" + upper + "\"" : upper,
            quote(" " + v + " "), quote(v.replace(" ", "  ")));
        // an index method decides which column types the index holds without an operator class (MC319)
        out.addAll(c == ModelGrammar.METHOD ? Candidate.naming(spellings) : Candidate.judged(spellings));
      }
      out.addAll(Candidate.judged(List.of("unknown", "\"" + c.values().get(0) + "x\"", "5", "true", "\"\"")));
    } else if (value instanceof Identifier id) {
      out.addAll(Candidate.judged(List.of("\"\"", "5", "true", "\"\\tzz\"", "\" \"", "z".repeat(64))));
      List<String> names = List.of("Zz", "zz-new", "9zz", "\"" + original + " \"");
      if (id.kind() == NameKind.DEFINED) {
        out.addAll(Candidate.judged(names));
        out.add(new Candidate("\"" + TWO_BYTE_NAME + "\"", Leniency.NAME_BYTES));
      } else {
        out.addAll(Candidate.naming(names));
      }
      if (id.kind() == NameKind.QUALIFIED) {
        out.addAll(Candidate.judged(List.of("customers", ".id", "customers.", "\"customers.\"")));
        out.addAll(Candidate.naming(List.of("customers.id.x", "Customers.id", "customers.ID", "\"customers. id\"")));
      }
    } else if (value instanceof Matching m) {
      out.addAll(matching(m, original));
    } else if (value instanceof TypeName t) {
      if (!FREE_TYPES.contains(where)) {
        return Candidate.judged(List.of(original, "~", "[]", "5", "true"));
      }
      for (String name : t.names()) {
        out.addAll(Candidate.judged(List.of(name, name.toUpperCase(java.util.Locale.ROOT), quote(" " + name + " "))));
      }
      out.addAll(Candidate.judged(List.of("varchar(64)", "VARCHAR ( 64 )", "\"varchar(0)\"", "varchar(10485760)", "varchar(10485761)",
          "varchar(007)", "char(1)", "\"numeric(12,2)\"", "\"numeric(5,10)\"", "numeric(1000)", "numeric(1001)",
          "\"numeric(12, 1001)\"", "\"numeric(12,1000)\"", "numeric()", "int(5)", "\"enum(a,b)\"", "strng", "text[]",
          "timestamp(3)", "\"varchar(64\"", "varchar(99999999999999)", "\"numeric (12 , 2)\"", "\"varchar(6\u00b9)\"",
          "\"t\u0435xt\"", "\"\"", "int[]", "\"int [ ]\"", "\"varchar(64)[]\"", "\"numeric(12,2)[]\"", "\"timestamptz(3)[]\"",
          "enum[]", "json[]", "jsonb[]", "serial[]", "text[][]", "\"text[\"", "bit(8)", "bit(83886080)", "bit(83886081)", "bit(0)",
          "varbit", "varbit(12)", "time(0)", "time(6)", "time(7)", "TIMESTAMPTZ(006)", "\"timestamp(3,2)\"", "interval(3)",
          "serial(5)", "smallserial", "uuid[]", "citext[]", "inet[]", "tsvector[]")));
    } else if (value instanceof Duration) {
      out.addAll(Candidate.judged(List.of("5s", "500ms", "2min", "1h", "0", "\"0\"", "0.0", "-0", "0x0", "\"5 s\"", "5S", "5sec",
          "2147483647ms", "2147483648ms", "2147483s", "2147484s", "35791min", "35792min", "596h", "597h", "005s", "00000000000005s",
          "5", "\" 5s \"", "-5s", "\"5\\ts\"", "1.5s", "00", "\"0 \"", "1")));
    }
    List<Candidate> unique = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Candidate c : out) {
      if (seen.add(c.raw())) {
        unique.add(c);
      }
    }
    return unique;
  }

  private static List<Candidate> matching(Matching m, String original) {
    if (m == ModelGrammar.MODEL_NAME) {
      return Candidate.judged(List.of("\"My Shop 2\"", "\"\"", "\" \"", "\"a\\tb\"", "\"a\\u0085b\"", "a".repeat(200),
          "a".repeat(201), "\"line\\nbreak\"", "\"x\\u2028\"", "\"\\u3000\"", "123", "yes", "\" shop \""));
    }
    if (m == ModelGrammar.ORDERED || m == ModelGrammar.ORDER_TERM) {
      String column = original.split(" ")[0];
      List<Candidate> out = new ArrayList<>(Candidate.judged(List.of(column, column + " desc", column + " DESC", column + " Asc",
          quote(column + "  desc"), quote(column + "\tdesc"), quote(" " + column + " desc "), column + " nulls first",
          column + " desc nulls last", column + " ASC NULLS LAST", quote(column + " nulls  first"), "\"\"", "\" \"",
          "\"\\u0001\"", "\"\u3000\"", "5", "true")));
      out.addAll(Candidate.naming(List.of(column + " descending", column + " desc desc", quote(column + "\u00a0desc"),
          "zz_gone", "\"lower(" + column + ")\"", "nulls first", quote("\\u0001" + column))));
      return out;
    }
    if (m == ModelGrammar.CONDITION) {
      List<Candidate> out = new ArrayList<>(Candidate.judged(List.of("\"=\"", "\"<\"", "\"<=\"", "\">=\"", "\"!=\"", "\"<>\"",
          "\" = \"", "\"is null\"", "\"IS NOT NULL\"", "\"is  null\"", "\"is null x\"", "\"inx\"", "\"~ 1\"", "\"\"",
          "\"   \"", "5", "true", "\"Is Null\"", "\"isnull\"", "\"= \"", "\"\\t=\"", "\"likex\"", "\"@\"", "\"& &\"")));
      // operators whose fit depends on the column's type (MC316), and which indexes serve them (MC5xx)
      out.addAll(Candidate.naming(List.of("\"in\"", "\"IN\"", "\"in\\t\"", "\"like\"", "\"ILIKE\"", "\"like 'a%'\"",
          "\"@>\"", "\"<@\"", "\"&&\"", "\"@@\"", "\"in (1, 2)\"")));
      return out;
    }
    if (m == ModelGrammar.DOTTED) {
      return Candidate.judged(List.of("orders.zz_gone"));
    }
    if (m == ModelGrammar.EXTENSION) {
      return Candidate.judged(List.of("pg_stat_statements", "uuid-ossp", "Citext", "\"pg trgm\"", "9zz", "z".repeat(63), "z".repeat(64),
          "\"\""));
    }
    if (m == ModelGrammar.OPCLASS) {
      return Candidate.judged(List.of("text_pattern_ops", "public.gist_trgm_ops", "Gist_trgm_ops", "\"gist_trgm_ops \"",
          "a.b.c", "\"\"", "9ops"));
    }
    if (m == ModelGrammar.COLLATION) {
      return Candidate.judged(List.of("\"en-US-x-icu\"", "POSIX", "\"\"", "\"a\\u0000b\"", "\" \""));
    }
    if (m == ModelGrammar.DEPENDENCY) {
      List<Candidate> out = new ArrayList<>(Candidate.judged(List.of("\"\"", ".orders", "orders.", "\".\"")));
      out.addAll(Candidate.naming(List.of("zz_gone", "orders.zz_gone", "orders")));
      return out;
    }
    if (m == ModelGrammar.WINDOW) {
      return Candidate.judged(List.of("1d", "9999d", "0d", "10000d", "0030d", "\"30 d\"", "\" 30d \"", "30D", "30", "\"30\"",
          "30h", "\"\"", "d"));
    }
    if (m == ModelGrammar.SIZE) {
      return Candidate.judged(List.of("0B", "512kB", "8MB", "1GB", "\"1 MB\"", "1mb", "1KB", "1TB", "999999999999B",
          "9999999999999B", "1", "\"\"", "MB", "999999999999MB", "8589934591GB", "8589934592GB", "999999999999GB", "000008589934591GB"));
    }
    if (m == ModelGrammar.SQL) {
      return Candidate.judged(List.of("\"\"", "\"  \"", "\"\\t\""));
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
    v2Rules(root);
    rule("duplicate key", root, null, null);
  }

  /** The rules between the keys of the second version of the language. */
  private void v2Rules(Y root) {
    List<String> free = List.of("tables", "orders", "columns", "free");
    rule("identity on text", root, free, "{ type: text, identity: always }");
    rule("identity on int[]", root, free, "{ type: \"int[]\", identity: always }");
    rule("identity on INT", root, free, "{ type: \" INT \", identity: byDefault }");
    rule("identity on serial", root, free, "{ type: serial, identity: always }");
    rule("identity and generated", root, free, "{ type: bigint, identity: always, generated: quantity + 1 }");
    rule("identity and default", root, free, "{ type: bigint, identity: always, default: 1 }");
    rule("identity, nullable", root, free, "{ type: bigint, identity: always, nullable: true }");
    rule("identity, not nullable", root, free, "{ type: bigint, identity: always, nullable: false }");
    rule("identity with sequence", root, free, "{ type: smallint, identity: always, sequence: orders_free_seq }");
    rule("serial with sequence", root, free, "{ type: bigserial, sequence: orders_free_seq }");
    rule("serial and default", root, free, "{ type: serial, default: 1 }");
    rule("serial, nullable", root, free, "{ type: SERIAL, nullable: true }");
    rule("serial, not nullable", root, free, "{ type: smallserial, nullable: false }");
    rule("serial shorthand", root, free, "bigserial");
    rule("sequence alone", root, free, "{ type: bigint, sequence: orders_free_seq }");
    rule("sequence of a generated column", root, free, "{ type: bigint, generated: quantity + 1, sequence: orders_free_seq }");
    rule("generated and serial", root, free, "{ type: serial, generated: quantity + 1 }");
    rule("generated and default", root, free, "{ type: bigint, generated: quantity + 1, default: 1 }");
    rule("generated, nullable", root, free, "{ type: bigint, generated: quantity + 1, nullable: true }");
    rule("collation on int", root, free, "{ type: int, collation: \"C\", nullable: true }");
    rule("collation on text[]", root, free, "{ type: \"text[]\", collation: \"C\", nullable: true }");
    rule("collation on varchar(5)", root, free, "{ type: VARCHAR(5), collation: \"C\", nullable: true }");
    rule("collation on enum", root, List.of("tables", "orders", "columns", "grade"),
        "{ type: enum, values: [low], collation: \"C\", nullable: true }");
    rule("onUpdate without references", root, free, "{ type: bigint, nullable: true, onUpdate: cascade }");
    rule("enum[]", root, free, "{ type: \"enum[]\", values: [a], nullable: true }");
    List<String> fk = List.of("tables", "memberships", "foreignKeys", "[0]");
    rule("foreign key deferred, not deferrable", root, plus(fk, "deferrable"), "false");
    rule("foreign key of two columns to one", root, plus(fk, "columns"), "[customer_id, code]");
    rule("foreign key to two columns", root, plus(fk, "references"), "{ table: customers, columns: [id, email] }");
    rule("foreign key of 33 columns", root, plus(fk, "columns"), "[" + String.join(", ", java.util.Collections.nCopies(33, "code")) + "]");
    rule("foreign key without target columns", root, plus(fk, "references"), "{ table: customers }");
    List<String> events = List.of("tables", "events", "indexes");
    rule("unique gin index", root, plus(plus(events, "events_tags"), "unique"), "true");
    rule("not unique gin index", root, plus(plus(events, "events_tags"), "unique"), "false");
    rule("nullsNotDistinct, not unique", root, plus(plus(events, "events_lower_note"), "unique"), "false");
    rule("include on gin", root, plus(plus(events, "events_tags"), "include"), "[note]");
    rule("empty include on gin", root, plus(plus(events, "events_tags"), "include"), "[]");
    rule("include on gist", root, plus(plus(events, "events_note_trgm"), "include"), "[id]");
    rule("include on spgist", root, plus(plus(events, "events_note_spgist"), "include"), "[id]");
    rule("hash of two keys", root, plus(plus(events, "events_happened_hash"), "columns"), "[happened_at, id]");
    rule("spgist of two keys", root, plus(plus(events, "events_note_spgist"), "columns"), "[note, note]");
    rule("gin key descending", root, plus(plus(events, "events_tags"), "columns"), "[tags desc]");
    rule("gin key ascending", root, plus(plus(events, "events_tags"), "columns"), "[tags ASC]");
    rule("gin key nulls last", root, plus(plus(events, "events_tags"), "columns"), "[tags nulls last]");
    rule("gin key mapping desc", root, plus(plus(events, "events_tags"), "columns"), "[{ column: tags, order: DESC }]");
    rule("gin key mapping asc", root, plus(plus(events, "events_tags"), "columns"), "[{ column: tags, order: asc }]");
    rule("gin key mapping nulls", root, plus(plus(events, "events_tags"), "columns"), "[{ column: tags, nulls: first }]");
    rule("brin key desc", root, plus(plus(events, "events_happened"), "columns"), "[happened_at desc]");
    rule("btree key desc", root, plus(plus(events, "events_lower_note"), "columns"), "[note desc nulls last]");
    rule("key with column and expression", root, plus(plus(events, "events_lower_note"), "columns"),
        "[{ column: note, expression: lower(note) }]");
    rule("key with neither", root, plus(plus(events, "events_lower_note"), "columns"), "[{ order: desc }]");
    rule("gin with fillfactor", root, plus(plus(events, "events_tags"), "with"), "{ fillfactor: 90 }");
    rule("btree with fastupdate", root, plus(plus(events, "events_lower_note"), "with"), "{ fastupdate: true }");
    rule("gist with buffering on", root, plus(plus(events, "events_note_trgm"), "with"), "{ buffering: \"ON\" }");
    rule("brin with pages 0", root, plus(plus(events, "events_happened"), "with"), "{ pages_per_range: 0 }");
    rule("with empty", root, plus(plus(events, "events_happened"), "with"), "{}");
    rule("with a bad name", root, plus(plus(events, "events_happened"), "with"), "{ Pages: 1 }");
    rule("btree index on gin's method removed", root, plus(events, "events_tags"), "{ columns: [tags], reason: r, with: { fastupdate: on } }");
  }

  private void rule(String label, Y root, List<String> path, String raw) {
    if (path == null) {
      out.add(new Variant("rule: " + label, BASE + "model: again\n", Leniency.NONE));
      return;
    }
    Y value = raw.startsWith("{") ? tree("v: " + raw) : new YRaw(raw);
    if (value instanceof YMap m && m.entries().containsKey("v")) {
      value = m.entries().get("v");
    }
    add("rule: " + label, with(root, path, value));
  }
}
