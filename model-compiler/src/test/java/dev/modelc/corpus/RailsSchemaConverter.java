package dev.modelc.corpus;

import dev.modelc.corpus.RubyValues.Args;
import dev.modelc.corpus.RubyValues.Lambda;
import dev.modelc.corpus.RubyValues.Nil;
import dev.modelc.corpus.RubyValues.Num;
import dev.modelc.corpus.RubyValues.Sym;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.dialect.PostgresReserved;
import dev.modelc.model.JavaNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Rails {@code db/schema.rb} (PostgreSQL flavour; old hash-rocket dumps too) into a
 * modelc model. What the model language can say is carried over; what it cannot is left out or
 * bent to the nearest thing it can say, and every such case is counted in {@link Tally} by kind,
 * never dropped silently.
 *
 * <p>Use {@link #convert(String)} on each version, then {@link #yaml} to write a version with
 * {@code retired:} tombstones for whatever the previous converted version had and this one does
 * not (schema.rb does not record renames, so a rename is a removal plus an addition).
 */
public final class RailsSchemaConverter {
  private static final Pattern SNAKE = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern HEREDOC = Pattern.compile("<<[-~]?['\"]?([A-Z_]+)['\"]?");
  private static final Pattern COLUMN_LIST_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String INDEX_REASON = "Index from the Rails schema.";
  private static final Set<String> YAML_SPECIAL_KEYS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

  /** Counts of dropped or bent features, by kind ({@code drop: ...}, {@code bend: ...}). */
  public static final class Tally {
    private final Map<String, Integer> counts = new TreeMap<>();

    void add(String kind) {
      counts.merge(kind, 1, Integer::sum);
    }

    public Map<String, Integer> counts() {
      return counts;
    }

    public int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** A converted schema: the model's tables, and the tally. */
  public record Converted(Map<String, TableSpec> tables, Tally tally) {}

  public record TableSpec(String name, String description, List<ColumnSpec> columns, List<String> primaryKey,
      List<IndexSpec> indexes, List<CheckSpec> checks) {
    ColumnSpec column(String column) {
      return columns.stream().filter(c -> c.name.equals(column)).findFirst().orElse(null);
    }
  }

  public static final class ColumnSpec {
    final String name;
    String type;
    List<String> values = List.of();
    boolean nullable = true;
    String defaultSql;
    boolean primaryKey;
    String references;
    String onDelete;
    String description;
    String sharedEnum;

    ColumnSpec(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    public String type() {
      return type;
    }
  }

  public record IndexSpec(String name, List<String> columns, boolean unique, String where, List<String> include) {}

  public record CheckSpec(String name, String expression) {}

  // ---------------------------------------------------------------------------------------------
  // parsing schema.rb into statements

  private record RTable(String name, Args args, List<Statement> body) {}

  private record Statement(String verb, Args args) {}

  private final Tally tally = new Tally();
  private final List<RTable> rtables = new ArrayList<>();
  private final List<Statement> topLevel = new ArrayList<>();
  private final Map<String, List<String>> enums = new HashMap<>();
  private boolean implicitIdBigint;
  private boolean implicitStringLimit255;

  private RailsSchemaConverter() {}

  /** Converts one version of schema.rb. */
  public static Converted convert(String schemaRb) {
    RailsSchemaConverter c = new RailsSchemaConverter();
    c.parse(schemaRb);
    return c.build();
  }

  private void parse(String text) {
    // A key the dump says nothing about is bigserial from Rails 5.1 on, serial before. Dumps from
    // 5.1 on write `id: :serial` for integer keys and `t.bigint`; 5.2 on write the version with
    // digit groups (2020_03_29_021042); 7.0 on write `Schema[7.0]`.
    implicitIdBigint = text.contains("id: :serial") || text.contains("ActiveRecord::Schema[")
        || text.contains("t.bigint ") || text.contains("id: :bigserial")
        || Pattern.compile("define\\(version: \\d+_").matcher(text).find();
    // Before Rails 4.2 (dumps say `force: true`, not `force: :cascade`) a string column was
    // varchar(255) and the dump left the default limit out; from 4.2 on it is varchar without a
    // limit and old columns are dumped with `limit: 255`.
    implicitStringLimit255 = text.contains("force: true") || text.contains(":force => true");
    String[] lines = text.split("\n", -1);
    RTable current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]).strip();
      if (line.isEmpty() || line.startsWith("ActiveRecord::Schema")) {
        continue;
      }
      Matcher heredoc = HEREDOC.matcher(line);
      if (heredoc.find()) {
        String end = heredoc.group(1);
        while (i + 1 < lines.length && !lines[i + 1].strip().equals(end)) {
          i++;
        }
        i++;
        line = line.substring(0, heredoc.start()) + "\"heredoc\"" + line.substring(heredoc.end());
      }
      while (RubyValues.openBrackets(line) > 0 && i + 1 < lines.length) {
        line = line + " " + stripComment(lines[++i]).strip();
      }
      if (line.equals("end")) {
        current = null;
        continue;
      }
      boolean opensBlock = line.endsWith(" do |t|") || line.endsWith(" do");
      if (opensBlock) {
        line = line.substring(0, line.lastIndexOf(" do"));
      }
      int space = firstSpace(line);
      String verb = space < 0 ? line : line.substring(0, space);
      String rest = space < 0 ? "" : line.substring(space + 1);
      if (rest.startsWith("(") && rest.endsWith(")")) {
        rest = rest.substring(1, rest.length() - 1);
      }
      Args args = RubyValues.args(rest);
      if (verb.equals("create_table")) {
        current = new RTable(args.string(0), args, new ArrayList<>());
        rtables.add(current);
        if (!opensBlock) {
          current = null;
        }
      } else if (current != null && verb.startsWith("t.")) {
        current.body.add(new Statement(verb.substring(2), args));
      } else if (opensBlock) {
        tally.add("drop: schema statement " + verb);
      } else {
        topLevel.add(new Statement(verb, args));
      }
    }
  }

  private static int firstSpace(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == ' ' || line.charAt(i) == '(') {
        return i;
      }
    }
    return -1;
  }

  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#' && (i + 1 >= line.length() || line.charAt(i + 1) != '{')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  // ---------------------------------------------------------------------------------------------
  // building the model

  private final Map<String, TableSpec> tables = new LinkedHashMap<>();
  private final Set<String> relationNames = new HashSet<>();
  private final Set<String> recordNames = new HashSet<>();
  private final Map<String, Set<String>> droppedColumns = new HashMap<>();

  private Converted build() {
    for (Statement s : topLevel) {
      if (s.verb.equals("create_enum")) {
        String name = unqualified(s.args.string(0));
        List<String> values = new ArrayList<>();
        if (s.args.positional().size() > 1 && s.args.positional().get(1) instanceof List<?> list) {
          list.forEach(v -> values.add(RubyValues.text(v)));
        }
        enums.put(name, values);
      }
    }
    for (RTable t : rtables) {
      table(t);
    }
    // indexes are named in one namespace with tables and primary keys: collect those first
    for (TableSpec t : tables.values()) {
      relationNames.add(t.name);
      if (!t.primaryKey.isEmpty()) {
        relationNames.add(fit(t.name + "_pkey"));
      }
    }
    for (RTable t : rtables) {
      TableSpec spec = tables.get(t.name);
      if (spec == null) {
        continue;
      }
      for (Statement s : t.body) {
        if (s.verb.equals("index")) {
          index(spec, s.args);
        }
      }
    }
    for (Statement s : topLevel) {
      switch (s.verb) {
        case "create_enum" -> { }
        case "add_index" -> {
          TableSpec spec = tables.get(s.args.string(0));
          if (spec == null) {
            tally.add("drop: index on a table that is not in the model");
          } else {
            index(spec, new Args(s.args.positional().subList(1, s.args.positional().size()), s.args.keywords()));
          }
        }
        case "enable_extension" -> {
          String ext = unqualified(s.args.string(0));
          if (!"plpgsql".equals(ext)) {
            tally.add("drop: extension " + ext);
          }
        }
        default -> { }
      }
    }
    for (RTable t : rtables) {
      TableSpec spec = tables.get(t.name);
      if (spec == null) {
        continue;
      }
      for (Statement s : t.body) {
        if (s.verb.equals("check_constraint")) {
          check(spec, s.args);
        }
      }
    }
    for (Statement s : topLevel) {
      switch (s.verb) {
        case "add_foreign_key" -> foreignKey(s.args);
        case "add_check_constraint" -> {
          TableSpec spec = tables.get(s.args.string(0));
          if (spec == null) {
            tally.add("drop: check on a table that is not in the model");
          } else {
            check(spec, new Args(s.args.positional().subList(1, s.args.positional().size()), s.args.keywords()));
          }
        }
        case "create_enum", "add_index", "enable_extension" -> { }
        case "create_view" -> tally.add(Boolean.TRUE.equals(s.args.keyword("materialized"))
            ? "drop: materialized view" : "drop: view");
        default -> tally.add("drop: schema statement " + s.verb);
      }
    }
    return new Converted(tables, tally);
  }

  private void table(RTable t) {
    String name = t.name;
    if (name == null || !validName(name)) {
      tally.add("drop: table whose name is not a modelc identifier (reserved word, case, length)");
      return;
    }
    if (!recordNames.add(JavaNames.record(name)) | !recordNames.add("Q:" + JavaNames.queries(name))) {
      tally.add("drop: table whose Java name collides with another table's");
      return;
    }
    Args a = t.args;
    List<ColumnSpec> columns = new ArrayList<>();
    List<String> primaryKey = new ArrayList<>();
    Object id = a.keyword("id");
    Object pk = a.keyword("primary_key");
    if (a.keyword("options") != null) {
      tally.add("drop: table options (engine, charset)");
    }
    if (a.keyword("comment") != null && !(a.keyword("comment") instanceof String)) {
      tally.add("drop: table comment that is not a string");
    }
    if (pk instanceof List<?> keys) {
      keys.forEach(k -> primaryKey.add(RubyValues.text(k)));
    } else if (!Boolean.FALSE.equals(id)) {
      String keyName = pk != null ? RubyValues.text(pk) : "id";
      ColumnSpec key = new ColumnSpec(keyName);
      key.primaryKey = true;
      key.nullable = false;
      String idType = RubyValues.text(id);
      if (idType == null) {
        idType = implicitIdBigint ? "bigserial" : "serial";
      }
      switch (idType) {
        case "uuid" -> key.type = "uuid";
        case "string" -> key.type = a.keyword("limit") instanceof Num n ? "varchar(" + n.text() + ")"
            : implicitStringLimit255 ? "varchar(255)" : "text";
        case "integer", "bigint" -> key.type = idType.equals("integer") ? "int" : "bigint";
        case "serial", "bigserial" -> {
          key.type = idType.equals("serial") ? "int" : "bigint";
          tally.add("bend: auto-increment key (serial) without its sequence default");
        }
        default -> {
          key.type = "text";
          tally.add("bend: key type " + idType + " -> text");
        }
      }
      if (a.keyword("default") != null && !(a.keyword("default") instanceof Nil)) {
        key.defaultSql = defaultSql(a.keyword("default"), key.type);
      }
      if (validName(keyName)) {
        columns.add(key);
        primaryKey.add(keyName);
      } else {
        tally.add("drop: column whose name is not a modelc identifier");
      }
    }
    TableSpec spec = new TableSpec(name, a.keyword("comment") instanceof String s ? s : null, columns, primaryKey,
        new ArrayList<>(), new ArrayList<>());
    Set<String> fields = new HashSet<>();
    columns.forEach(c -> fields.add(JavaNames.field(c.name)));
    for (Statement s : t.body) {
      switch (s.verb) {
        case "index", "check_constraint" -> { }
        case "timestamps" -> {
          for (String ts : List.of("created_at", "updated_at")) {
            ColumnSpec c = new ColumnSpec(ts);
            c.type = "timestamp";
            c.nullable = !Boolean.FALSE.equals(s.args.keyword("null"));
            columns.add(c);
          }
        }
        case "exclusion_constraint" -> tally.add("drop: exclusion constraint");
        case "unique_constraint" -> tally.add("drop: unique constraint (deferrable)");
        default -> {
          ColumnSpec c = column(name, s);
          if (c == null) {
            continue;
          }
          if (primaryKey.contains(c.name)) {
            c.primaryKey = primaryKey.size() == 1;
            c.nullable = false;
          }
          ColumnSpec existing = spec.column(c.name);
          if (existing != null && existing.primaryKey) {
            existing.type = c.type; // the key column the table options made is also listed
          } else if (existing != null) {
            tally.add("drop: column defined twice");
          } else if (!fields.add(JavaNames.field(c.name))) {
            tally.add("drop: column whose Java name collides with another column's");
            dropColumn(name, c.name);
          } else {
            columns.add(c);
          }
        }
      }
    }
    if (!primaryKey.stream().allMatch(k -> spec.column(k) != null)) {
      tally.add("drop: primary key over a column that is not in the model");
      primaryKey.clear();
      columns.forEach(c -> c.primaryKey = false);
    }
    if (primaryKey.size() > 1) {
      // composite keys are written as a table-level primaryKey list
      columns.forEach(c -> c.primaryKey = false);
    }
    tables.put(name, spec);
  }

  private void dropColumn(String table, String column) {
    droppedColumns.computeIfAbsent(table, k -> new HashSet<>()).add(column);
  }

  private ColumnSpec column(String table, Statement s) {
    String railsType = s.verb;
    Args a = s.args;
    int nameAt = 0;
    if (railsType.equals("column")) {
      railsType = RubyValues.text(a.positional().size() > 1 ? a.positional().get(1) : null);
      if (railsType == null) {
        tally.add("drop: column of unreadable type");
        return null;
      }
    }
    String name = a.string(nameAt);
    if (name == null) {
      tally.add("drop: unreadable table statement t." + s.verb);
      return null;
    }
    if (!validName(name)) {
      tally.add("drop: column whose name is not a modelc identifier (reserved word, case, length)");
      dropColumn(table, name);
      return null;
    }
    ColumnSpec c = new ColumnSpec(name);
    Object limit = a.keyword("limit");
    Object precision = a.keyword("precision");
    Object scale = a.keyword("scale");
    boolean array = Boolean.TRUE.equals(a.keyword("array"));
    switch (railsType) {
      case "string" -> {
        if (limit instanceof Num n) {
          c.type = "varchar(" + n.text() + ")";
        } else if (implicitStringLimit255) {
          c.type = "varchar(255)";
        } else {
          c.type = "text";
          tally.add("bend: string without limit (varchar) -> text");
        }
      }
      case "text" -> c.type = "text";
      case "char", "character" -> c.type = limit instanceof Num n ? "char(" + n.text() + ")" : "char(1)";
      case "integer" -> {
        String l = limit instanceof Num n ? n.text() : "4";
        c.type = switch (l) {
          case "1", "2" -> "smallint";
          case "8" -> "bigint";
          default -> "int";
        };
      }
      case "smallint" -> c.type = "smallint";
      case "bigint" -> c.type = "bigint";
      case "serial", "bigserial" -> {
        c.type = railsType.equals("serial") ? "int" : "bigint";
        tally.add("bend: serial column without its sequence default");
      }
      case "boolean" -> c.type = "bool";
      case "datetime", "timestamp" -> c.type = "timestamp";
      case "timestamptz" -> c.type = "timestamptz";
      case "date" -> c.type = "date";
      case "time" -> c.type = "time";
      case "decimal", "numeric" -> {
        if (precision instanceof Num p) {
          c.type = scale instanceof Num sc ? "numeric(" + p.text() + "," + sc.text() + ")" : "numeric(" + p.text() + ")";
        } else {
          c.type = "numeric";
          if (scale != null) {
            tally.add("drop: numeric scale without precision");
          }
        }
      }
      case "float", "double" -> c.type = "double";
      case "real" -> c.type = "real";
      case "uuid" -> c.type = "uuid";
      case "json" -> c.type = "json";
      case "jsonb" -> c.type = "jsonb";
      case "binary", "blob" -> c.type = "bytes";
      case "enum" -> {
        String enumType = unqualified(RubyValues.text(a.keyword("enum_type")));
        List<String> values = enumType == null ? null : enums.get(enumType);
        if (values == null || values.isEmpty()) {
          tally.add("drop: enum column whose type is not declared");
          dropColumn(table, name);
          return null;
        }
        c.type = "enum";
        c.values = values;
        c.sharedEnum = enumType;
        tally.add("bend: shared named enum type -> per-column enum type");
      }
      case "virtual" -> {
        tally.add("drop: generated (virtual) column");
        dropColumn(table, name);
        return null;
      }
      case "references", "belongs_to", "timestamps", "index" -> {
        tally.add("drop: unsupported table statement t." + railsType);
        return null;
      }
      default -> {
        c.type = "text";
        tally.add("bend: " + railsType + " -> text");
      }
    }
    if ((railsType.equals("text") || railsType.equals("binary") || railsType.equals("blob")) && limit != null) {
      tally.add("drop: limit on text/binary (MySQL size class)");
    }
    if (precision != null && !(precision instanceof Nil) && !c.type.startsWith("numeric")) {
      if (!(precision instanceof Num n && n.text().equals("6"))) {
        tally.add("drop: time precision other than 6");
      }
    }
    if (a.keyword("collation") != null) {
      tally.add("drop: column collation");
    }
    if (array) {
      c.type = "jsonb";
      tally.add("bend: array column -> jsonb");
    }
    c.nullable = !Boolean.FALSE.equals(a.keyword("null"));
    Object def = a.keyword("default");
    if (def != null && !(def instanceof Nil)) {
      c.defaultSql = array ? arrayDefault(def) : defaultSql(def, c.type);
      if (c.type.equals("enum") && c.defaultSql != null
          && !c.values.contains(c.defaultSql.substring(1, Math.max(1, c.defaultSql.length() - 1)))) {
        tally.add("drop: enum default that is not one of its values");
        c.defaultSql = null;
      }
    }
    if (a.keyword("comment") instanceof String comment) {
      c.description = comment;
    }
    return c;
  }

  private String arrayDefault(Object def) {
    if (def instanceof List<?> list) {
      StringBuilder json = new StringBuilder("[");
      for (Object v : list) {
        json.append(json.length() > 1 ? "," : "");
        json.append(v instanceof Num n ? n.text() : v instanceof Boolean b ? b.toString() : jsonString(String.valueOf(RubyValues.text(v))));
      }
      return sqlLiteral(json.append(']').toString());
    }
    tally.add("drop: array default that is not a list");
    return null;
  }

  private String defaultSql(Object def, String type) {
    if (def instanceof Lambda l) {
      String expr = l.body();
      if (expr.equals("uuid_generate_v4()")) {
        tally.add("bend: uuid_generate_v4() default -> gen_random_uuid()");
        return "gen_random_uuid()";
      }
      return expr;
    }
    if (def instanceof Boolean b) {
      return b.toString();
    }
    if (def instanceof Num n) {
      return type.equals("bool") ? (n.text().equals("0") ? "false" : "true") : n.text();
    }
    if (def instanceof String str) {
      if (type.equals("bool")) {
        return str.equals("t") || str.equals("true") || str.equals("1") ? "true" : "false";
      }
      // the dump writes decimal defaults as strings ("0.0"); a number column takes a number literal
      if ((type.startsWith("numeric") || type.equals("int") || type.equals("bigint") || type.equals("smallint")
          || type.equals("double") || type.equals("real")) && str.matches("-?[0-9]+(\\.[0-9]+)?")) {
        return str;
      }
      return sqlLiteral(str);
    }
    if (def instanceof Map<?, ?> map) {
      StringBuilder json = new StringBuilder("{");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.append(json.length() > 1 ? "," : "").append(jsonString(String.valueOf(e.getKey()))).append(':');
        Object v = e.getValue();
        json.append(v instanceof Num n ? n.text() : v instanceof Boolean b ? b.toString() : v instanceof Nil ? "null"
            : jsonString(String.valueOf(RubyValues.text(v))));
      }
      return sqlLiteral(json.append('}').toString());
    }
    if (def instanceof List<?> list && list.isEmpty()) {
      return sqlLiteral("[]");
    }
    tally.add("drop: default this converter cannot read");
    return null;
  }

  private void index(TableSpec t, Args a) {
    Object cols = a.positional().isEmpty() ? null : a.positional().get(0);
    List<String> names = new ArrayList<>();
    if (cols instanceof List<?> list) {
      list.forEach(v -> names.add(RubyValues.text(v)));
    } else if (cols instanceof String str && COLUMN_LIST_NAME.matcher(str).matches()) {
      names.add(str);
    } else if (cols instanceof Sym sym) {
      names.add(sym.name());
    } else {
      tally.add("drop: expression index");
      return;
    }
    String using = RubyValues.text(a.keyword("using"));
    if (using != null && !using.equals("btree")) {
      tally.add("drop: " + using + " index");
      return;
    }
    if (a.keyword("opclass") != null) {
      tally.add("drop: index with an operator class");
      return;
    }
    if (a.keyword("type") != null) {
      tally.add("drop: " + RubyValues.text(a.keyword("type")) + " index");
      return;
    }
    if (a.keyword("length") != null) {
      tally.add("drop: index with prefix lengths (MySQL)");
      return;
    }
    if (a.keyword("nulls_not_distinct") != null) {
      tally.add("drop: unique index with NULLS NOT DISTINCT");
      return;
    }
    String name = RubyValues.text(a.keyword("name"));
    if (name == null) {
      name = "index_" + t.name + "_on_" + String.join("_and_", names);
    }
    for (String n : names) {
      if (n == null || t.column(n) == null) {
        tally.add("drop: index over a column that is not in the model");
        return;
      }
    }
    List<String> include = new ArrayList<>();
    if (a.keyword("include") instanceof List<?> inc) {
      for (Object v : inc) {
        String n = RubyValues.text(v);
        if (n == null || t.column(n) == null) {
          tally.add("drop: index over a column that is not in the model");
          return;
        }
        include.add(n);
      }
    }
    if (!validName(name)) {
      tally.add("drop: index whose name is not a modelc identifier (reserved word, case, length)");
      return;
    }
    if (!relationNames.add(name)) {
      tally.add("drop: index whose name is taken by another index, table or key");
      return;
    }
    if (names.size() != new HashSet<>(names).size()) {
      tally.add("drop: index listing a column twice");
      return;
    }
    Object order = a.keyword("order");
    List<String> keyColumns = new ArrayList<>();
    for (String n : names) {
      String direction = null;
      if (order instanceof Map<?, ?> m) {
        direction = RubyValues.text(m.get(n));
      } else if (order != null) {
        direction = RubyValues.text(order);
      }
      if (direction != null && direction.toLowerCase(Locale.ROOT).contains("nulls")) {
        tally.add("drop: NULLS FIRST/LAST in an index key");
        direction = direction.toLowerCase(Locale.ROOT).startsWith("desc") ? "desc" : null;
      }
      keyColumns.add("desc".equalsIgnoreCase(direction) ? n + " desc" : n);
    }
    String where = withoutEnumCasts(t, RubyValues.text(a.keyword("where")));
    if (where != null && mentionsDropped(t.name, where)) {
      tally.add("drop: partial index whose predicate uses a column not in the model");
      relationNames.remove(name);
      return;
    }
    t.indexes.add(new IndexSpec(name, keyColumns, Boolean.TRUE.equals(a.keyword("unique")), where, include));
  }

  /**
   * Enum columns get a type per column in modelc ({@code <table>_<column>}), so a cast to the
   * shared Rails type ({@code 'x'::invoice_status}) in a predicate names a type that does not
   * exist. When one column of the table has that shared type the cast is to that column's type;
   * otherwise the cast is taken out (PostgreSQL then types a lone literal from the column).
   */
  private String withoutEnumCasts(TableSpec t, String sql) {
    if (sql == null) {
      return null;
    }
    String out = sql;
    for (String type : enums.keySet()) {
      List<ColumnSpec> users = t.columns.stream().filter(c -> type.equals(c.sharedEnum)).toList();
      String replacement = users.size() == 1 ? "::" + PostgresNames.enumType(t.name, users.get(0).name) : "";
      String next = out.replaceAll("::(public\\.)?\"?" + Pattern.quote(type) + "\"?(?![A-Za-z0-9_])",
          Matcher.quoteReplacement(replacement));
      if (!next.equals(out)) {
        tally.add(replacement.isEmpty() ? "bend: cast to a shared enum type removed from a predicate"
            : "bend: cast to a shared enum type -> cast to the column's enum type");
        out = next;
      }
    }
    return out;
  }

  private boolean mentionsDropped(String table, String sql) {
    for (String c : droppedColumns.getOrDefault(table, Set.of())) {
      if (Pattern.compile("\\b" + Pattern.quote(c) + "\\b").matcher(sql).find()) {
        return true;
      }
    }
    return false;
  }

  private void check(TableSpec t, Args a) {
    String expression = withoutEnumCasts(t, a.string(0));
    String name = RubyValues.text(a.keyword("name"));
    if (expression == null) {
      tally.add("drop: unreadable check constraint");
      return;
    }
    if (Boolean.FALSE.equals(a.keyword("validate"))) {
      tally.add("bend: NOT VALID check -> validated check");
    }
    if (name == null || !validName(name)) {
      tally.add("drop: check whose name is not a modelc identifier");
      return;
    }
    if (mentionsDropped(t.name, expression)) {
      tally.add("drop: check that uses a column not in the model");
      return;
    }
    if (t.checks.stream().anyMatch(c -> c.name.equals(name))) {
      tally.add("drop: check whose name is used twice");
      return;
    }
    t.checks.add(new CheckSpec(name, expression));
  }

  private void foreignKey(Args a) {
    String from = a.string(0);
    String to = a.string(1);
    TableSpec source = from == null ? null : tables.get(from);
    TableSpec target = to == null ? null : tables.get(to);
    if (source == null || target == null) {
      tally.add("drop: foreign key to or from a table that is not in the model");
      return;
    }
    Object col = a.keyword("column");
    if (col instanceof List<?>) {
      tally.add("drop: composite foreign key");
      return;
    }
    String column = col != null ? RubyValues.text(col) : singular(to) + "_id";
    Object pkObj = a.keyword("primary_key");
    if (pkObj instanceof List<?>) {
      tally.add("drop: composite foreign key");
      return;
    }
    String targetColumn = pkObj != null ? RubyValues.text(pkObj) : "id";
    ColumnSpec c = source.column(column);
    ColumnSpec tc = target.column(targetColumn);
    if (c == null || tc == null) {
      tally.add("drop: foreign key over a column that is not in the model");
      return;
    }
    if (!c.type.equals(tc.type)) {
      tally.add("drop: foreign key between columns of different types (" + c.type + " -> " + tc.type + ")");
      return;
    }
    boolean key = target.primaryKey.equals(List.of(targetColumn)) || target.indexes.stream()
        .anyMatch(i -> i.unique && i.where == null && i.columns.equals(List.of(targetColumn)));
    if (!key) {
      tally.add("drop: foreign key to a column that is neither primary key nor unique");
      return;
    }
    if (c.references != null) {
      tally.add("drop: second foreign key on one column");
      return;
    }
    if (a.keyword("name") != null) {
      tally.add("bend: explicit constraint name (fk_rails_...) -> <table>_<column>_fkey");
    }
    if (a.keyword("on_update") != null) {
      tally.add("drop: ON UPDATE action of a foreign key");
    }
    if (a.keyword("deferrable") != null) {
      tally.add("drop: deferrable foreign key");
    }
    if (Boolean.FALSE.equals(a.keyword("validate"))) {
      tally.add("bend: NOT VALID foreign key -> validated foreign key");
    }
    String onDelete = RubyValues.text(a.keyword("on_delete"));
    c.references = to + "." + targetColumn;
    c.onDelete = onDelete == null ? null : switch (onDelete) {
      case "cascade" -> "cascade";
      case "nullify" -> "set null";
      case "restrict" -> "restrict";
      default -> null;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // writing YAML

  /**
   * The model YAML of {@code current}; with a {@code previous} version, every table, column and
   * index it had that {@code current} lacks gets a tombstone naming {@code upstreamRevision}.
   */
  public static String yaml(String modelName, Converted current, Converted previous, String upstreamRevision) {
    StringBuilder y = new StringBuilder();
    y.append("# Converted from a Rails db/schema.rb by dev.modelc.corpus.RailsSchemaConverter.\n");
    y.append("model: ").append(q(modelName)).append('\n');
    y.append("tables:").append(current.tables.isEmpty() ? " {}\n" : "\n");
    for (TableSpec t : current.tables.values()) {
      y.append("  ").append(key(t.name)).append(":\n");
      if (t.description != null) {
        y.append("    description: ").append(q(t.description)).append('\n');
      }
      y.append("    columns:\n");
      for (ColumnSpec c : t.columns) {
        y.append("      ").append(key(c.name)).append(": { type: ").append(q(c.type));
        if (!c.values.isEmpty()) {
          y.append(", values: ").append(list(c.values));
        }
        if (c.nullable && !c.primaryKey) {
          y.append(", nullable: true");
        }
        if (c.defaultSql != null) {
          y.append(", default: ").append(q(c.defaultSql));
        }
        if (c.primaryKey) {
          y.append(", primaryKey: true");
        }
        if (c.references != null) {
          y.append(", references: ").append(q(c.references));
          if (c.onDelete != null) {
            y.append(", onDelete: ").append(q(c.onDelete));
          }
        }
        if (c.description != null) {
          y.append(", description: ").append(q(c.description));
        }
        y.append(" }\n");
      }
      if (t.primaryKey.size() > 1) {
        y.append("    primaryKey: ").append(list(t.primaryKey)).append('\n');
      }
      if (!t.indexes.isEmpty()) {
        y.append("    indexes:\n");
        for (IndexSpec i : t.indexes) {
          y.append("      ").append(key(i.name)).append(": { columns: ").append(list(i.columns));
          if (i.unique) {
            y.append(", unique: true");
          }
          if (i.where != null) {
            y.append(", where: ").append(q(i.where));
          }
          if (!i.include.isEmpty()) {
            y.append(", include: ").append(list(i.include));
          }
          y.append(", reason: ").append(q(INDEX_REASON)).append(" }\n");
        }
      }
      if (!t.checks.isEmpty()) {
        y.append("    checks:\n");
        for (CheckSpec c : t.checks) {
          y.append("      ").append(key(c.name)).append(": { expression: ").append(q(c.expression)).append(" }\n");
        }
      }
    }
    if (previous != null) {
      String reason = q("Removed upstream in " + upstreamRevision + ".");
      StringBuilder tablesOut = new StringBuilder();
      StringBuilder columnsOut = new StringBuilder();
      StringBuilder indexesOut = new StringBuilder();
      for (TableSpec old : previous.tables.values()) {
        TableSpec now = current.tables.get(old.name);
        if (now == null) {
          tablesOut.append("    ").append(key(old.name)).append(": { reason: ").append(reason).append(" }\n");
          continue;
        }
        for (ColumnSpec c : old.columns) {
          if (now.column(c.name) == null) {
            columnsOut.append("    ").append(q(old.name + "." + c.name)).append(": { reason: ").append(reason).append(" }\n");
          }
        }
        for (IndexSpec i : old.indexes) {
          if (now.indexes.stream().noneMatch(n -> n.name.equals(i.name))) {
            indexesOut.append("    ").append(q(old.name + "." + i.name)).append(": { reason: ").append(reason).append(" }\n");
          }
        }
      }
      if (tablesOut.length() + columnsOut.length() + indexesOut.length() > 0) {
        y.append("retired:\n");
        if (tablesOut.length() > 0) {
          y.append("  tables:\n").append(tablesOut);
        }
        if (columnsOut.length() > 0) {
          y.append("  columns:\n").append(columnsOut);
        }
        if (indexesOut.length() > 0) {
          y.append("  indexes:\n").append(indexesOut);
        }
      }
    }
    return y.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static boolean validName(String name) {
    return SNAKE.matcher(name).matches() && name.getBytes(StandardCharsets.UTF_8).length <= 63
        && !PostgresReserved.WORDS.contains(name);
  }

  private static String unqualified(String name) {
    return name == null ? null : name.substring(name.lastIndexOf('.') + 1);
  }

  private static String fit(String name) {
    return name.length() <= 63 ? name : name.substring(0, 63);
  }

  private static String sqlLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String jsonString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  /** A YAML double-quoted scalar. */
  static String q(String value) {
    return jsonString(value);
  }

  private static String key(String name) {
    return YAML_SPECIAL_KEYS.contains(name) ? q(name) : name;
  }

  private static String list(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(q(v)));
    return "[" + String.join(", ", quoted) + "]";
  }

  /** Rails' singular of a table name's last word, enough for default foreign-key columns. */
  static String singular(String table) {
    int cut = table.lastIndexOf('_');
    String head = table.substring(0, cut + 1);
    String w = table.substring(cut + 1);
    Map<String, String> irregular = Map.of("people", "person", "men", "man", "children", "child",
        "data", "datum", "media", "medium", "criteria", "criterion");
    Set<String> uncountable = Set.of("equipment", "information", "rice", "money", "species", "series", "fish",
        "sheep", "jeans", "police", "news");
    String s;
    if (irregular.containsKey(w)) {
      s = irregular.get(w);
    } else if (uncountable.contains(w)) {
      s = w;
    } else if (w.matches(".*(alias|status)es")) {
      s = w.substring(0, w.length() - 2);
    } else if (w.matches(".*(vert|ind)ices")) {
      s = w.substring(0, w.length() - 4) + "ex";
    } else if (w.matches(".*matrices")) {
      s = w.substring(0, w.length() - 3) + "x";
    } else if (w.matches(".*(x|ch|ss|sh)es")) {
      s = w.substring(0, w.length() - 2);
    } else if (w.matches(".*([^aeiouy]|qu)ies")) {
      s = w.substring(0, w.length() - 3) + "y";
    } else if (w.matches(".*(bus)es")) {
      s = w.substring(0, w.length() - 2);
    } else if (w.matches(".*([lr])ves")) {
      s = w.substring(0, w.length() - 3) + "f";
    } else if (w.matches(".*(analy|ba|diagno|parenthe|progno|synop|the)ses")) {
      s = w.substring(0, w.length() - 2) + "is";
    } else if (w.matches(".*ss")) {
      s = w;
    } else if (w.endsWith("s")) {
      s = w.substring(0, w.length() - 1);
    } else {
      s = w;
    }
    return head + s;
  }
}
