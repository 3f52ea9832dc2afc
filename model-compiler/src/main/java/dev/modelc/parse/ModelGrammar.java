package dev.modelc.parse;

import dev.modelc.dialect.PostgresReserved;
import dev.modelc.model.JavaNames;
import dev.modelc.model.QueryKind;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The model language in one place: every mapping of a model file, its keys, what each key's
 * value may be, which keys are required, and the rules between keys. The parser reads models
 * by it (which keys exist, which are required, number ranges, allowed words, the patterns of
 * names, types, conditions and durations), and the JSON Schema editors validate against is
 * generated from it ({@code modelc schema}), so the two cannot drift: a key added here is a
 * key of both. Each key carries the text and example an editor shows on hover.
 *
 * <p>Patterns are written in the dialect of {@link Patterns}, which Java and JSON Schema
 * validators read the same way.
 */
public final class ModelGrammar {
  /** Largest whole number in a model: 2^53 - 1, the largest every JSON reader holds exactly. */
  public static final long MAX_NUMBER = 9_007_199_254_740_991L;
  /** PostgreSQL keeps identifiers of at most this many bytes. */
  public static final int MAX_IDENTIFIER_BYTES = 63;
  /** Longest model name: it appears in file headers, plans and comments. */
  public static final int MAX_MODEL_NAME = 200;
  /** Longest varchar(n) / char(n): PostgreSQL's limit. */
  public static final int MAX_LENGTH = 10_485_760;
  /** Largest numeric precision and scale: PostgreSQL's limit. */
  public static final int MAX_PRECISION = 1000;
  /** Most values an enum may have (its generated initializer must fit a class file). */
  public static final int MAX_ENUM_VALUES = 1000;

  // ---- what a value may be ----------------------------------------------------------------

  /** What a key's value may be. */
  public sealed interface Value permits Text, SqlText, Flag, WholeNumber, Choice, Identifier, Matching,
      TypeName, ListOf, MapOf, Mapping, Either, Duration {}

  /** Any text (a YAML string), of {@code minLength} to {@code maxLength} code points. */
  public record Text(int minLength, int maxLength) implements Value {
    static final Text ANY = new Text(0, Integer.MAX_VALUE);
  }

  /** SQL written as a scalar: text, a number or a flag, kept as written ({@code default:}). */
  public record SqlText() implements Value {}

  /** {@code true} or {@code false}. */
  public record Flag() implements Value {}

  /** A whole number from {@code min} to {@code max}. */
  public record WholeNumber(long min, long max) implements Value {}

  /**
   * One of {@code values}; {@code ignoreCase} compares ASCII letters without case,
   * {@code trimmed} ignores surrounding spaces (as {@link String#trim()} does).
   */
  public record Choice(List<String> values, boolean ignoreCase, boolean trimmed) implements Value {
    public Choice {
      values = List.copyOf(values);
    }

    /** The value as the model means it, when it is one of the choices. */
    public Optional<String> read(String text) {
      String v = trimmed ? text.trim() : text;
      for (String choice : values) {
        if (ignoreCase ? Patterns.asciiLower(v).equals(choice) : choice.equals(v)) {
          return Optional.of(choice);
        }
      }
      return Optional.empty();
    }

    /** The same comparison, for a subset of the values (a rule's condition). */
    public Choice only(String... subset) {
      return new Choice(Arrays.asList(subset), ignoreCase, trimmed);
    }

    /** The pattern a spelling must match (also when case and spaces do not matter). */
    public String pattern() {
      List<String> alternatives = new ArrayList<>();
      for (String v : values) {
        alternatives.add(ignoreCase ? Patterns.ignoringCase(v) : escape(v));
      }
      String body = Patterns.anyOf(alternatives);
      return trimmed ? Patterns.TRIM + body + Patterns.TRIM : body;
    }
  }

  /** What kind of name an identifier is. */
  public enum NameKind {
    /** A table, column, index or check being defined: snake_case, at most 63 bytes, no reserved word. */
    DEFINED,
    /** A name pointing at such an element: snake_case (what it names must exist). */
    REFERENCE,
    /** {@code table.column}: two snake_case names and a dot. */
    QUALIFIED,
    /** A query: a lowerCamelCase Java method name that is no keyword and no method of Object. */
    QUERY
  }

