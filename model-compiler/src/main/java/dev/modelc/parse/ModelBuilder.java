package dev.modelc.parse;

import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.ForeignKeyRef;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.IndexOrigin;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Policy;
import dev.modelc.model.UsagePolicy;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import dev.modelc.parse.NodeReader.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Walks one file's YAML tree into its part of the model. Keys, value types and enumerated
 * values are checked here (they need the YAML positions); names and cross-references are
 * checked later, on the merged model, by the {@code check} stage.
 */
final class ModelBuilder {
  static final List<String> TOP_KEYS =
      List.of("model", "database", "description", "policy", "tables", "queries", "retired");
  static final List<String> TABLE_KEYS = List.of("description", "owner", "rows", "columns",
      "primaryKey", "indexes", "checks", "renamedFrom");
  static final List<String> COLUMN_KEYS = List.of("type", "values", "nullable", "default",
      "primaryKey", "unique", "references", "onDelete", "description", "renamedFrom");
  static final List<String> INDEX_KEYS =
      List.of("columns", "unique", "where", "include", "reason", "keep", "renamedFrom");
  static final List<String> CHECK_KEYS = List.of("expression", "reason");
  static final List<String> QUERY_KEYS = List.of("table", "kind", "where", "orderBy", "limit",
      "returns", "set", "traffic", "rate", "endpoints", "owner", "index", "description");
  static final List<String> RETIRED_KEYS = List.of("tables", "columns", "indexes");
  static final List<String> POLICY_KEYS =
      List.of("approvals", "lockTimeout", "statementTimeout", "lockRetries", "usage");
  static final List<String> APPROVAL_KEYS =
      List.of("criticalTraffic", "tableRewrites", "indexBuildRowsOver");
  static final List<String> ON_DELETE =
      List.of("cascade", "restrict", "set null", "set default", "no action");

  /** Longest model name: it appears in file headers, plans and comments. */
  static final int MAX_MODEL_NAME = 200;
  private static final Pattern TYPE = Pattern.compile("([a-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");
  private static final Pattern ORDERED = Pattern.compile("(\\S+)(?:\\s+(asc|desc))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern FUNCTION_CALL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*\\s*\\(.*\\)");
  /** Operators longest first, so that {@code <=} is not read as {@code <} followed by a literal. */
  private static final List<String> OPERATOR_SPELLINGS =
      List.of("is not null", "is null", "in", "<=", ">=", "<>", "!=", "<", ">", "=");

  private final NodeReader in;
  private final FileModel out;

  private ModelBuilder(NodeReader in) {
    this.in = in;
    this.out = new FileModel(in.file());
  }

  static FileModel build(Node root, NodeReader in) {
    ModelBuilder builder = new ModelBuilder(in);
    builder.file(root);
    return builder.out;
  }

  private void file(Node root) {
    Optional<Map<String, Entry>> top = in.mapping(root, "a model file");
    if (top.isEmpty()) {
      return;
    }
    Map<String, Entry> keys = top.get();
    in.rejectUnknownKeys(keys, TOP_KEYS, "the model file");
    header(keys, "model").ifPresent(h -> {
      if (h.value().isBlank() || h.value().length() > MAX_MODEL_NAME
          || h.value().codePoints().anyMatch(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029)) {
        in.invalid(keys.get("model").value(), "'model' must be a name of 1 to " + MAX_MODEL_NAME
            + " characters on one line, without control characters");
      } else {
        out.name = h;
      }
    });
    header(keys, "description").ifPresent(h -> out.description = h);
    header(keys, "database").ifPresent(h -> {
      if (h.value().equals("postgresql")) {
        out.database = h;
      } else {
        in.invalid(keys.get("database").value(), "database '" + h.value()
            + "' is not supported; modelc targets 'postgresql'");
      }
    });
    if (keys.containsKey("policy")) {
      policy(keys.get("policy"));
    }
    if (keys.containsKey("tables")) {
      named(keys.get("tables"), "tables", this::table);
    }
    if (keys.containsKey("queries")) {
      named(keys.get("queries"), "queries", this::query);
    }
    if (keys.containsKey("retired")) {
      retired(keys.get("retired"));
    }
  }

