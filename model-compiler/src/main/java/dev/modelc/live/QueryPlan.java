package dev.modelc.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A plan as PostgreSQL's {@code EXPLAIN (FORMAT JSON)} gives it: the tree of nodes with what
 * modelc compares with its own claims (which relation and index each scan reads, the index
 * condition, and any sort left above the scans).
 */
public final class QueryPlan {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "is", "null", "true", "false", "any",
      "all", "in", "like", "ilike", "between", "distinct", "from", "array", "similar", "to");
  private static final Set<String> INDEX_SCANS = Set.of("Index Scan", "Index Only Scan", "Bitmap Index Scan");

  /**
   * One plan node. {@code relation} is the table a scan reads (null for other nodes and for a
   * bitmap index scan, whose heap scan above it names the table); {@code index} the index it
   * reads; {@code indexCondition} and {@code filter} as PostgreSQL prints them; {@code sortKeys}
   * of a Sort or Incremental Sort.
   */
  public record Node(String type, String relation, String index, String indexCondition, String filter,
      boolean backward, List<String> sortKeys, List<String> presortedKeys, List<Node> children) {
    public Node {
      Objects.requireNonNull(type, "type == null");
      sortKeys = List.copyOf(sortKeys);
      presortedKeys = List.copyOf(presortedKeys);
      children = List.copyOf(children);
    }

    /** Reads an index: an index scan, an index-only scan or a bitmap index scan. */
    public boolean isIndexScan() {
      return INDEX_SCANS.contains(type);
    }

    /** A full sort ({@code Sort}) or a per-group one ({@code Incremental Sort}). */
    public boolean isSort() {
      return type.equals("Sort") || type.equals("Incremental Sort");
    }
  }

  private final Node root;

  private QueryPlan(Node root) {
    this.root = root;
  }

  /**
   * The plan in {@code json}, the single row of {@code EXPLAIN (FORMAT JSON)}.
   *
   * @throws IllegalArgumentException when the text is not such a plan
   */
  public static QueryPlan parse(String json) {
    try {
      JsonNode top = JSON.readTree(json);
      JsonNode plan = top.isArray() && top.size() > 0 ? top.get(0).get("Plan") : null;
      if (plan == null || !plan.isObject()) {
        throw new IllegalArgumentException("not an EXPLAIN (FORMAT JSON) plan");
      }
      return new QueryPlan(node(plan));
    } catch (IOException e) {
      throw new IllegalArgumentException("not an EXPLAIN (FORMAT JSON) plan: " + e.getMessage(), e);
    }
  }

  private static Node node(JsonNode n) {
    List<Node> children = new ArrayList<>();
    JsonNode plans = n.get("Plans");
    if (plans != null) {
      plans.forEach(child -> children.add(node(child)));
    }
    return new Node(text(n, "Node Type"), text(n, "Relation Name"), text(n, "Index Name"),
        text(n, "Index Cond"), text(n, "Filter"), "Backward".equals(text(n, "Scan Direction")),
        strings(n.get("Sort Key")), strings(n.get("Presorted Key")), children);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  public Node root() {
    return root;
  }

  /** Every node, depth first, parents before children. */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Node n, List<Node> out) {
    out.add(n);
    n.children().forEach(c -> collect(c, out));
  }

  /**
   * The nodes that read {@code table}: its sequential and index scans, and the bitmap index
   * scans below a bitmap heap scan of it.
   */
  public List<Node> scansOf(String table) {
    List<Node> out = new ArrayList<>();
    scans(root, table, out);
    return out;
  }

  private static void scans(Node n, String table, List<Node> out) {
    if (table.equals(n.relation()) && n.type().equals("Bitmap Heap Scan")) {
      bitmapIndexScans(n, out); // BitmapAnd and BitmapOr may combine several
      return;
    }
    if (table.equals(n.relation())) {
      out.add(n);
    }
    n.children().forEach(c -> scans(c, table, out));
  }

  private static void bitmapIndexScans(Node n, List<Node> out) {
    for (Node c : n.children()) {
      if (c.type().equals("Bitmap Index Scan")) {
        out.add(c);
      } else {
        bitmapIndexScans(c, out);
      }
    }
  }

  /** The sorts anywhere in the plan, top first. */
  public List<Node> sorts() {
    return nodes().stream().filter(Node::isSort).toList();
  }

  /**
   * One line: the nodes from the top, {@code Limit > Sort (created_at DESC) > Bitmap Heap Scan on
   * charges > Bitmap Index Scan on charges_customer [customer_id = $1]}; siblings in braces.
   */
  public String summary() {
    return summary(root);
  }

  private static String summary(Node n) {
    StringBuilder s = new StringBuilder(describe(n));
    if (n.children().size() == 1) {
      s.append(" > ").append(summary(n.children().get(0)));
    } else if (!n.children().isEmpty()) {
      s.append(" > {").append(String.join("; ", n.children().stream().map(QueryPlan::summary).toList())).append('}');
    }
    return s.toString();
  }

  private static String describe(Node n) {
    StringBuilder s = new StringBuilder(n.type());
    if (n.backward()) {
      s.append(" Backward");
    }
    if (n.index() != null) {
      s.append(n.type().equals("Bitmap Index Scan") ? " on " : " using ").append(n.index());
    }
    if (n.relation() != null) {
      s.append(" on ").append(n.relation());
    }
    if (!n.sortKeys().isEmpty()) {
      s.append(" (").append(String.join(", ", n.sortKeys()));
      if (!n.presortedKeys().isEmpty()) {
        s.append("; presorted ").append(String.join(", ", n.presortedKeys()));
      }
      s.append(')');
    }
    if (n.indexCondition() != null) {
      s.append(" [").append(unwrap(n.indexCondition())).append(']');
    }
    if (n.filter() != null) {
      s.append(" filter [").append(unwrap(n.filter())).append(']');
    }
    return s.toString();
  }

  /**
   * The column names an index condition or filter mentions, lower case, quotes removed: the
   * words outside string literals that are neither keywords nor type names after {@code ::}.
   */
  public static Set<String> columnsIn(String condition) {
    Set<String> out = new java.util.TreeSet<>();
    if (condition == null) {
      return out;
    }
    int i = 0;
    while (i < condition.length()) {
      char c = condition.charAt(i);
      if (c == '\'') {
        int end = i + 1;
        while (end < condition.length() && !(condition.charAt(end) == '\''
            && (end + 1 >= condition.length() || condition.charAt(end + 1) != '\''))) {
          end += condition.charAt(end) == '\'' ? 2 : 1;
        }
        i = end + 1;
      } else if (c == '"') {
        int end = condition.indexOf('"', i + 1);
        end = end < 0 ? condition.length() : end;
        out.add(condition.substring(i + 1, end));
        i = end + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < condition.length() && (Character.isLetterOrDigit(condition.charAt(end))
            || condition.charAt(end) == '_' || condition.charAt(end) == '$')) {
          end++;
        }
        boolean typeName = i >= 2 && condition.startsWith("::", i - 2);
        String word = condition.substring(i, end).toLowerCase(Locale.ROOT);
        if (!typeName && !KEYWORDS.contains(word)) {
          out.add(word);
        }
        i = end;
      } else {
        i++;
      }
    }
    return out;
  }

  /** {@code (a = $1)} without the outer parentheses PostgreSQL puts around every condition. */
  static String unwrap(String condition) {
    String c = condition.trim();
    if (c.startsWith("(") && c.endsWith(")") && balanced(c.substring(1, c.length() - 1))) {
      return c.substring(1, c.length() - 1);
    }
    return c;
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