  /** A name of the given kind. */
  public record Identifier(NameKind kind) implements Value {
    public static final String SNAKE = "[a-z_][a-z0-9_]*";
    public static final String LOWER_CAMEL = "[a-z][A-Za-z0-9]*";

    public String pattern() {
      return switch (kind) {
        case DEFINED, REFERENCE -> SNAKE;
        case QUALIFIED -> SNAKE + "\\." + SNAKE;
        case QUERY -> LOWER_CAMEL;
      };
    }

    /** Words the name may not be, sorted. */
    public List<String> forbidden() {
      return switch (kind) {
        case DEFINED -> List.copyOf(new TreeSet<>(PostgresReserved.WORDS));
        case QUERY -> {
          TreeSet<String> words = new TreeSet<>(JavaNames.KEYWORDS);
          words.addAll(JavaNames.OBJECT_METHODS);
          yield List.copyOf(words);
        }
        default -> List.of();
      };
    }
  }

  /**
   * Text matching {@code pattern} in full, of at most {@code maxLength} code points;
   * {@code means} says what in words, for messages.
   */
  public record Matching(String pattern, String means, int maxLength) implements Value {
    Matching(String pattern, String means) {
      this(pattern, means, Integer.MAX_VALUE);
    }

    public boolean matches(String text) {
      return text.codePointCount(0, text.length()) <= maxLength && java.util.regex.Pattern.matches(pattern, text);
    }
  }

  /** A column type: a name from {@link TypeKind}, with its parameters. */
  public record TypeName(boolean enumAllowed) implements Value {
    /** The names an editor offers: every type name. */
    public List<String> names() {
      return kinds().stream().map(TypeKind::modelName).toList();
    }

    /** The parameterised forms an editor offers as snippets: label and body with placeholders. */
    public List<String[]> snippets() {
      List<String[]> out = new ArrayList<>();
      for (TypeKind k : kinds()) {
        switch (k.parameters()) {
          case LENGTH -> out.add(new String[] {k.modelName() + "(n)", k.modelName() + "(${1:64})"});
          case PRECISION_SCALE -> out.add(new String[] {k.modelName() + "(p,s)", k.modelName() + "(${1:12},${2:2})"});
          case NONE -> { }
        }
      }
      return out;
    }

    public List<TypeKind> kinds() {
      return Arrays.stream(TypeKind.values()).filter(k -> enumAllowed || k != TypeKind.ENUM).toList();
    }

    /** Every valid spelling: {@code text}, {@code VARCHAR ( 64 )}, {@code numeric(12,2)} ... */
    public String pattern() {
      String s = Patterns.SPACE + "*";
      String length = "0*" + Patterns.range(1, MAX_LENGTH);
      String precision = "0*" + Patterns.range(1, MAX_PRECISION);
      String scale = "0*" + Patterns.range(0, MAX_PRECISION);
      List<String> alternatives = new ArrayList<>();
      for (TypeKind k : kinds()) {
        String name = Patterns.ignoringCase(k.modelName());
        alternatives.add(switch (k.parameters()) {
          case NONE -> name;
          case LENGTH -> name + "(?:" + s + "\\(" + s + length + s + "\\))?";
          case PRECISION_SCALE -> name + "(?:" + s + "\\(" + s + precision + s + "(?:," + s + scale + s + ")?\\))?";
        });
      }
      return Patterns.TRIM + Patterns.anyOf(alternatives) + Patterns.TRIM;
    }

    /** How the types are listed in messages. */
    public String described() {
      List<String> out = new ArrayList<>();
      for (TypeKind k : kinds()) {
        out.add(switch (k.parameters()) {
          case NONE -> k.modelName();
          case LENGTH -> k.modelName() + ", " + k.modelName() + "(n)";
          case PRECISION_SCALE -> k.modelName() + ", " + k.modelName() + "(p), " + k.modelName() + "(p,s)";
        });
      }
      return String.join(", ", out);
    }
  }

