package dev.modelc.parse;

import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Generation;
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
import dev.modelc.model.SqlText;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import dev.modelc.model.UniqueConstraint;
import dev.modelc.model.UnmanagedObject;
import dev.modelc.parse.NodeReader.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Walks one file's YAML tree into its part of the model. Keys, value types and enumerated
 * values are checked here (they need the YAML positions), by the definitions of
 * {@link ModelGrammar}, from which the JSON Schema is generated too; names and
 * cross-references are checked later, on the merged model, by the {@code check} stage.
 */
final class ModelBuilder {
  private static final Pattern TYPE =
      Pattern.compile("([a-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(\\[\\s*\\])?");
  /** {@code key [asc|desc] [nulls first|last]}: the key may hold spaces (quoted names) or be an expression. */
  private static final Pattern ORDERED =
      Pattern.compile("(.+?)(?:\\s+(asc|desc))?(?:\\s+nulls\\s+(first|last))?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern FUNCTION_CALL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*\\s*\\(.*\\)");
  /** Operators longest first, so that {@code <=} is not read as {@code <} followed by a literal. */
  private static final List<String> OPERATOR_SPELLINGS = ModelGrammar.OPERATORS;
  private static final List<String> ON_DELETE = ModelGrammar.ON_DELETE.values();

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
      out.broken.unreadableFile(); // whatever it meant to declare is unknown
      return;
    }
    Map<String, Entry> keys = top.get();
    in.rejectUnknownKeys(keys, ModelGrammar.FILE.names(), "the model file");
    header(keys, "model").ifPresent(h -> {
      if (!ModelGrammar.MODEL_NAME.matches(h.value())) {
        in.invalid(keys.get("model").value(), "'model' must be " + ModelGrammar.MODEL_NAME.means());
      } else {
        out.name = h;
      }
    });
    header(keys, "description").ifPresent(h -> out.description = h);
    header(keys, "database").ifPresent(h -> {
      if (ModelGrammar.DATABASE.read(h.value()).isPresent()) {
        out.database = h;
      } else {
        in.invalid(keys.get("database").value(), "database '" + h.value()
            + "' is not supported; modelc targets 'postgresql'");
      }
    });
    if (keys.containsKey("policy")) {
      policy(keys.get("policy"));
    }
    if (keys.containsKey("extensions")) {
      extensions(keys.get("extensions"));
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
    if (keys.containsKey("unmanaged")) {
      unmanaged(keys.get("unmanaged"));
    }
  }

  private void extensions(Entry e) {
    Optional<List<Node>> items = in.sequence(e.value(), "'extensions'");
    if (items.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (Node item : items.get()) {
      Optional<String> name = in.string(item, "an item of 'extensions'");
      if (name.isEmpty()) {
        continue;
      }
      if (!Pattern.matches(ModelGrammar.EXTENSION.pattern(), name.get())) { // its length is check's (MC402)
        in.invalid(item, "extension '" + name.get() + "' is not an extension name such as citext or pg_trgm");
      } else if (names.contains(name.get())) {
        in.invalid(item, "extension '" + name.get() + "' is listed twice");
      } else {
        names.add(name.get());
      }
    }
    out.extensions = new FileModel.Extensions(names, in.at(e.keyNode()));
  }

  // ---- unmanaged ---------------------------------------------------------------------------

  private void unmanaged(Entry section) {
    Optional<Map<String, Entry>> m = sections(section, "'unmanaged'", ModelGrammar.UNMANAGED.names());
    if (m.isEmpty()) {
      return;
    }
    for (Entry kindEntry : m.get().values()) {
      Arrays.stream(UnmanagedObject.Kind.values()).filter(k -> k.section().equals(kindEntry.key())).findFirst()
          .ifPresent(kind -> named(kindEntry, "unmanaged." + kindEntry.key(), e -> unmanagedObject(kind, e)));
    }
  }

  private void unmanagedObject(UnmanagedObject.Kind kind, Entry e) {
    String what = "unmanaged " + kind.label() + " '" + e.key() + "'";
    SourceRef at = in.at(e.keyNode());
    String table = null;
    String name = e.key();
    if (kind.inTable()) {
      Optional<String[]> parts = tableAndName(e, false, what + " must be named 'table.name': a " + kind.label()
          + " belongs to a table");
      if (parts.isEmpty()) {
        return;
      }
      table = parts.get()[0];
      name = parts.get()[1];
    }
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return;
    }
    Map<String, Entry> keys = m.get();
    ModelGrammar.Shape shape = kind == UnmanagedObject.Kind.OTHER ? ModelGrammar.UNMANAGED_OTHER : ModelGrammar.UNMANAGED_ENTRY;
    in.rejectUnknownKeys(keys, shape.names(), what);
    requireAll(keys, shape, at, what);
    String otherKind = kind == UnmanagedObject.Kind.OTHER ? text(keys, "kind", what) : null;
    List<String> dependsOn = list(keys, "dependsOn", what);
    for (String d : dependsOn) {
      if (!ModelGrammar.DEPENDENCY.matches(d)) {
        in.invalid(keys.get("dependsOn").value(), "'dependsOn' of " + what + " names tables and table.column, not '" + d + "'");
      }
    }
    String reason = text(keys, "reason", what);
    out.unmanaged.add(new UnmanagedObject(kind, table, name, otherKind, reason == null ? "" : reason, dependsOn, at));
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
    return YamlScalars.isNull(node);
  }

  // ---- tables ------------------------------------------------------------------------------

  private int errors() {
    return in.diagnostics().errorCount();
  }

  /** A column as written: the column, and the key, unique constraint and foreign key written on it. */
  private record ColumnRead(Column column, boolean unique, ForeignKey reference) {}

  private void table(Entry e) {
    int start = errors();
    int inner = 0; // errors of columns, keys and indexes: they break those, not the table
    String name = e.key();
    SourceRef at = in.at(e.keyNode());
    String what = "table '" + name + "'";
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      out.broken.markTable(name, true);
      return;
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, ModelGrammar.TABLE.names(), what);
    requireAll(keys, ModelGrammar.TABLE, at, what);
    String description = text(keys, "description", what);
    String owner = text(keys, "owner", what);
    Long rows = number(keys, ModelGrammar.TABLE, "rows", what).orElse(null);
    List<ColumnRead> read = new ArrayList<>();
    if (keys.containsKey("columns")) {
      Optional<Map<String, Entry>> cols = in.mapping(keys.get("columns").value(), "'columns' of " + what);
      if (cols.isPresent()) {
        for (Entry c : cols.get().values()) {
          int before = errors();
          Optional<ColumnRead> column = column(name, c);
          column.ifPresent(read::add);
          if (errors() > before) {
            inner += errors() - before;
            out.broken.markColumn(name, c.key(), column.isEmpty());
          }
        }
        if (cols.get().isEmpty()) {
          in.invalid(keys.get("columns").value(), what + " needs at least one column");
        }
      }
    }
    List<Column> columns = read.stream().map(ColumnRead::column).toList();
    List<String> primaryKey = new ArrayList<>();
    String primaryKeyName = null;
    if (keys.containsKey("primaryKey")) {
      Entry pk = keys.get("primaryKey");
      if (pk.value() instanceof MappingNode) {
        Optional<Map<String, Entry>> pm = in.mapping(pk.value(), "'primaryKey' of " + what);
        if (pm.isPresent()) {
          in.rejectUnknownKeys(pm.get(), ModelGrammar.PRIMARY_KEY.names(), "'primaryKey' of " + what);
          if (requireAll(pm.get(), ModelGrammar.PRIMARY_KEY, in.at(pk.keyNode()), "'primaryKey' of " + what)) {
            in.stringList(pm.get().get("columns").value(), "'columns' of the primary key of " + what)
                .ifPresent(primaryKey::addAll);
          }
          primaryKeyName = name(pm.get(), "the primary key of " + what);
        }
      } else {
        in.stringList(pk.value(), "'primaryKey' of " + what).ifPresent(primaryKey::addAll);
      }
      if (columns.stream().anyMatch(Column::primaryKey)) {
        in.invalid(pk.keyNode(), what + " declares its primary key twice: "
            + "use either 'primaryKey' on the table or 'primaryKey: true' on columns");
      }
    } else {
      columns.stream().filter(Column::primaryKey).map(Column::name).forEach(primaryKey::add);
    }
    List<UniqueConstraint> uniques = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (ColumnRead c : read) {
      if (c.unique()) {
        uniques.add(new UniqueConstraint(null, List.of(c.column().name()), false, true, c.column().source()));
      }
      if (c.reference() != null) {
        foreignKeys.add(c.reference());
      }
    }
    int beforeKeys = errors();
    if (keys.containsKey("uniques")) {
      list(keys.get("uniques"), "'uniques' of " + what, item -> unique(item, what).ifPresent(uniques::add));
    }
    if (keys.containsKey("foreignKeys")) {
      list(keys.get("foreignKeys"), "'foreignKeys' of " + what, item -> foreignKey(item, what).ifPresent(foreignKeys::add));
    }
    inner += errors() - beforeKeys;
    List<Index> indexes = new ArrayList<>();
    int beforeIndexes = errors();
    if (keys.containsKey("indexes")) {
      named(keys.get("indexes"), "indexes' of '" + name, ie -> {
        int before = errors();
        Optional<Index> index = index(name, ie);
        index.ifPresent(indexes::add);
        if (errors() > before) {
          out.broken.markIndex(ie.key());
        }
      });
    }
    List<Check> checks = new ArrayList<>();
    if (keys.containsKey("checks")) {
      named(keys.get("checks"), "checks' of '" + name, ce -> check(ce).ifPresent(checks::add));
    }
    inner += errors() - beforeIndexes;
    out.tables.add(new Table(name, description, owner, rows, columns, primaryKey, primaryKeyName, uniques, foreignKeys,
        indexes, checks, text(keys, "renamedFrom", what), at));
    if (errors() - start > inner) {
      out.broken.markTable(name, false); // the table's own keys: what is missing or wrong may be anything
    }
  }

  /** An explicit constraint name: any identifier (the check stage checks its length). */
  private String name(Map<String, Entry> keys, String what) {
    String name = text(keys, "name", what);
    if (name != null && name.isEmpty()) {
      in.invalid(keys.get("name").value(), "the name of " + what + " is empty; write a name or leave 'name:' out");
      return null;
    }
    return name;
  }

  /** Each item of a list: {@code uniques:}, {@code foreignKeys:}. */
  private void list(Entry section, String what, java.util.function.Consumer<Node> reader) {
    if (isEmpty(section.value())) {
      return;
    }
    in.sequence(section.value(), what).ifPresent(items -> items.forEach(reader));
  }

  private Optional<UniqueConstraint> unique(Node node, String table) {
    String what = "a unique constraint of " + table;
    Optional<Map<String, Entry>> m = in.mapping(node, what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    in.rejectUnknownKeys(m.get(), ModelGrammar.UNIQUE.names(), what);
    if (!requireAll(m.get(), ModelGrammar.UNIQUE, in.at(node), what)) {
      return Optional.empty();
    }
    Optional<List<String>> columns = nonEmptyList(m.get().get("columns"), what);
    return columns.map(cols -> new UniqueConstraint(name(m.get(), what), cols, flag(m.get(), "nullsNotDistinct", what),
        false, in.at(node)));
  }

  private Optional<List<String>> nonEmptyList(Entry e, String what) {
    Optional<List<String>> list = in.stringList(e.value(), "'" + e.key() + "' of " + what);
    if (list.isPresent() && list.get().isEmpty()) {
      in.invalid(e.value(), "'" + e.key() + "' of " + what + " needs at least one column");
      return Optional.empty();
    }
    return list;
  }

  /** The columns of a foreign key or of the key it references: 1 to 32, PostgreSQL's limit. */
  private Optional<List<String>> keyColumns(Entry e, String what) {
    Optional<List<String>> list = nonEmptyList(e, what);
    if (list.isPresent() && list.get().size() > ModelGrammar.MAX_KEY_COLUMNS) {
      in.invalid(e.value(), "'" + e.key() + "' of " + what + " lists " + list.get().size() + " columns; PostgreSQL allows "
          + ModelGrammar.MAX_KEY_COLUMNS + " in a foreign key");
      return Optional.empty();
    }
    return list;
  }

  private Optional<ForeignKey> foreignKey(Node node, String table) {
    String what = "a foreign key of " + table;
    Optional<Map<String, Entry>> m = in.mapping(node, what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, ModelGrammar.FOREIGN_KEY.names(), what);
    if (!requireAll(keys, ModelGrammar.FOREIGN_KEY, in.at(node), what)) {
      return Optional.empty();
    }
    Optional<List<String>> columns = keyColumns(keys.get("columns"), what);
    String targetTable = null;
    Optional<List<String>> targetColumns = Optional.empty();
    Entry ref = keys.get("references");
    Optional<Map<String, Entry>> target = in.mapping(ref.value(), "'references' of " + what);
    if (target.isPresent()) {
      String targetWhat = "'references' of " + what;
      in.rejectUnknownKeys(target.get(), ModelGrammar.FOREIGN_KEY_TARGET.names(), targetWhat);
      if (requireAll(target.get(), ModelGrammar.FOREIGN_KEY_TARGET, in.at(ref.keyNode()), targetWhat)) {
        targetTable = text(target.get(), "table", targetWhat);
        targetColumns = keyColumns(target.get().get("columns"), targetWhat);
      }
    }
    if (columns.isPresent() && targetColumns.isPresent() && columns.get().size() != targetColumns.get().size()) {
      in.invalid(ref.value(), what + " has " + columns.get().size() + " column(s) but references "
          + targetColumns.get().size() + "; list as many target columns as key columns, in the same order");
      return Optional.empty();
    }
    String onDelete = action(keys, "onDelete", what);
    String onUpdate = action(keys, "onUpdate", what);
    boolean full = word(keys, "match", ModelGrammar.MATCH, what).map("full"::equals).orElse(false);
    boolean deferrable = flag(keys, "deferrable", what);
    boolean initiallyDeferred = flag(keys, "initiallyDeferred", what);
    if (initiallyDeferred && !deferrable) {
      in.invalid(keys.get("initiallyDeferred").keyNode(), what + " is initiallyDeferred but not deferrable; add 'deferrable: true'");
    }
    if (columns.isEmpty() || targetTable == null || targetColumns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ForeignKey(name(keys, what), columns.get(), targetTable, targetColumns.get(), onDelete, onUpdate,
        full, deferrable, initiallyDeferred, false, in.at(node)));
  }

  /** {@code onDelete} / {@code onUpdate}: null for no action. */
  private String action(Map<String, Entry> keys, String key, String what) {
    if (!keys.containsKey(key)) {
      return null;
    }
    Node node = keys.get(key).value();
    Optional<String> written = in.string(node, "'" + key + "' of " + what);
    String action = written.flatMap(ModelGrammar.ON_DELETE::read).orElse(null);
    if (written.isPresent() && action == null) {
      String lower = written.get().toLowerCase(Locale.ROOT).trim();
      in.invalid(node, key + " '" + lower + "' of " + what + " must be one of " + String.join(", ", ON_DELETE)
          + dev.modelc.diag.Suggestions.didYouMean(lower, ON_DELETE));
      return null;
    }
    return "no action".equals(action) ? null : action;
  }

  private Optional<ColumnRead> column(String table, Entry e) {
    String name = e.key();
    SourceRef at = in.at(e.keyNode());
    String what = "column '" + table + "." + name + "'";
    if (e.value() instanceof ScalarNode) {
      // shorthand: `amount: bigint`
      Optional<String> spelling = in.string(e.value(), "the type of " + what);
      return spelling.flatMap(t -> type(t, List.of(), e.value(), what))
          .map(type -> new ColumnRead(new Column(name, type, false, null, false, null, null,
              serial(spelling.get()) ? new Generation(Generation.Kind.SERIAL, null, null) : null, null, at), false, null));
    }
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, ModelGrammar.COLUMN.names(), what);
    if (!requireAll(keys, ModelGrammar.COLUMN, at, what)) {
      return Optional.empty();
    }
    List<String> values = keys.containsKey("values")
        ? in.stringList(keys.get("values").value(), "'values' of " + what).orElse(List.of())
        : null;
    Entry typeEntry = keys.get("type");
    Optional<String> spelling = in.string(typeEntry.value(), "the type of " + what);
    Optional<ColumnType> type = spelling.flatMap(t -> type(t, values, typeEntry.value(), what)).map(in::shared);
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
      Optional<String> raw = in.sqlText(d, "'default' of " + what);
      if (raw.isPresent() && type.isPresent()) {
        defaultValue = defaultExpression(raw.get(), type.get(), d);
      }
    }
    ForeignKey reference = null;
    if (keys.containsKey("references")) {
      Entry r = keys.get("references");
      Optional<String> target = in.string(r.value(), "'references' of " + what);
      String onDelete = action(keys, "onDelete", what);
      String onUpdate = action(keys, "onUpdate", what);
      if (target.isPresent()) {
        int dot = target.get().lastIndexOf('.');
        if (dot <= 0 || dot == target.get().length() - 1) {
          in.invalid(r.value(), "'references' of " + what + " must name 'table.column', not '"
              + target.get() + "'; for several columns use the table's 'foreignKeys:'");
        } else {
          reference = ForeignKey.ofColumn(name, in.shared(target.get().substring(0, dot)), in.shared(target.get().substring(dot + 1)),
              onDelete, onUpdate, in.at(r.value()));
        }
      }
    } else {
      for (String key : List.of("onDelete", "onUpdate")) {
        if (keys.containsKey(key)) {
          in.invalid(keys.get(key).keyNode(), "'" + key + "' of " + what + " needs 'references:'");
        }
      }
    }
    Generation generation = type.isPresent() ? generation(keys, spelling.get(), type.get(), what, nullable, defaultValue) : null;
    String collation = null;
    if (keys.containsKey("collation")) {
      Node cn = keys.get("collation").value();
      collation = in.string(cn, "'collation' of " + what).orElse(null);
      if (collation != null && type.isPresent() && !type.get().kind().textLike()) {
        in.invalid(cn, "'collation' of " + what + " applies to text types (text, varchar, char, citext), not "
            + type.get().modelSpelling());
        collation = null;
      } else if (collation != null && (collation.isEmpty() || collation.indexOf('\u0000') >= 0)) {
        in.invalid(cn, "'collation' of " + what + " must name a collation such as \"C\" or \"en-US-x-icu\"");
        collation = null;
      }
    }
    if (type.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ColumnRead(new Column(name, type.get(), nullable, defaultValue, primaryKey,
        text(keys, "description", what), text(keys, "renamedFrom", what), generation, collation, at), unique, reference));
  }

  private static boolean serial(String spelling) {
    return ModelGrammar.SERIALS.containsKey(Patterns.asciiLower(spelling.trim()));
  }

  /** Identity, serial or generated: at most one, on a column of a type that allows it, without a default. */
  private Generation generation(Map<String, Entry> keys, String spelling, ColumnType type, String what, boolean nullable,
      String defaultValue) {
    List<String> ways = new ArrayList<>();
    Generation.Kind kind = null;
    String expression = null;
    if (serial(spelling)) {
      ways.add("a serial type");
      kind = Generation.Kind.SERIAL;
    }
    if (keys.containsKey("identity")) {
      Node idn = keys.get("identity").value();
      Optional<String> identity = in.string(idn, "'identity' of " + what);
      if (identity.isPresent() && ModelGrammar.IDENTITY.read(identity.get()).isEmpty()) {
        in.invalid(idn, "'identity' of " + what + " must be always or byDefault, not '" + identity.get() + "'"
            + dev.modelc.diag.Suggestions.didYouMean(identity.get(), ModelGrammar.IDENTITY.values()));
        return null;
      }
      if (identity.isEmpty()) {
        return null;
      }
      if (!type.kind().integer() || type.array()) {
        in.invalid(idn, "'identity' of " + what + " needs smallint, int or bigint, not " + type.modelSpelling());
        return null;
      }
      ways.add("'identity'");
      kind = identity.get().equals("always") ? Generation.Kind.IDENTITY_ALWAYS : Generation.Kind.IDENTITY_BY_DEFAULT;
    }
    if (keys.containsKey("generated")) {
      Node gn = keys.get("generated").value();
      expression = in.string(gn, "'generated' of " + what).map(String::trim).orElse(null);
      if (expression == null) {
        return null;
      }
      if (expression.isEmpty()) {
        in.invalid(gn, "'generated' of " + what + " is empty; write the expression that computes the column");
        return null;
      }
      ways.add("'generated'");
      kind = Generation.Kind.STORED;
    }
    if (ways.size() > 1) {
      in.invalid(keys.get("type").keyNode(), what + " uses " + String.join(" and ", ways)
          + "; a column is filled by at most one of them");
      return null;
    }
    String sequence = null;
    if (keys.containsKey("sequence")) {
      Node sn = keys.get("sequence").value();
      sequence = in.string(sn, "'sequence' of " + what).orElse(null);
      if (kind == null || kind == Generation.Kind.STORED) {
        in.invalid(keys.get("sequence").keyNode(), "'sequence' of " + what
            + " names the sequence of an identity or serial column; " + what + " is neither");
        return null;
      }
      if (sequence != null && sequence.isEmpty()) {
        in.invalid(sn, "'sequence' of " + what + " is empty; write the sequence's name or leave it out");
        return null;
      }
    }
    if (kind == null) {
      return null;
    }
    if (defaultValue != null) {
      in.invalid(keys.get("default").keyNode(), what + " is filled by " + ways.get(0) + " and cannot have a 'default' too");
      return null;
    }
    if (nullable && kind != Generation.Kind.STORED) {
      in.invalid(keys.get("nullable").keyNode(), what + " is an identity or serial column, which PostgreSQL keeps NOT NULL;"
          + " remove 'nullable: true'");
      return null;
    }
    return new Generation(kind, sequence, expression);
  }

  /**
   * Parses {@code varchar(64)}, {@code numeric(12,2)}, {@code timestamptz(3)}, {@code text[]},
   * {@code enum}, {@code bigserial}. {@code enumValues} is null when the column has no
   * {@code values:} key.
   */
  private Optional<ColumnType> type(String spelling, List<String> enumValues, Node node, String what) {
    Matcher m = TYPE.matcher(Patterns.asciiLower(spelling.trim()));
    boolean isSerial = m.matches() && ModelGrammar.SERIALS.containsKey(m.group(1));
    Optional<TypeKind> kind = !m.matches() ? Optional.empty()
        : isSerial ? Optional.of(ModelGrammar.SERIALS.get(m.group(1))) : TypeKind.fromModelName(m.group(1));
    if (kind.isEmpty()) {
      String base = m.matches() ? m.group(1) : spelling;
      List<String> names = ModelGrammar.TYPE.names();
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
    boolean array = m.group(4) != null;
    long first = m.group(2) == null ? -1 : size(m.group(2));
    long second = m.group(3) == null ? -1 : size(m.group(3));
    TypeKind k = kind.get();
    if (array && (isSerial || !k.arrays())) {
      in.invalid(node, "type '" + spelling + "' of " + what + ": arrays of " + (isSerial ? m.group(1) : k.modelName())
          + " are not supported; arrays of the other types are (text[], int[], uuid[], ...)");
      return Optional.empty();
    }
    if (isSerial && m.group(2) != null) {
      in.invalid(node, "type '" + m.group(1) + "' of " + what + " takes no size");
      return Optional.empty();
    }
    Optional<ColumnType> scalar = switch (k) {
      case VARCHAR, CHAR, BIT, VARBIT -> {
        long max = ModelGrammar.maxLength(k);
        if (second >= 0 || (m.group(2) != null && (first < 1 || first > max))) {
          in.invalid(node, "type of " + what + " takes one length from 1 to " + max + ", as in " + k.modelName() + "(64)");
          yield Optional.empty();
        }
        yield Optional.of(new ColumnType(k, m.group(2) == null ? null : (int) first, null, null, List.of()));
      }
      case NUMERIC -> {
        if (m.group(2) != null && (first < 1 || first > MAX_PRECISION || second > MAX_PRECISION)) {
          in.invalid(node, "type of " + what + " must be numeric(precision, scale) with 1 <= precision <= "
              + MAX_PRECISION + " and 0 <= scale <= " + MAX_PRECISION);
          yield Optional.empty();
        }
        yield Optional.of(new ColumnType(k, null, m.group(2) == null ? null : (int) first,
            m.group(3) == null ? null : (int) second, List.of()));
      }
      case TIME, TIMESTAMP, TIMESTAMPTZ -> {
        if (second >= 0 || (m.group(2) != null && first > MAX_SECONDS_PRECISION)) {
          in.invalid(node, "type of " + what + " takes one precision of fractional seconds from 0 to "
              + MAX_SECONDS_PRECISION + ", as in " + k.modelName() + "(3)");
          yield Optional.empty();
        }
        yield Optional.of(new ColumnType(k, null, m.group(2) == null ? null : (int) first, null, List.of()));
      }
      case ENUM -> {
        if (m.group(2) != null) {
          in.invalid(node, "enum takes its values from 'values:', not parentheses, in " + what);
          yield Optional.empty();
        }
        yield Optional.of(ColumnType.enumOf(enumValues == null ? List.of() : enumValues));
      }
      default -> {
        if (m.group(2) != null) {
          in.invalid(node, "type '" + k.modelName() + "' of " + what + " takes no size");
          yield Optional.empty();
        }
        yield Optional.of(ColumnType.of(k));
      }
    };
    return array ? scalar.map(ColumnType::arrayOf) : scalar;
  }

  private static final int MAX_PRECISION = ModelGrammar.MAX_PRECISION;
  private static final int MAX_SECONDS_PRECISION = ModelGrammar.MAX_SECONDS_PRECISION;

  /** A size written in a type, saturated so that no spelling can overflow. */
  private static long size(String digits) {
    int zeros = 0;
    while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
      zeros++; // leading zeros, so that a long run of them is not read as a large size
    }
    String d = digits.substring(zeros);
    return d.length() > 12 ? Long.MAX_VALUE : Long.parseLong(d);
  }

  /**
   * The SQL default expression. For text-like and enum columns a bare word is a value and is
   * quoted ({@code default: pending} means {@code 'pending'}), while a quoted literal or a
   * function call is kept as written; for other types the text is the SQL expression.
   */
  private String defaultExpression(String raw, ColumnType type, Node node) {
    String value = raw.trim();
    TypeKind kind = type.kind();
    boolean textLike = !type.array() && (kind.textLike() || kind == TypeKind.ENUM);
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
    in.rejectUnknownKeys(keys, ModelGrammar.INDEX.names(), what);
    boolean hasColumns = in.require(keys, "columns", at, what);
    if (!keys.containsKey("reason")) {
      in.diagnostics().report(StructureCode.MC203, at, what
          + " needs 'reason:': say why it exists, so reviewers and operators see it in plans");
    }
    requireAll(keys, ModelGrammar.INDEX, at, what);
    List<IndexColumn> columns = new ArrayList<>();
    if (hasColumns) {
      in.sequence(keys.get("columns").value(), "'columns' of " + what).ifPresent(items -> {
        for (Node item : items) {
          indexKey(item, what).ifPresent(columns::add);
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
    String method = "btree";
    if (keys.containsKey("method")) {
      Node mn = keys.get("method").value();
      Optional<String> value = in.string(mn, "'method' of " + what);
      Optional<String> chosen = value.flatMap(ModelGrammar.METHOD::read);
      if (value.isPresent() && chosen.isEmpty()) {
        String v = value.get().trim().toLowerCase(Locale.ROOT);
        in.invalid(mn, "'method' of " + what + " must be one of " + String.join(", ", Index.METHODS) + ", not '"
            + v + "'" + dev.modelc.diag.Suggestions.didYouMean(v, Index.METHODS));
      }
      method = chosen.orElse(method);
    }
    Map<String, String> with = new LinkedHashMap<>();
    if (keys.containsKey("with")) {
      in.mapping(keys.get("with").value(), "'with' of " + what).ifPresent(params -> params.values().forEach(p -> {
        Optional<String> value = storageValue(p.value(), "storage parameter '" + p.key() + "' of " + what);
        if (!ModelGrammar.STORAGE_NAME.matches(p.key())) {
          in.invalid(p.keyNode(), "storage parameter '" + p.key() + "' of " + what
              + " is not a parameter name such as fillfactor or fastupdate");
        } else if (value.isPresent() && !ModelGrammar.STORAGE_VALUE.matches(value.get())) {
          in.invalid(p.value(), "storage parameter '" + p.key() + "' of " + what
              + " must be a number, a word or a boolean, not '" + value.get() + "'");
        } else {
          value.ifPresent(v -> with.put(p.key(), v));
        }
      }));
    }
    return Optional.of(new Index(name, table, columns, flag(keys, "unique", what),
        text(keys, "where", what), include, text(keys, "reason", what), text(keys, "keep", what),
        text(keys, "renamedFrom", what), IndexOrigin.DECLARED, method, flag(keys, "nullsNotDistinct", what), with, at));
  }

  /**
   * A storage parameter's value: text, a flag, or a number, which is written by its value
   * ({@code 90}, also when the model says {@code 90.0} or {@code 9e1}), as an editor reads it.
   */
  private Optional<String> storageValue(Node node, String what) {
    Optional<String> written = in.sqlText(node, what);
    if (written.isPresent() && node instanceof ScalarNode n
        && (YamlScalars.kind(n) == YamlScalars.Kind.INTEGER || YamlScalars.kind(n) == YamlScalars.Kind.FLOAT)) {
      java.math.BigDecimal number = YamlScalars.number(n);
      if (number != null) {
        return Optional.of(number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString());
      }
    }
    return written;
  }

  /** One index key: {@code "created_at desc nulls last"}, {@code "lower(email)"} or the mapping form. */
  private Optional<IndexColumn> indexKey(Node item, String index) {
    String what = "a key of " + index;
    if (item instanceof ScalarNode) {
      return ordered(item, what).map(o -> new IndexColumn(o.column(), SqlText.isExpression(o.column()), o.descending(),
          o.nullsFirst(), null, o.source()));
    }
    Optional<Map<String, Entry>> m = in.mapping(item, what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, ModelGrammar.INDEX_KEY.names(), what);
    String column = text(keys, "column", what);
    String expression = text(keys, "expression", what);
    if ((column == null) == (expression == null)) {
      in.invalid(item, what + " needs exactly one of 'column:' and 'expression:'");
      return Optional.empty();
    }
    String key = column != null ? column : expression.trim();
    if (key.isEmpty()) {
      in.invalid(item, what + " names an empty " + (column != null ? "column" : "expression"));
      return Optional.empty();
    }
    boolean descending = word(keys, "order", ModelGrammar.ORDER, what).map("desc"::equals).orElse(false);
    Boolean nullsFirst = word(keys, "nulls", ModelGrammar.NULLS, what).map("first"::equals).orElse(null);
    String opclass = text(keys, "opclass", what);
    if (opclass != null && !ModelGrammar.OPCLASS.matches(opclass)) {
      in.invalid(keys.get("opclass").value(), "'opclass' of " + what + " must name an operator class such as "
          + "gin_trgm_ops or text_pattern_ops, not '" + opclass + "'");
      opclass = null;
    }
    return Optional.of(new IndexColumn(key, expression != null, descending, nullsFirst, opclass, in.at(item)));
  }

  private Optional<Check> check(Entry e) {
    String what = "check '" + e.key() + "'";
    SourceRef at = in.at(e.keyNode());
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    in.rejectUnknownKeys(m.get(), ModelGrammar.CHECK.names(), what);
    if (!requireAll(m.get(), ModelGrammar.CHECK, at, what)) {
      return Optional.empty();
    }
    String expression = text(m.get(), "expression", what);
    return expression == null ? Optional.empty()
        : Optional.of(new Check(e.key(), expression, text(m.get(), "reason", what), at));
  }

  // ---- queries -----------------------------------------------------------------------------

  private void query(Entry e) {
    int before = errors();
    boolean added = readQuery(e);
    if (errors() > before) {
      out.broken.markQuery(e.key(), !added);
    }
  }

  /** Reads one query; false when it could not be added to the model. */
  private boolean readQuery(Entry e) {
    String name = e.key();
    SourceRef at = in.at(e.keyNode());
    String what = "query '" + name + "'";
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return false;
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, ModelGrammar.QUERY.names(), what);
    if (!requireAll(keys, ModelGrammar.QUERY, at, what)) {
      return false;
    }
    String table = text(keys, "table", what);
    QueryKind kind = choice(keys, "kind", ModelGrammar.QUERY_KIND, what, QueryKind.class, QueryKind.SELECT);
    Traffic traffic = choice(keys, "traffic", ModelGrammar.TRAFFIC, what, Traffic.class, Traffic.STANDARD);
    List<Predicate> where = new ArrayList<>();
    if (keys.containsKey("where")) {
      in.mapping(keys.get("where").value(), "'where' of " + what).ifPresent(conditions -> {
        for (Entry c : conditions.values()) {
          if (c.value() instanceof ScalarNode) {
            condition(c.key(), c.value(), what).ifPresent(where::add);
          } else {
            in.sequence(c.value(), "the condition on '" + c.key() + "' in " + what).ifPresent(items -> {
              if (items.isEmpty()) {
                in.invalid(c.value(), "the list of conditions on '" + c.key() + "' in " + what
                    + " is empty; write at least one condition or remove the column");
              }
              items.forEach(i -> condition(c.key(), i, what).ifPresent(where::add));
            });
          }
        }
      });
    }
    List<OrderTerm> orderBy = new ArrayList<>();
    if (keys.containsKey("orderBy")) {
      in.sequence(keys.get("orderBy").value(), "'orderBy' of " + what).ifPresent(items -> {
        for (Node item : items) {
          ordered(item, "an orderBy term of " + what).ifPresent(o -> {
            if (o.nullsFirst() != null) {
              in.invalid(item, "an orderBy term of " + what + " cannot choose where nulls go; the query sorts them"
                  + " as PostgreSQL does (last ascending, first descending)");
            } else {
              orderBy.add(new OrderTerm(o.column(), o.descending(), o.source()));
            }
          });
        }
      });
    }
    Integer limit = number(keys, ModelGrammar.QUERY, "limit", what).map(Long::intValue).orElse(null);
    if (table == null) {
      return false;
    }
    out.queries.add(new QueryPattern(name, table, kind, where, orderBy, limit,
        list(keys, "returns", what), list(keys, "set", what), traffic, text(keys, "rate", what),
        list(keys, "endpoints", what), text(keys, "owner", what), text(keys, "index", what),
        text(keys, "description", what), at));
    return true;
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
        + " must start with an operator: =, !=, <, <=, >, >=, in, is null, is not null, like, ilike, @>, <@, &&, @@"
        + " (optionally followed by a literal, as in \"= 'pending'\")");
    return Optional.empty();
  }

  private record Ordered(String column, boolean descending, Boolean nullsFirst, SourceRef source) {}

  /** {@code column}, {@code column desc}, {@code lower(name) asc nulls first}. */
  private Optional<Ordered> ordered(Node node, String what) {
    Optional<String> text = in.string(node, what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = ORDERED.matcher(text.get().trim());
    if (text.get().isBlank() || !m.matches()) {
      in.invalid(node, what + " must be 'column', 'column asc' or 'column desc' (optionally 'nulls first' or"
          + " 'nulls last'), not '" + text.get() + "'");
      return Optional.empty();
    }
    boolean desc = m.group(2) != null && m.group(2).equalsIgnoreCase("desc");
    Boolean nullsFirst = m.group(3) == null ? null : m.group(3).equalsIgnoreCase("first");
    return Optional.of(new Ordered(in.shared(m.group(1).trim()), desc, nullsFirst, in.at(node)));
  }

  // ---- retired, policy ---------------------------------------------------------------------

  /** A mapping of sections by kind ({@code retired:}, {@code unmanaged:}); empty when absent or not a mapping. */
  private Optional<Map<String, Entry>> sections(Entry section, String what, List<String> kinds) {
    if (isEmpty(section.value())) {
      return Optional.empty();
    }
    Optional<Map<String, Entry>> m = in.mapping(section.value(), what);
    m.ifPresent(kindsGiven -> in.rejectUnknownKeys(kindsGiven, kinds, what));
    return m;
  }

  private void retired(Entry section) {
    Optional<Map<String, Entry>> m = sections(section, "'retired'", ModelGrammar.RETIRED.names());
    if (m.isEmpty()) {
      return;
    }
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
      Optional<String[]> parts = tableAndName(e, true, what + " must be named 'table." + (kind == Tombstone.Kind.COLUMN
          ? "column" : "index") + "'");
      if (parts.isEmpty()) {
        return;
      }
      table = parts.get()[0];
      name = parts.get()[1];
    }
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return;
    }
    ModelGrammar.Shape shape = switch (kind) {
      case INDEX -> ModelGrammar.INDEX_TOMBSTONE;
      case TABLE -> ModelGrammar.TABLE_TOMBSTONE;
      case COLUMN -> ModelGrammar.TOMBSTONE;
    };
    in.rejectUnknownKeys(m.get(), shape.names(), what);
    requireAll(m.get(), shape, at, what);
    out.retired.add(new Tombstone(kind, table, name, text(m.get(), "reason", what),
        text(m.get(), "replacedBy", what), text(m.get(), "droppedDespiteUse", what), at));
  }

  /**
   * A key named {@code table.name}, split at its first dot; {@code oneDot}: the name holds no
   * other (a retired column or index). A key of another form is reported with {@code message}.
   */
  private Optional<String[]> tableAndName(Entry e, boolean oneDot, String message) {
    String key = e.key();
    int dot = key.indexOf('.');
    if (dot <= 0 || dot == key.length() - 1 || oneDot && key.indexOf('.', dot + 1) >= 0) {
      in.invalid(e.keyNode(), message);
      return Optional.empty();
    }
    return Optional.of(new String[] {in.shared(key.substring(0, dot)), in.shared(key.substring(dot + 1))});
  }

  private void policy(Entry e) {
    Policy defaults = Policy.defaults();
    Optional<Map<String, Entry>> m = in.mapping(e.value(), "'policy'");
    if (m.isEmpty()) {
      return;
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, ModelGrammar.POLICY.names(), "'policy'");
    boolean critical = defaults.approveCriticalTraffic();
    boolean rewrites = defaults.approveTableRewrites();
    long rows = defaults.approveIndexBuildsOverRows();
    if (keys.containsKey("approvals")) {
      Optional<Map<String, Entry>> a = in.mapping(keys.get("approvals").value(), "'policy.approvals'");
      if (a.isPresent()) {
        in.rejectUnknownKeys(a.get(), ModelGrammar.APPROVALS.names(), "'policy.approvals'");
        critical = flagOr(a.get(), "criticalTraffic", "'policy.approvals'", critical);
        rewrites = flagOr(a.get(), "tableRewrites", "'policy.approvals'", rewrites);
        rows = number(a.get(), ModelGrammar.APPROVALS, "indexBuildRowsOver", "'policy.approvals'").orElse(rows);
      }
    }
    String lockTimeout = duration(keys, "lockTimeout", defaults.lockTimeout());
    String statementTimeout = duration(keys, "statementTimeout", defaults.statementTimeout());
    int retries = number(keys, ModelGrammar.POLICY, "lockRetries", "'policy'").map(Long::intValue).orElse(defaults.lockRetries());
    UsagePolicy usage = keys.containsKey("usage") ? usage(keys.get("usage")) : UsagePolicy.defaults();
    out.policy = new Policy(critical, rewrites, rows, lockTimeout, statementTimeout, retries, usage, in.at(e.keyNode()));
  }

  /** {@code policy.usage:}: the window and what never counts as unused. */
  private UsagePolicy usage(Entry e) {
    String what = "'policy.usage'";
    UsagePolicy defaults = UsagePolicy.defaults();
    Optional<Map<String, Entry>> m = in.mapping(e.value(), what);
    if (m.isEmpty()) {
      return defaults;
    }
    Map<String, Entry> keys = m.get();
    in.rejectUnknownKeys(keys, ModelGrammar.USAGE.names(), what);
    int window = defaults.windowDays();
    String days = text(keys, "window", what);
    if (days != null && ModelGrammar.WINDOW.matches(days)) {
      window = Integer.parseInt(days.replaceAll("[^0-9]", "")); // the pattern holds digits, spaces and the unit
    } else if (days != null) {
      in.invalid(keys.get("window").value(), "'window' of " + what + " must be " + ModelGrammar.WINDOW.means() + ", not '"
          + days + "'");
    }
    long smaller = defaults.ignoreSmallerThanBytes();
    String size = text(keys, "ignoreSmallerThan", what);
    if (size != null && ModelGrammar.SIZE.matches(size)) {
      long unit = size.contains("kB") ? 1024L : size.contains("MB") ? 1024L * 1024 : size.contains("GB") ? 1024L * 1024 * 1024 : 1L;
      smaller = Long.parseLong(size.replaceAll("[^0-9]", "")) * unit; // the grammar's limit keeps this within a long
    } else if (size != null && SIZE_SHAPE.matcher(size).matches()) {
      in.invalid(keys.get("ignoreSmallerThan").value(), "'ignoreSmallerThan' of " + what + " must be at most "
          + ModelGrammar.MAX_SIZE_GB + "GB (about 8 EiB, the most bytes modelc counts), not '" + size + "'");
    } else if (size != null) {
      in.invalid(keys.get("ignoreSmallerThan").value(), "'ignoreSmallerThan' of " + what + " must be "
          + ModelGrammar.SIZE.means() + ", not '" + size + "'");
    }
    long scans = number(keys, ModelGrammar.USAGE, "unusedAtMostScans", what).orElse(defaults.unusedAtMostScans());
    return new UsagePolicy(window, flagOr(keys, "ignorePrimaryKeys", what, defaults.ignorePrimaryKeys()),
        flagOr(keys, "ignoreUnique", what, defaults.ignoreUnique()), smaller, scans, in.at(e.keyNode()));
  }

  /** A size of any magnitude: told apart from {@link ModelGrammar#SIZE} to say that it is too large. */
  private static final Pattern SIZE_SHAPE = Pattern.compile(Patterns.TRIM + "[0-9]{1,12}" + Patterns.SPACE + "*(?:B|kB|MB|GB)"
      + Patterns.TRIM);
  private static final Pattern DURATION = Pattern.compile("0|\\d+\\s*(ms|s|min|h)");
  private static final Pattern DURATION_IN_RANGE = Pattern.compile(new ModelGrammar.Duration().pattern());

  /** A PostgreSQL timeout such as {@code 5s}, {@code 500ms}, {@code 2min}; {@code 0} (also as a number) is none. */
  private String duration(Map<String, Entry> keys, String key, String fallback) {
    Entry e = keys.get(key);
    if (e == null) {
      return fallback;
    }
    if (e.value() instanceof ScalarNode n && (YamlScalars.kind(n) == YamlScalars.Kind.INTEGER || YamlScalars.kind(n) == YamlScalars.Kind.FLOAT)) {
      java.math.BigDecimal number = YamlScalars.number(n);
      if (number != null && number.signum() == 0) {
        return "0"; // the number zero, however it is spelled, is no timeout; other numbers need a unit
      }
    }
    Optional<String> value = in.string(e.value(), "'" + key + "' of 'policy'");
    if (value.isEmpty()) {
      return fallback;
    }
    String v = value.get().trim();
    if (!DURATION.matcher(v).matches()) {
      in.invalid(e.value(), "'" + key + "' of 'policy' must be a duration such as 500ms, 5s, 2min or 0, not '" + v + "'");
      return fallback;
    }
    if (!DURATION_IN_RANGE.matcher(value.get()).matches()) {
      in.invalid(e.value(), "'" + key + "' of 'policy' must be at most " + ModelGrammar.Duration.MAX_MS
          + " ms (about 24 days), PostgreSQL's limit, not '" + v + "'");
      return fallback;
    }
    return v.replaceAll("\\s", "").replaceFirst("^0+(?=[0-9])", "");
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

  private <E extends Enum<E>> E choice(Map<String, Entry> keys, String key, ModelGrammar.Choice choice, String what,
      Class<E> type, E fallback) {
    Entry e = keys.get(key);
    if (e == null) {
      return fallback;
    }
    Optional<String> value = in.string(e.value(), "'" + key + "' of " + what);
    if (value.isEmpty()) {
      return fallback;
    }
    Optional<String> chosen = choice.read(value.get());
    if (chosen.isEmpty()) {
      in.invalid(e.value(), "'" + key + "' of " + what + " must be one of "
          + String.join(", ", choice.values()) + ", not '" + value.get() + "'"
          + dev.modelc.diag.Suggestions.didYouMean(value.get().trim().toLowerCase(Locale.ROOT), choice.values()));
      return fallback;
    }
    return Enum.valueOf(type, chosen.get().toUpperCase(Locale.ROOT));
  }

  /** A word of {@code choice} as the model means it; another word is reported: "must be a or b, not 'c'". */
  private Optional<String> word(Map<String, Entry> keys, String key, ModelGrammar.Choice choice, String what) {
    Entry e = keys.get(key);
    if (e == null) {
      return Optional.empty();
    }
    Optional<String> written = in.string(e.value(), "'" + key + "' of " + what);
    Optional<String> chosen = written.flatMap(choice::read);
    if (written.isPresent() && chosen.isEmpty()) {
      in.invalid(e.value(), "'" + key + "' of " + what + " must be " + String.join(" or ", choice.values()) + ", not '"
          + written.get().toLowerCase(Locale.ROOT) + "'");
    }
    return chosen;
  }

  /** Reports every key {@code shape} requires that is missing; true when none is. */
  private boolean requireAll(Map<String, Entry> keys, ModelGrammar.Shape shape, SourceRef owner, String what) {
    boolean all = true;
    for (String key : shape.required()) {
      if (!keys.containsKey(key)) {
        all = false;
        if (!(shape == ModelGrammar.INDEX && (key.equals("reason") || key.equals("columns")))) {
          in.require(keys, key, owner, what);
        }
      }
    }
    return all;
  }

  /** A whole number in the range the grammar gives the key. */
  private Optional<Long> number(Map<String, Entry> keys, ModelGrammar.Shape shape, String key, String what) {
    Entry e = keys.get(key);
    if (e == null) {
      return Optional.empty();
    }
    ModelGrammar.WholeNumber range = (ModelGrammar.WholeNumber) shape.key(key).value();
    return in.integer(e.value(), "'" + key + "' of " + what, range.min(), range.max());
  }
}