  private Optional<FileModel.Header> header(Map<String, Entry> keys, String key) {
    Entry e = keys.get(key);
    if (e == null) {
      return Optional.empty();
    }
    return in.string(e.value(), "'" + key + "'").map(v -> new FileModel.Header(v, in.at(e.value())));
  }

  private interface ElementReader {
    void read(Entry entry);
  }

  /** A mapping of named elements ({@code tables:}, {@code queries:} ...): one call per entry. */
  private void named(Entry section, String what, ElementReader reader) {
    if (isEmpty(section.value())) {
      return;
    }
    in.mapping(section.value(), "'" + what + "'").ifPresent(m -> m.values().forEach(reader::read));
  }

  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL);
  }

  // ---- tables ------------------------------------------------------------------------------

  private void table(Entry e) {
    String name = e.key();
    SourceRef at = in.at(e.keyNode());
    String what = "table '" + name + "'";
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return;
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, TABLE_KEYS, what);
    in.require(keys, "columns", at, what);
    String description = text(keys, "description", what);
    String owner = text(keys, "owner", what);
    Long rows = null;
    if (keys.containsKey("rows")) {
      Node rowsNode = keys.get("rows").value();
      rows = in.integer(rowsNode, "'rows' of " + what).orElse(null);
      if (rows != null && rows < 0) {
        in.invalid(rowsNode, "'rows' of " + what + " must not be negative");
        rows = null;
      }
    }
    List<Column> columns = new ArrayList<>();
    if (keys.containsKey("columns")) {
      in.mapping(keys.get("columns").value(), "'columns' of " + what)
          .ifPresent(cols -> {
            cols.values().forEach(c -> column(name, c).ifPresent(columns::add));
            if (cols.isEmpty()) {
              in.invalid(keys.get("columns").value(), what + " needs at least one column");
            }
          });
    }
    List<String> primaryKey = new ArrayList<>();
    if (keys.containsKey("primaryKey")) {
      in.stringList(keys.get("primaryKey").value(), "'primaryKey' of " + what)
          .ifPresent(primaryKey::addAll);
      if (columns.stream().anyMatch(Column::primaryKey)) {
        in.invalid(keys.get("primaryKey").keyNode(), what + " declares its primary key twice: "
            + "use either 'primaryKey: [..]' on the table or 'primaryKey: true' on columns");
      }
    } else {
      columns.stream().filter(Column::primaryKey).map(Column::name).forEach(primaryKey::add);
    }
    List<Index> indexes = new ArrayList<>();
    if (keys.containsKey("indexes")) {
      named(keys.get("indexes"), "indexes' of '" + name, ie -> index(name, ie).ifPresent(indexes::add));
    }
    List<Check> checks = new ArrayList<>();
    if (keys.containsKey("checks")) {
      named(keys.get("checks"), "checks' of '" + name, ce -> check(ce).ifPresent(checks::add));
    }
    out.tables.add(new Table(name, description, owner, rows, columns, primaryKey, indexes, checks,
        text(keys, "renamedFrom", what), at));
  }

  private Optional<Column> column(String table, Entry e) {
    String name = e.key();
    SourceRef at = in.at(e.keyNode());
    String what = "column '" + table + "." + name + "'";
    if (e.value() instanceof ScalarNode) {
      // shorthand: `amount: bigint`
      return in.string(e.value(), "the type of " + what)
          .flatMap(t -> type(t, List.of(), e.value(), what))
          .map(type -> new Column(name, type, false, null, false, false, null, null, null, at));
    }
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, COLUMN_KEYS, what);
    if (!in.require(keys, "type", at, what)) {
      return Optional.empty();
    }
    List<String> values = keys.containsKey("values")
        ? in.stringList(keys.get("values").value(), "'values' of " + what).orElse(List.of())
        : null;
    Entry typeEntry = keys.get("type");
    Optional<ColumnType> type = in.string(typeEntry.value(), "the type of " + what)
        .flatMap(t -> type(t, values, typeEntry.value(), what));
    if (keys.containsKey("values") && type.isPresent() && type.get().kind() != TypeKind.ENUM) {
      in.invalid(keys.get("values").keyNode(), "'values' only applies to enum columns; " + what
          + " is " + type.get().modelSpelling());
    }
    boolean nullable = flag(keys, "nullable", what);
    boolean primaryKey = flag(keys, "primaryKey", what);
    boolean unique = flag(keys, "unique", what);
    String defaultValue = null;
    if (keys.containsKey("default")) {
      Node d = keys.get("default").value();
      Optional<String> raw = in.string(d, "'default' of " + what);
      if (raw.isPresent() && type.isPresent()) {
        defaultValue = defaultExpression(raw.get(), type.get().kind(), d);
      }
    }
    ForeignKeyRef references = null;
    if (keys.containsKey("references")) {
      Entry r = keys.get("references");
      Optional<String> target = in.string(r.value(), "'references' of " + what);
      String onDelete = null;
      if (keys.containsKey("onDelete")) {
        Node od = keys.get("onDelete").value();
        onDelete = in.string(od, "'onDelete' of " + what).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (onDelete != null && !ON_DELETE.contains(onDelete)) {
          in.invalid(od, "onDelete '" + onDelete + "' of " + what + " must be one of "
              + String.join(", ", ON_DELETE));
          onDelete = null;
        } else if ("no action".equals(onDelete)) {
          onDelete = null;
        }
      }
      if (target.isPresent()) {
        int dot = target.get().indexOf('.');
        if (dot <= 0 || dot == target.get().length() - 1 || target.get().indexOf('.', dot + 1) >= 0) {
          in.invalid(r.value(), "'references' of " + what + " must name 'table.column', not '"
              + target.get() + "'");
        } else {
          references = new ForeignKeyRef(target.get().substring(0, dot),
              target.get().substring(dot + 1), onDelete, in.at(r.value()));
        }
      }
    } else if (keys.containsKey("onDelete")) {
      in.invalid(keys.get("onDelete").keyNode(), "'onDelete' of " + what + " needs 'references:'");
    }
    if (type.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Column(name, type.get(), nullable, defaultValue, primaryKey, unique,
        references, text(keys, "description", what), text(keys, "renamedFrom", what), at));
  }

  /**
   * Parses {@code varchar(64)}, {@code numeric(12,2)}, {@code enum}. {@code enumValues} is null
   * when the column has no {@code values:} key.
   */
  private Optional<ColumnType> type(String spelling, List<String> enumValues, Node node, String what) {
    Matcher m = TYPE.matcher(spelling.trim().toLowerCase(Locale.ROOT));
    Optional<TypeKind> kind = m.matches() ? TypeKind.fromModelName(m.group(1)) : Optional.empty();
    if (kind.isEmpty()) {
      String base = m.matches() ? m.group(1) : spelling;
      List<String> names = Arrays.stream(TypeKind.values()).map(TypeKind::modelName).toList();
      if (spelling.contains("(") && !spelling.contains(")")) {
        in.invalid(node, "type '" + spelling + "' of " + what + " was cut at a comma: inside { } quote it, as in"
            + " { type: \"numeric(12,2)\" }");
        return Optional.empty();
      }
      in.invalid(node, "unknown type '" + spelling + "' of " + what
          + dev.modelc.diag.Suggestions.didYouMean(base, names)
          + (dev.modelc.diag.Suggestions.closest(base, names).isEmpty()
              ? "; types: " + String.join(", ", names) : ""));
      return Optional.empty();
    }
    long first = m.group(2) == null ? -1 : size(m.group(2));
    long second = m.group(3) == null ? -1 : size(m.group(3));
    TypeKind k = kind.get();
    switch (k) {
      case VARCHAR, CHAR -> {
        if (second >= 0 || (m.group(2) != null && (first < 1 || first > MAX_LENGTH))) {
          in.invalid(node, "type of " + what + " takes one length from 1 to " + MAX_LENGTH + ", as in " + k.modelName() + "(64)");
          return Optional.empty();
        }
        return Optional.of(new ColumnType(k, m.group(2) == null ? null : (int) first, null, null, List.of()));
      }
      case NUMERIC -> {
        if (m.group(2) != null && (first < 1 || first > MAX_PRECISION || (second > first))) {
          in.invalid(node, "type of " + what + " must be numeric(precision, scale) with 1 <= precision <= "
              + MAX_PRECISION + " and 0 <= scale <= precision");
          return Optional.empty();
        }
        return Optional.of(new ColumnType(k, null, m.group(2) == null ? null : (int) first,
            m.group(3) == null ? null : (int) second, List.of()));
      }
      case ENUM -> {
        if (m.group(2) != null) {
          in.invalid(node, "enum takes its values from 'values:', not parentheses, in " + what);
          return Optional.empty();
        }
        return Optional.of(ColumnType.enumOf(enumValues == null ? List.of() : enumValues));
      }
      default -> {
        if (m.group(2) != null) {
          in.invalid(node, "type '" + k.modelName() + "' of " + what + " takes no size");
          return Optional.empty();
        }
        return Optional.of(ColumnType.of(k));
      }
    }
  }

  /** Longest varchar(n) / char(n): PostgreSQL's limit. */
  static final int MAX_LENGTH = 10_485_760;
  /** Largest numeric precision: PostgreSQL's limit. */
  static final int MAX_PRECISION = 1000;

  /** A size written in a type, saturated so that no spelling can overflow. */
  private static long size(String digits) {
    String d = digits.replaceFirst("^0+(?=.)", "");
    return d.length() > 12 ? Long.MAX_VALUE : Long.parseLong(d);
  }

  /**
   * The SQL default expression. For text-like and enum columns a bare word is a value and is
   * quoted ({@code default: pending} means {@code 'pending'}), while a quoted literal or a
   * function call is kept as written; for other types the text is the SQL expression.
   */
  private String defaultExpression(String raw, TypeKind kind, Node node) {
    String value = raw.trim();
    boolean textLike = kind == TypeKind.TEXT || kind == TypeKind.VARCHAR || kind == TypeKind.CHAR
        || kind == TypeKind.ENUM;
    if (!textLike || value.startsWith("'") || FUNCTION_CALL.matcher(value).matches()) {
      if (value.isEmpty()) {
        in.invalid(node, "an empty 'default'; remove it or write the value");
      }
      return value;
    }
    return "'" + value.replace("'", "''") + "'";
  }

  private Optional<Index> index(String table, Entry e) {
    String name = e.key();
    SourceRef at = in.at(e.keyNode());
    String what = "index '" + name + "'";
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, INDEX_KEYS, what);
    boolean hasColumns = in.require(keys, "columns", at, what);
    if (!keys.containsKey("reason")) {
      in.diagnostics().report(StructureCode.MC203, at, what
          + " needs 'reason:': say why it exists, so reviewers and operators see it in plans");
    }
    List<IndexColumn> columns = new ArrayList<>();
    if (hasColumns) {
      in.sequence(keys.get("columns").value(), "'columns' of " + what).ifPresent(items -> {
        for (Node item : items) {
          ordered(item, "a column of " + what)
              .ifPresent(o -> columns.add(new IndexColumn(o.column(), o.descending(), o.source())));
        }
        if (items.isEmpty()) {
          in.invalid(keys.get("columns").value(), what + " needs at least one column");
        }
      });
    }
    List<String> include = List.of();
    if (keys.containsKey("include")) {
      include = in.stringList(keys.get("include").value(), "'include' of " + what).orElse(List.of());
    }
    return Optional.of(new Index(name, table, columns, flag(keys, "unique", what),
        text(keys, "where", what), include, text(keys, "reason", what), text(keys, "keep", what),
        text(keys, "renamedFrom", what), IndexOrigin.DECLARED, at));
  }

  private Optional<Check> check(Entry e) {
    String what = "check '" + e.key() + "'";
    SourceRef at = in.at(e.keyNode());
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    in.rejectUnknownKeys(m.get(), CHECK_KEYS, what);
    if (!in.require(m.get(), "expression", at, what)) {
      return Optional.empty();
    }
    String expression = text(m.get(), "expression", what);
    return expression == null ? Optional.empty()
        : Optional.of(new Check(e.key(), expression, text(m.get(), "reason", what), at));
  }

  // ---- queries -----------------------------------------------------------------------------

  private void query(Entry e) {
    String name = e.key();
    SourceRef at = in.at(e.keyNode());
    String what = "query '" + name + "'";
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return;
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, QUERY_KEYS, what);
    if (!in.require(keys, "table", at, what)) {
      return;
    }
    String table = text(keys, "table", what);
    QueryKind kind = choice(keys, "kind", what, QueryKind.class, QueryKind.SELECT);
    Traffic traffic = choice(keys, "traffic", what, Traffic.class, Traffic.STANDARD);
    List<Predicate> where = new ArrayList<>();
    if (keys.containsKey("where")) {
      in.mapping(keys.get("where").value(), "'where' of " + what).ifPresent(conditions -> {
        for (Entry c : conditions.values()) {
          if (c.value() instanceof ScalarNode) {
            condition(c.key(), c.value(), what).ifPresent(where::add);
          } else {
            in.sequence(c.value(), "the condition on '" + c.key() + "' in " + what)
                .ifPresent(items -> items.forEach(i -> condition(c.key(), i, what).ifPresent(where::add)));
          }
        }
      });
    }
    List<OrderTerm> orderBy = new ArrayList<>();
    if (keys.containsKey("orderBy")) {
      in.sequence(keys.get("orderBy").value(), "'orderBy' of " + what).ifPresent(items -> {
        for (Node item : items) {
          ordered(item, "an orderBy term of " + what)
              .ifPresent(o -> orderBy.add(new OrderTerm(o.column(), o.descending(), o.source())));
        }
      });
    }
    Integer limit = null;
    if (keys.containsKey("limit")) {
      Node l = keys.get("limit").value();
      Optional<Long> value = in.integer(l, "'limit' of " + what);
      if (value.isPresent()) {
        if (value.get() < 1 || value.get() > Integer.MAX_VALUE) {
          in.invalid(l, "'limit' of " + what + " must be between 1 and " + Integer.MAX_VALUE);
        } else {
          limit = value.get().intValue();
        }
      }
    }
    if (table == null) {
      return;
    }
    out.queries.add(new QueryPattern(name, table, kind, where, orderBy, limit,
        list(keys, "returns", what), list(keys, "set", what), traffic, text(keys, "rate", what),
        list(keys, "endpoints", what), text(keys, "owner", what), text(keys, "index", what),
        text(keys, "description", what), at));
  }

  /** {@code "="}, {@code "< "}, {@code "= 'pending'"}, {@code "is null"}, {@code "in"}. */
  private Optional<Predicate> condition(String column, Node node, String what) {
    Optional<String> text = in.string(node, "the condition on '" + column + "' in " + what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String condition = text.get().trim();
    String lower = condition.toLowerCase(Locale.ROOT);
    for (String spelling : OPERATOR_SPELLINGS) {
      if (!lower.startsWith(spelling)) {
        continue;
      }
      String rest = condition.substring(spelling.length()).trim();
      boolean word = Character.isLetter(spelling.charAt(spelling.length() - 1));
      if (word && !rest.isEmpty() && !condition.substring(spelling.length()).startsWith(" ")
          && !rest.startsWith("(")) {
        continue; // "inside" is not "in" followed by a literal
      }
      Operator op = Operator.fromSymbol(spelling).orElseThrow();
      if (op.isUnary() && !rest.isEmpty()) {
        in.invalid(node, "'" + spelling + "' takes no value in the condition on '" + column
            + "' of " + what);
        return Optional.empty();
      }
      return Optional.of(new Predicate(column, op, rest.isEmpty() ? null : rest, in.at(node)));
    }
    in.invalid(node, "condition '" + condition + "' on '" + column + "' in " + what
        + " must start with an operator: =, !=, <, <=, >, >=, in, is null, is not null"
        + " (optionally followed by a literal, as in \"= 'pending'\")");
    return Optional.empty();
  }

  private record Ordered(String column, boolean descending, SourceRef source) {}

  private Optional<Ordered> ordered(Node node, String what) {
    Optional<String> text = in.string(node, what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = ORDERED.matcher(text.get().trim());
    if (!m.matches()) {
      in.invalid(node, what + " must be 'column', 'column asc' or 'column desc', not '" + text.get() + "'");
      return Optional.empty();
    }
    boolean desc = m.group(2) != null && m.group(2).equalsIgnoreCase("desc");
    return Optional.of(new Ordered(m.group(1), desc, in.at(node)));
  }

  // ---- retired, policy ---------------------------------------------------------------------

  private void retired(Entry section) {
    if (isEmpty(section.value())) {
      return;
    }
    Optional<Map<String, Entry>> m = in.mapping(section.value(), "'retired'");
    if (m.isEmpty()) {
      return;
    }
    in.rejectUnknownKeys(m.get(), RETIRED_KEYS, "'retired'");
    for (Entry kindEntry : m.get().values()) {
      Tombstone.Kind kind = switch (kindEntry.key()) {
        case "tables" -> Tombstone.Kind.TABLE;
        case "columns" -> Tombstone.Kind.COLUMN;
        case "indexes" -> Tombstone.Kind.INDEX;
        default -> null;
      };
      if (kind != null) {
        named(kindEntry, "retired." + kindEntry.key(), e -> tombstone(kind, e));
      }
    }
  }

  private void tombstone(Tombstone.Kind kind, Entry e) {
    String what = "retired " + kind.name().toLowerCase(Locale.ROOT) + " '" + e.key() + "'";
    SourceRef at = in.at(e.keyNode());
    String table = e.key();
    String name = null;
    if (kind != Tombstone.Kind.TABLE) {
      int dot = e.key().indexOf('.');
      if (dot <= 0 || dot == e.key().length() - 1 || e.key().indexOf('.', dot + 1) >= 0) {
        in.invalid(e.keyNode(), what + " must be named 'table." + (kind == Tombstone.Kind.COLUMN
            ? "column" : "index") + "'");
        return;
      }
      table = e.key().substring(0, dot);
      name = e.key().substring(dot + 1);
    }
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return;
    }
    List<String> allowed = switch (kind) {
      case INDEX -> List.of("reason", "replacedBy", "droppedDespiteUse");
      case TABLE -> List.of("reason", "droppedDespiteUse");
      case COLUMN -> List.of("reason");
    };
    in.rejectUnknownKeys(m.get(), allowed, what);
    in.require(m.get(), "reason", at, what);
    out.retired.add(new Tombstone(kind, table, name, text(m.get(), "reason", what),
        text(m.get(), "replacedBy", what), text(m.get(), "droppedDespiteUse", what), at));
  }

  private void policy(Entry e) {
    Policy defaults = Policy.defaults();
    Optional<Map<String, Entry>> m = in.mapping(e.value(), "'policy'");
    if (m.isEmpty()) {
      return;
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, POLICY_KEYS, "'policy'");
    boolean critical = defaults.approveCriticalTraffic();
    boolean rewrites = defaults.approveTableRewrites();
    long rows = defaults.approveIndexBuildsOverRows();
    if (keys.containsKey("approvals")) {
      Optional<Map<String, Entry>> a = in.mapping(keys.get("approvals").value(), "'policy.approvals'");
      if (a.isPresent()) {
        in.rejectUnknownKeys(a.get(), APPROVAL_KEYS, "'policy.approvals'");
        critical = flagOr(a.get(), "criticalTraffic", "'policy.approvals'", critical);
        rewrites = flagOr(a.get(), "tableRewrites", "'policy.approvals'", rewrites);
        if (a.get().containsKey("indexBuildRowsOver")) {
          Node over = a.get().get("indexBuildRowsOver").value();
          Optional<Long> value = in.integer(over, "'indexBuildRowsOver' of 'policy.approvals'");
          if (value.isPresent() && value.get() < 0) {
            in.invalid(over, "'indexBuildRowsOver' of 'policy.approvals' must not be negative");
          } else if (value.isPresent()) {
            rows = value.get();
          }
        }
      }
    }
    String lockTimeout = duration(keys, "lockTimeout", defaults.lockTimeout());
    String statementTimeout = duration(keys, "statementTimeout", defaults.statementTimeout());
    int retries = defaults.lockRetries();
    if (keys.containsKey("lockRetries")) {
      Node r = keys.get("lockRetries").value();
      Optional<Long> value = in.integer(r, "'lockRetries' of 'policy'");
      if (value.isPresent() && (value.get() < 0 || value.get() > 100)) {
        in.invalid(r, "'lockRetries' of 'policy' must be between 0 and 100");
      } else if (value.isPresent()) {
        retries = value.get().intValue();
      }
    }
    UsagePolicy usage = keys.containsKey("usage") ? UsagePolicyReader.read(in, keys.get("usage")) : UsagePolicy.defaults();
    out.policy = new Policy(critical, rewrites, rows, lockTimeout, statementTimeout, retries, usage, in.at(e.keyNode()));
  }

  private static final Pattern DURATION = Pattern.compile("0|\\d+\\s*(ms|s|min|h)");

  /** A PostgreSQL timeout such as {@code 5s}, {@code 500ms}, {@code 2min}; {@code 0} is none. */
  private String duration(Map<String, Entry> keys, String key, String fallback) {
    Entry e = keys.get(key);
    if (e == null) {
      return fallback;
    }
    Optional<String> value = in.string(e.value(), "'" + key + "' of 'policy'");
    if (value.isEmpty()) {
      return fallback;
    }
    String v = value.get().trim();
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      in.invalid(e.value(), "'" + key + "' of 'policy' must be a duration such as 500ms, 5s, 2min or 0, not '" + v + "'");
      return fallback;
    }
    if (m.group(1) != null) {
      String digits = v.substring(0, v.indexOf(m.group(1))).trim();
      long unit = switch (m.group(1)) {
        case "ms" -> 1;
        case "s" -> 1000;
        case "min" -> 60_000;
        default -> 3_600_000;
      };
      if (digits.length() > 10 || Long.parseLong(digits) * unit > Integer.MAX_VALUE) {
        in.invalid(e.value(), "'" + key + "' of 'policy' must be at most " + Integer.MAX_VALUE
            + " ms (about 24 days), PostgreSQL's limit, not '" + v + "'");
        return fallback;
      }
    }
    return v.replace(" ", "");
  }

  // ---- small typed reads -------------------------------------------------------------------

  private String text(Map<String, Entry> keys, String key, String what) {
    Entry e = keys.get(key);
    return e == null ? null : in.string(e.value(), "'" + key + "' of " + what).orElse(null);
  }

  private List<String> list(Map<String, Entry> keys, String key, String what) {
    Entry e = keys.get(key);
    return e == null ? List.of() : in.stringList(e.value(), "'" + key + "' of " + what).orElse(List.of());
  }

  private boolean flag(Map<String, Entry> keys, String key, String what) {
    return flagOr(keys, key, what, false);
  }

  private boolean flagOr(Map<String, Entry> keys, String key, String what, boolean fallback) {
    Entry e = keys.get(key);
    return e == null ? fallback : in.bool(e.value(), "'" + key + "' of " + what).orElse(fallback);
  }

  private <E extends Enum<E>> E choice(Map<String, Entry> keys, String key, String what,
      Class<E> type, E fallback) {
    Entry e = keys.get(key);
    if (e == null) {
      return fallback;
    }
    Optional<String> value = in.string(e.value(), "'" + key + "' of " + what);
    if (value.isEmpty()) {
      return fallback;
    }
    List<String> names = Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    String v = value.get().trim().toLowerCase(Locale.ROOT);
    if (!names.contains(v)) {
      in.invalid(e.value(), "'" + key + "' of " + what + " must be one of "
          + String.join(", ", names) + ", not '" + value.get() + "'"
          + dev.modelc.diag.Suggestions.didYouMean(v, names));
      return fallback;
    }
    return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
  }
}