  /** A list; {@code unique}: no item twice. */
  public record ListOf(Value item, int minItems, int maxItems, boolean unique) implements Value {
    static ListOf of(Value item) {
      return new ListOf(item, 0, Integer.MAX_VALUE, false);
    }

    static ListOf uniqueOf(Value item) {
      return new ListOf(item, 0, Integer.MAX_VALUE, true);
    }
  }

  /** A mapping of named elements ({@code tables:}); {@code nullable}: may be left empty ({@code tables:}). */
  public record MapOf(Value names, Value element, int minEntries, boolean nullable) implements Value {}

  /** A nested mapping of known keys. */
  public record Mapping(Shape shape, boolean nullable) implements Value {}

  /** Any one of the alternatives. */
  public record Either(List<Value> alternatives) implements Value {
    public Either {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** A PostgreSQL timeout: {@code 500ms}, {@code 5s}, {@code 2min}, {@code 1h}; {@code 0} (text or number) is none. */
  public record Duration() implements Value {
    /** Unit and how many milliseconds it is, in the order the pattern tries them. */
    public static final List<String> UNITS = List.of("ms", "s", "min", "h");
    /** The largest timeout PostgreSQL takes, in milliseconds. */
    public static final long MAX_MS = Integer.MAX_VALUE;

    public static long millis(String unit) {
      return switch (unit) {
        case "ms" -> 1;
        case "s" -> 1000;
        case "min" -> 60_000;
        default -> 3_600_000;
      };
    }

    public String pattern() {
      List<String> alternatives = new ArrayList<>();
      alternatives.add("0");
      for (String unit : UNITS) {
        alternatives.add("0*" + Patterns.range(0, MAX_MS / millis(unit)) + Patterns.SPACE + "*" + unit);
      }
      return Patterns.TRIM + Patterns.anyOf(alternatives) + Patterns.TRIM;
    }
  }

  // ---- keys, mappings and the rules between keys -------------------------------------------

  /** One key of a mapping: its value, whether it must be there, and what an editor shows for it. */
  public record Key(String name, Value value, boolean required, String doc, String example) {}

  /** A rule between the keys of one mapping; {@code code} is the diagnostic modelc reports. */
  public sealed interface Rule permits RequiredWhen, AllowedWhen, Needs, NotBoth, KeyOnceWithin {
    String code();

    String message();
  }

  /** {@code key} (with at least one item when {@code nonEmpty}) is required when {@code when} is one of {@code choice}. */
  public record RequiredWhen(String key, boolean nonEmpty, String when, Value choice, String code, String message)
      implements Rule {}

  /**
   * {@code key} (when it has items, if {@code nonEmpty}) is allowed only when {@code when} is one of
   * {@code choice}; {@code absentAllows}: a missing {@code when} (its default) allows it.
   */
  public record AllowedWhen(String key, boolean nonEmpty, String when, Value choice, boolean absentAllows,
      String code, String message) implements Rule {}

  /** {@code key} needs {@code other}. */
  public record Needs(String key, String other, String code, String message) implements Rule {}

  /** Flags {@code first} and {@code second} are not both {@code true}. */
  public record NotBoth(String first, String second, String code, String message) implements Rule {}

  /** When {@code key} is present, no element of mapping {@code elements} sets flag {@code flag} to true. */
  public record KeyOnceWithin(String key, String elements, String flag, String code, String message) implements Rule {}

  /** A mapping of known keys. {@code id} names it in the schema's definitions. */
  public record Shape(String id, String title, List<Key> keys, List<Rule> rules) {
    public Shape {
      keys = List.copyOf(keys);
      rules = List.copyOf(rules);
    }

    public List<String> names() {
      return keys.stream().map(Key::name).toList();
    }

    public List<String> required() {
      return keys.stream().filter(Key::required).map(Key::name).toList();
    }

    public Key key(String name) {
      return keys.stream().filter(k -> k.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(id + " has no key " + name));
    }
  }

  // ---- the values the language uses in several places ----------------------------------------

  public static final Identifier DEFINED_NAME = new Identifier(NameKind.DEFINED);
  public static final Identifier REFERENCE = new Identifier(NameKind.REFERENCE);
  public static final Identifier QUALIFIED = new Identifier(NameKind.QUALIFIED);
  public static final Identifier QUERY_NAME = new Identifier(NameKind.QUERY);

  /** What modelc reads as nothing in a model name: control characters and line separators. */
  private static final String NOT_IN_NAME = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029";
  public static final Matching MODEL_NAME = new Matching(
      "[^" + NOT_IN_NAME + "]*[^ " + NOT_IN_NAME + "][^" + NOT_IN_NAME + "]*",
      "a name of 1 to " + MAX_MODEL_NAME + " characters on one line, without control characters", MAX_MODEL_NAME);

  /** An ordered column: {@code column}, {@code column asc}, {@code column DESC}. */
  public static final Matching ORDERED = new Matching(Patterns.TRIM + "(" + Identifier.SNAKE + ")(?:" + Patterns.SPACE
      + "+(" + Patterns.ignoringCase("asc") + "|" + Patterns.ignoringCase("desc") + "))?" + Patterns.TRIM,
      "'column', 'column asc' or 'column desc'");

  /** The operators of a condition, longest first; words are followed by a space, '(' or nothing. */
  public static final List<String> OPERATORS = List.of("is not null", "is null", "in", "<=", ">=", "<>", "!=", "<", ">", "=");
  /** Operators that take no value. */
  public static final List<String> UNARY_OPERATORS = List.of("is not null", "is null");

  /** A condition in {@code where:}: an operator, optionally followed by a literal. */
  public static final Matching CONDITION = new Matching(conditionPattern(),
      "an operator: =, !=, <>, <, <=, >, >=, in, is null, is not null (optionally followed by a literal, as in \"= 'pending'\")");

  private static String conditionPattern() {
    String anything = "[\\s\\S]*";
    List<String> alternatives = new ArrayList<>();
    for (String op : OPERATORS) {
      String spelled = Patterns.ignoringCase(op);
      boolean word = Character.isLetter(op.charAt(op.length() - 1));
      if (UNARY_OPERATORS.contains(op)) {
        alternatives.add(spelled + Patterns.TRIM);
      } else if (word) {
        alternatives.add(spelled + "(?:" + Patterns.TRIM + "| " + anything + "|[\\u0000-\\u0020]*\\(" + anything + ")");
      } else {
        alternatives.add(spelled + anything);
      }
    }
    return Patterns.TRIM + Patterns.anyOf(alternatives);
  }

  public static final Choice TRAFFIC = new Choice(
      Arrays.stream(Traffic.values()).map(Traffic::modelName).toList(), true, true);
  public static final Choice QUERY_KIND = new Choice(
      Arrays.stream(QueryKind.values()).map(QueryKind::modelName).toList(), true, true);
  public static final Choice ON_DELETE = new Choice(
      List.of("cascade", "restrict", "set null", "set default", "no action"), true, false);
  public static final Choice DATABASE = new Choice(List.of("postgresql"), false, false);
  public static final TypeName TYPE = new TypeName(true);
  /** The shorthand {@code amount: bigint} names a type alone; an enum needs its values, so it is not one. */
  public static final TypeName SHORTHAND_TYPE = new TypeName(false);
  public static final Choice ENUM_TYPE = new Choice(List.of("enum"), true, true);

  // ---- the mappings ------------------------------------------------------------------------

  public static final Shape CHECK = new Shape("check", "check", List.of(
      new Key("expression", Text.ANY, true, "The SQL boolean expression of the `CHECK` constraint.", "expression: amount >= 0"),
      new Key("reason", Text.ANY, false, "Why the constraint exists; shown in plans.", "reason: Amounts are never negative.")),
      List.of());

  public static final Shape INDEX = new Shape("index", "index", List.of(
      new Key("columns", new ListOf(ORDERED, 1, Integer.MAX_VALUE, true), true,
          "The key columns in order, each `column`, `column asc` or `column desc`.", "columns: [merchant_id, created_at desc]"),
      new Key("unique", new Flag(), false, "A unique index.", "unique: true"),
      new Key("where", Text.ANY, false, "The predicate of a partial index (SQL).", "where: status = 'pending'"),
      new Key("include", ListOf.uniqueOf(REFERENCE), false, "Covering columns, stored in the index but not part of its key.",
          "include: [amount]"),
      new Key("reason", Text.ANY, true, "Why the index exists; reviewers and operators see it in plans.",
          "reason: Merchant dashboards page through recent charges."),
      new Key("keep", Text.ANY, false, "A reason to keep an index that no declared query uses (silences MC503).",
          "keep: Used by the monthly finance export."),
      new Key("renamedFrom", Text.ANY, false, "The index's name in the previous model version; plans rename it.",
          "renamedFrom: charges_by_merchant")),
      List.of());

  public static final Shape COLUMN = new Shape("column", "column", List.of(
      new Key("type", TYPE, true, "The column's type: " + TYPE.described() + ".", "type: varchar(64)"),
      new Key("values", new ListOf(new Text(1, MAX_IDENTIFIER_BYTES), 1, MAX_ENUM_VALUES, true), false,
          "The values of an `enum` column, in order (new values may be added anywhere later, existing ones never removed or reordered).",
          "values: [pending, succeeded, failed]"),
      new Key("nullable", new Flag(), false, "Whether the column may be NULL; columns are `NOT NULL` unless they say so.",
          "nullable: true"),
      new Key("default", new SqlText(), false,
          "The default, an SQL expression (`now()`, `0`, `gen_random_uuid()`); for text and enum columns a bare word is a value.",
          "default: now()"),
      new Key("primaryKey", new Flag(), false, "This column is the table's primary key (or part of it).", "primaryKey: true"),
      new Key("unique", new Flag(), false, "A unique constraint on this column alone.", "unique: true"),
      new Key("references", QUALIFIED, false, "A foreign key to `table.column`.", "references: merchants.id"),
      new Key("onDelete", ON_DELETE, false, "What deleting the referenced row does; needs `references`.", "onDelete: cascade"),
      new Key("description", Text.ANY, false, "What the column holds; Javadoc of the record component.",
          "description: Amount in minor units."),
      new Key("renamedFrom", Text.ANY, false, "The column's name in the previous model version; plans rename it.",
          "renamedFrom: amount_cents")),
      List.of(
          new RequiredWhen("values", false, "type", ENUM_TYPE, "MC307", "an enum column needs 'values:'"),
          new AllowedWhen("values", false, "type", ENUM_TYPE, false, "MC205", "'values' only applies to enum columns"),
          new Needs("onDelete", "references", "MC205", "'onDelete' needs 'references:'"),
          new NotBoth("primaryKey", "nullable", "MC308", "a primary key column cannot be nullable")));

  public static final Shape TABLE = new Shape("table", "table", List.of(
      new Key("description", Text.ANY, false, "What the table holds; Javadoc of its row record.",
          "description: One row per payment attempt."),
      new Key("owner", Text.ANY, false, "The team that owns the table.", "owner: team-payments"),
      new Key("rows", new WholeNumber(0, MAX_NUMBER), false,
          "The expected number of rows; drives estimates and approvals in plans. A plain number: editors read `2_000` as text.",
          "rows: 2000000000"),
      new Key("columns", new MapOf(DEFINED_NAME, new Either(List.of(SHORTHAND_TYPE, new Mapping(COLUMN, false))), 1, false), true,
          "The columns in declaration order: each a mapping, or just its type (`amount: bigint`).",
          "columns:\n  id: { type: uuid, primaryKey: true }\n  amount: bigint"),
      new Key("primaryKey", ListOf.uniqueOf(REFERENCE), false,
          "A composite primary key; the alternative to `primaryKey: true` on one column.", "primaryKey: [account_id, user_id]"),
      new Key("indexes", new MapOf(DEFINED_NAME, new Mapping(INDEX, false), 0, true), false,
          "The table's indexes by name; index names are unique across the model.",
          "indexes:\n  charges_merchant_created:\n    columns: [merchant_id, created_at desc]\n    reason: Merchant dashboards."),
      new Key("checks", new MapOf(DEFINED_NAME, new Mapping(CHECK, false), 0, true), false, "`CHECK` constraints by name.",
          "checks:\n  amount_positive: { expression: amount > 0 }"),
      new Key("renamedFrom", Text.ANY, false, "The table's name in the previous model version; plans rename it.",
          "renamedFrom: payments")),
      List.of(new KeyOnceWithin("primaryKey", "columns", "primaryKey", "MC205",
          "the primary key is declared twice: use either 'primaryKey: [..]' on the table or 'primaryKey: true' on columns")));

  private static final Choice KINDS = QUERY_KIND;

  public static final Shape QUERY = new Shape("query", "query", List.of(
      new Key("table", REFERENCE, true, "The table the query reads or writes.", "table: charges"),
      new Key("kind", QUERY_KIND, false, "What the query does: " + String.join(", ", QUERY_KIND.values()) + " (default select).",
          "kind: update"),
      new Key("where", new MapOf(REFERENCE, new Either(List.of(CONDITION, new ListOf(CONDITION, 1, Integer.MAX_VALUE, false))), 0, false),
          false, "Conditions by column: an operator, optionally with a literal (`\"= 'pending'\"`); a list for two conditions on one column.",
          "where: { merchant_id: \"=\", created_at: [\">=\", \"<\"] }"),
      new Key("orderBy", ListOf.of(ORDERED), false, "The order of the rows, each `column`, `column asc` or `column desc`.",
          "orderBy: [created_at desc]"),
      new Key("limit", new WholeNumber(1, Integer.MAX_VALUE), false, "At most this many rows.", "limit: 100"),
      new Key("returns", ListOf.uniqueOf(REFERENCE), false, "The columns returned, when not all (a projection record).",
          "returns: [id, amount]"),
      new Key("set", ListOf.uniqueOf(REFERENCE), false, "The columns an update assigns or an insert provides.", "set: [status]"),
      new Key("traffic", TRAFFIC, false, "How critical the query's traffic is: critical, standard (default) or batch.",
          "traffic: critical"),
      new Key("rate", Text.ANY, false, "How often it runs.", "rate: 1200/s"),
      new Key("endpoints", ListOf.of(Text.ANY), false, "The endpoints that run it; shown in plans.", "endpoints: [GET /v1/charges]"),
      new Key("owner", Text.ANY, false, "The team that owns the query.", "owner: team-payments"),
      new Key("index", REFERENCE, false, "The index the author expects to serve the query (checked: MC305, MC502).",
          "index: charges_merchant_created"),
      new Key("description", Text.ANY, false, "What the query is for; Javadoc of its method.", "description: Recent charges of a merchant.")),
      List.of(
          new RequiredWhen("set", true, "kind", KINDS.only("update"), "MC310", "an update needs 'set:' listing the columns it assigns"),
          new AllowedWhen("set", true, "kind", KINDS.only("update", "insert"), false, "MC310", "'set' applies to update and insert queries"),
          new AllowedWhen("returns", true, "kind", KINDS.only("select", "insert"), true, "MC310", "'returns' applies to select and insert queries"),
          new AllowedWhen("orderBy", true, "kind", KINDS.only("select"), true, "MC310", "'orderBy' applies to select queries"),
          new AllowedWhen("limit", false, "kind", KINDS.only("select"), true, "MC310", "'limit' applies to select queries"),
          new AllowedWhen("where", true, "kind", KINDS.only("select", "count", "exists", "update", "delete"), true, "MC310",
              "'where' does not apply to insert queries")));

  /** {@code table.name}, as retired columns and indexes are named. */
  public static final Matching DOTTED = new Matching("[^.]+\\.[^.]+", "'table.name'");

  public static final Shape TOMBSTONE = new Shape("tombstone", "tombstone", List.of(
      new Key("reason", Text.ANY, true, "Why the object was removed; shown in the plan's drop step.",
          "reason: No reader since the v2 API.")), List.of());

  public static final Shape INDEX_TOMBSTONE = new Shape("indexTombstone", "index tombstone", List.of(
      TOMBSTONE.key("reason"),
      new Key("replacedBy", Text.ANY, false, "The index that replaces the removed one; the drop waits for it.",
          "replacedBy: charges_merchant_created")), List.of());

  public static final Shape RETIRED = new Shape("retired", "retired", List.of(
      new Key("tables", new MapOf(null, new Mapping(TOMBSTONE, false), 0, true), false, "Removed tables and why.",
          "tables:\n  legacy_refunds: { reason: Refunds moved into charges. }"),
      new Key("columns", new MapOf(DOTTED, new Mapping(TOMBSTONE, false), 0, true), false, "Removed columns (`table.column`) and why.",
          "columns:\n  charges.legacy_code: { reason: No reader since the v2 API. }"),
      new Key("indexes", new MapOf(DOTTED, new Mapping(INDEX_TOMBSTONE, false), 0, true), false,
          "Removed indexes (`table.index`), why, and what replaces them.",
          "indexes:\n  charges.charges_merchant: { reason: Superseded., replacedBy: charges_merchant_created }")),
      List.of());

  public static final Shape APPROVALS = new Shape("approvals", "approvals", List.of(
      new Key("criticalTraffic", new Flag(), false, "Steps touching objects that serve critical queries need approval (default true).",
          "criticalTraffic: true"),
      new Key("tableRewrites", new Flag(), false, "Steps that rewrite or scan-lock a whole table need approval (default true).",
          "tableRewrites: true"),
      new Key("indexBuildRowsOver", new WholeNumber(0, MAX_NUMBER), false,
          "Index builds on tables with more rows than this need approval (default 10000000).", "indexBuildRowsOver: 10000000")),
      List.of());

  public static final Shape POLICY = new Shape("policy", "policy", List.of(
      new Key("approvals", new Mapping(APPROVALS, false), false, "Which plan steps need approval.",
          "approvals:\n  criticalTraffic: true"),
      new Key("lockTimeout", new Duration(), false, "How long a step waits for its lock before it gives up and retries (default 5s).",
          "lockTimeout: 5s"),
      new Key("statementTimeout", new Duration(), false, "How long a statement may run; 0 is no limit (the default).",
          "statementTimeout: 30min"),
      new Key("lockRetries", new WholeNumber(0, 100), false, "How often a step retries after a lock timeout (default 5).",
          "lockRetries: 5")),
      List.of());

  public static final Shape FILE = new Shape("file", "modelc model file", List.of(
      new Key("model", MODEL_NAME, false, "The model's name, in exactly one file of the model.", "model: payments"),
      new Key("database", DATABASE, false, "The target database; `postgresql`, the default, is the one supported.",
          "database: postgresql"),
      new Key("description", Text.ANY, false, "What the model describes.", "description: Payments of the checkout API."),
      new Key("policy", new Mapping(POLICY, false), false, "When plan steps need approval, and the timeouts plans run with.",
          "policy:\n  lockTimeout: 5s"),
      new Key("tables", new MapOf(DEFINED_NAME, new Mapping(TABLE, false), 0, true), false, "The tables by name.",
          "tables:\n  charges:\n    columns:\n      id: { type: uuid, primaryKey: true }"),
      new Key("queries", new MapOf(QUERY_NAME, new Mapping(QUERY, false), 0, true), false,
          "The query patterns by name (the Java method name).",
          "queries:\n  recentCharges:\n    table: charges\n    orderBy: [created_at desc]\n    limit: 100"),
      new Key("retired", new Mapping(RETIRED, true), false, "Tombstones: removed tables, columns and indexes, and why.",
          "retired:\n  tables:\n    legacy_refunds: { reason: Moved into charges. }")),
      List.of());

  /** Every mapping of the language, outermost first. */
  public static final List<Shape> SHAPES = List.of(FILE, POLICY, APPROVALS, TABLE, COLUMN, INDEX, CHECK, QUERY, RETIRED,
      TOMBSTONE, INDEX_TOMBSTONE);

  private static String escape(String literal) {
    StringBuilder b = new StringBuilder();
    for (char c : literal.toCharArray()) {
      b.append(Patterns.literal(c));
    }
    return b.toString();
  }

  private ModelGrammar() {}
}
