package dev.modelc.parse;

import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.JavaNames;
import dev.modelc.model.QueryKind;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import dev.modelc.model.UnmanagedObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /** Longest bit(n) / varbit(n): PostgreSQL's limit. */
  public static final int MAX_BITS = 83_886_080;
  /** Largest numeric precision and scale: PostgreSQL's limit (since PostgreSQL 15 the scale may exceed the precision). */
  public static final int MAX_PRECISION = 1000;
  /** Most fractional digits of seconds: PostgreSQL's limit for time and timestamp. */
  public static final int MAX_SECONDS_PRECISION = 6;
  /** Most values an enum may have (its generated initializer must fit a class file). */
  public static final int MAX_ENUM_VALUES = 1000;
  /** Most columns of a key: PostgreSQL's INDEX_MAX_KEYS, which also bounds a foreign key. */
  public static final int MAX_KEY_COLUMNS = 32;

  // ---- what a value may be ----------------------------------------------------------------

  /** What a key's value may be. */
  public sealed interface Value permits Text, SqlText, Flag, WholeNumber, Choice, Identifier, Matching,
      TypeName, ListOf, MapOf, Mapping, Either, Duration {}

  /** Any text (a YAML string), of {@code minLength} to {@code maxLength} code points. */
  public record Text(int minLength, int maxLength) implements Value {
    static final Text ANY = new Text(0, Integer.MAX_VALUE);
  }

  /**
   * A scalar kept as written: text, a number or a flag ({@code default:}, storage parameters).
   * {@code form}, when set, is what the text as written must match.
   */
  public record SqlText(Matching form) implements Value {
    static final SqlText ANY = new SqlText(null);
  }

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
        if (ignoreCase ? Patterns.asciiLower(v).equals(Patterns.asciiLower(choice)) : choice.equals(v)) {
          return Optional.of(choice);
        }
      }
      return Optional.empty();
    }

    /** The same comparison, for a subset of the values (a rule's condition). */
    public Choice only(String... subset) {
      return new Choice(Arrays.asList(subset), ignoreCase, trimmed);
    }

    /** The same comparison, for the values but these. */
    public Choice except(String... excluded) {
      List<String> rest = new ArrayList<>(values);
      rest.removeAll(Arrays.asList(excluded));
      return new Choice(rest, ignoreCase, trimmed);
    }

    /** The pattern a spelling must match (also when case and spaces do not matter). */
    public String pattern() {
      List<String> alternatives = new ArrayList<>();
      for (String v : values) {
        alternatives.add(ignoreCase ? Patterns.ignoringCase(v) : Patterns.literalText(v));
      }
      String body = Patterns.anyOf(alternatives);
      return trimmed ? Patterns.TRIM + body + Patterns.TRIM : body;
    }
  }

  /** What kind of name an identifier is. */
  public enum NameKind {
    /**
     * A table, column, index, constraint or other object being defined: any PostgreSQL
     * identifier of 1 to 63 bytes without control characters (modelc quotes it where needed).
     */
    DEFINED,
    /** A name pointing at such an element (what it names must exist). */
    REFERENCE,
    /** {@code table.column}: a table's name, a dot, and a column's name. */
    QUALIFIED,
    /** A query: a lowerCamelCase Java method name that is no keyword and no method of Object. */
    QUERY
  }

  /** What no name may hold: control characters, and the line and paragraph separators. */
  public static final String CONTROL = Patterns.characters(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029);
  /** What Java's {@link String#isBlank()} counts as space: a name of nothing else is empty. */
  public static final String BLANK = Patterns.characters(Character::isWhitespace);
  /**
   * Text that is not blank (as {@link String#isBlank()} sees it) and not empty when trimmed (as
   * {@link String#trim()} does it): it has a character that is neither.
   */
  public static final String NOT_BLANK = "[\\s\\S]*[^" + BLANK + "\\u0000-\\u0020][\\s\\S]*";
  /** A name of the database: no control characters, not blank. */
  public static final String NAME = "[^" + CONTROL + "]*[^" + CONTROL + BLANK + "][^" + CONTROL + "]*";

  /** A name of the given kind. */
  public record Identifier(NameKind kind) implements Value {
    public static final String LOWER_CAMEL = "[a-z][A-Za-z0-9]*";

    public String pattern() {
      return switch (kind) {
        case DEFINED, REFERENCE -> NAME;
        case QUALIFIED -> "[\\s\\S]+\\.[^.]+";
        case QUERY -> LOWER_CAMEL;
      };
    }

    /**
     * The most code points the name may have. PostgreSQL counts bytes (63 of UTF-8); a schema
     * can only count characters, so a name of letters beyond ASCII over 63 bytes is left to
     * {@code check} (MC402).
     */
    public int maxLength() {
      return kind == NameKind.DEFINED || kind == NameKind.REFERENCE ? MAX_IDENTIFIER_BYTES : Integer.MAX_VALUE;
    }

    /** Words the name may not be, sorted. */
    public List<String> forbidden() {
      if (kind == NameKind.QUERY) {
        TreeSet<String> words = new TreeSet<>(JavaNames.KEYWORDS);
        words.addAll(JavaNames.OBJECT_METHODS);
        return List.copyOf(words);
      }
      return List.of();
    }
  }

  /**
   * Text matching {@code pattern} in full, of at most {@code maxLength} code points, and not
   * matching {@code unless} (when set) in full; {@code means} says what in words, for messages.
   */
  public record Matching(String pattern, String means, int maxLength, String unless) implements Value {
    Matching(String pattern, String means) {
      this(pattern, means, Integer.MAX_VALUE, null);
    }

    Matching(String pattern, String means, int maxLength) {
      this(pattern, means, maxLength, null);
    }

    public boolean matches(String text) {
      return text.codePointCount(0, text.length()) <= maxLength && compiled(pattern).matcher(text).matches()
          && (unless == null || !compiled(unless).matcher(text).matches());
    }
  }

  /** Patterns compiled once: the parser matches names and values of every element with them. */
  private static final Map<String, java.util.regex.Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  private static java.util.regex.Pattern compiled(String pattern) {
    return COMPILED.computeIfAbsent(pattern, java.util.regex.Pattern::compile);
  }

  /**
   * A column type: one of {@code kinds} with its parameters, an array of one ({@code text[]})
   * when {@code arrays}, or a serial type ({@code bigserial}) when {@code serials}.
   */
  public record TypeName(List<TypeKind> kinds, boolean serials, boolean arrays) implements Value {
    public TypeName {
      kinds = List.copyOf(kinds);
    }

    /** The names an editor offers: every type name. */
    public List<String> names() {
      List<String> out = new ArrayList<>(kinds.stream().map(TypeKind::modelName).toList());
      if (serials) {
        out.addAll(SERIALS.keySet());
      }
      return out;
    }

    /** The parameterised forms an editor offers as snippets: label and body with placeholders. */
    public List<String[]> snippets() {
      List<String[]> out = new ArrayList<>();
      for (TypeKind k : kinds) {
        String n = k.modelName();
        switch (k.parameters()) {
          case LENGTH -> out.add(new String[] {n + "(n)", n + "(${1:" + (k == TypeKind.BIT || k == TypeKind.VARBIT ? 8 : 64) + "})"});
          case PRECISION_SCALE -> out.add(new String[] {n + "(p,s)", n + "(${1:12},${2:2})"});
          case FRACTIONAL_SECONDS -> out.add(new String[] {n + "(p)", n + "(${1:3})"});
          case NONE -> { }
        }
      }
      if (arrays) {
        out.add(new String[] {"T[] (array)", "${1:text}[]"});
      }
      return out;
    }

    /** Every valid spelling: {@code text}, {@code VARCHAR ( 64 )}, {@code numeric(12,2)}, {@code int[]} ... */
    public String pattern() {
      String s = Patterns.SPACE + "*";
      String precision = "0*" + Patterns.range(1, MAX_PRECISION);
      String scale = "0*" + Patterns.range(0, MAX_PRECISION);
      String seconds = "0*" + Patterns.range(0, MAX_SECONDS_PRECISION);
      String array = "(?:" + s + "\\[" + s + "\\])?";
      List<String> alternatives = new ArrayList<>();
      for (TypeKind k : kinds) {
        String name = Patterns.ignoringCase(k.modelName());
        String one = switch (k.parameters()) {
          case NONE -> name;
          case LENGTH -> name + "(?:" + s + "\\(" + s + "0*" + Patterns.range(1, maxLength(k)) + s + "\\))?";
          case PRECISION_SCALE -> name + "(?:" + s + "\\(" + s + precision + s + "(?:," + s + scale + s + ")?\\))?";
          case FRACTIONAL_SECONDS -> name + "(?:" + s + "\\(" + s + seconds + s + "\\))?";
        };
        alternatives.add(arrays && k.arrays() ? one + array : one);
      }
      if (serials) {
        SERIALS.keySet().forEach(n -> alternatives.add(Patterns.ignoringCase(n)));
      }
      return Patterns.TRIM + Patterns.anyOf(alternatives) + Patterns.TRIM;
    }

    /** How the types are listed in messages. */
    public String described() {
      List<String> out = new ArrayList<>();
      for (TypeKind k : kinds) {
        String n = k.modelName();
        out.add(switch (k.parameters()) {
          case NONE -> n;
          case LENGTH -> n + ", " + n + "(n)";
          case PRECISION_SCALE -> n + ", " + n + "(p), " + n + "(p,s)";
          case FRACTIONAL_SECONDS -> n + ", " + n + "(p)";
        });
      }
      if (serials) {
        out.addAll(SERIALS.keySet());
      }
      return String.join(", ", out) + (arrays ? "; T[] is an array of T (not of enum or json)" : "");
    }
  }

  /** The longest length a type of {@link TypeKind.Parameters#LENGTH} takes. */
  public static int maxLength(TypeKind kind) {
    return kind == TypeKind.BIT || kind == TypeKind.VARBIT ? MAX_BITS : MAX_LENGTH;
  }

  /** The serial types: an integer type with an owned sequence, by name. */
  public static final Map<String, TypeKind> SERIALS = serials();

  private static Map<String, TypeKind> serials() {
    Map<String, TypeKind> m = new LinkedHashMap<>();
    m.put("smallserial", TypeKind.SMALLINT);
    m.put("serial", TypeKind.INT);
    m.put("bigserial", TypeKind.BIGINT);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** A list; {@code unique}: no item twice; {@code nullable}: may be left empty ({@code uniques:}). */
  public record ListOf(Value item, int minItems, int maxItems, boolean unique, boolean nullable) implements Value {
    ListOf(Value item, int minItems, int maxItems, boolean unique) {
      this(item, minItems, maxItems, unique, false);
    }

    static ListOf of(Value item) {
      return new ListOf(item, 0, Integer.MAX_VALUE, false);
    }

    static ListOf uniqueOf(Value item) {
      return new ListOf(item, 0, Integer.MAX_VALUE, true);
    }
  }

  /**
   * A mapping of named elements ({@code tables:}); {@code names} null: any key; {@code nullable}:
   * may be left empty ({@code tables:}).
   */
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
  public sealed interface Rule permits RequiredWhen, AllowedWhen, Needs, NotBoth, KeyOnceWithin, Implies, OneOf,
      SameLength {
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

  /** When {@code when} holds, {@code then} must hold too. */
  public record Implies(Condition when, Condition then, String code, String message) implements Rule {}

  /** Exactly one of {@code keys} is present. */
  public record OneOf(List<String> keys, String code, String message) implements Rule {
    public OneOf {
      keys = List.copyOf(keys);
    }
  }

  /** List {@code key} has as many items as list {@code otherKey} of mapping {@code within} (both at most {@code max}). */
  public record SameLength(String key, String within, String otherKey, int max, String code, String message)
      implements Rule {}

  /** Something a mapping (or, in {@link NoItem}, a list item) may satisfy: the parts of rules. */
  public sealed interface Condition permits Has, IsTrue, Is, Valued, IsText, AnyOf, Not, NoItem, AtMostItems {}

  /** The mapping has {@code key}. */
  public record Has(String key) implements Condition {}

  /** The mapping sets flag {@code key} to true. */
  public record IsTrue(String key) implements Condition {}

  /** The mapping has {@code key} with a value of {@code value}. */
  public record Is(String key, Value value) implements Condition {}

  /** The mapping's {@code key}, when it has one, has a value of {@code value}. */
  public record Valued(String key, Value value) implements Condition {}

  /** The thing itself is text matching {@code text} (a list item in the string form). */
  public record IsText(Matching text) implements Condition {}

  /** One of the conditions holds. */
  public record AnyOf(List<Condition> conditions) implements Condition {
    public AnyOf {
      conditions = List.copyOf(conditions);
    }
  }

  /** The condition does not hold. */
  public record Not(Condition condition) implements Condition {}

  /** No item of list {@code key} satisfies {@code item}. */
  public record NoItem(String key, Condition item) implements Condition {}

  /** List {@code key} has at most {@code max} items. */
  public record AtMostItems(String key, int max) implements Condition {}

  /** A mapping of known keys. {@code id} names it in the schema's definitions. */
  public record Shape(String id, String title, List<Key> keys, List<Rule> rules, List<String> names, List<String> required) {
    public Shape(String id, String title, List<Key> keys, List<Rule> rules) {
      // the key names are asked for at every mapping of every model file: worked out once
      this(id, title, List.copyOf(keys), List.copyOf(rules), keys.stream().map(Key::name).toList(),
          keys.stream().filter(Key::required).map(Key::name).toList());
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

  private static final String ORDER_SUFFIX = Patterns.SPACE + "+" + Patterns.ignoringCase("nulls") + Patterns.SPACE + "+(?:"
      + Patterns.ignoringCase("first") + "|" + Patterns.ignoringCase("last") + ")";
  private static final String KEY_START = Patterns.TRIM + "[^\\u0000-\\u0020][\\s\\S]*";

  /**
   * An index key as text: a column or an expression, optionally followed by {@code asc} or
   * {@code desc} and {@code nulls first} or {@code nulls last} ({@code "due_at desc nulls last"},
   * {@code "lower(email)"}).
   */
  public static final Matching ORDERED = new Matching(NOT_BLANK,
      "a column or an expression, optionally followed by asc or desc and nulls first or nulls last");

  /**
   * A key in descending order or with nulls first in ascending order (nulls last ascending is
   * the default spelled out), which only btree indexes have.
   */
  public static final Matching WITH_ORDER = new Matching(KEY_START + "(?:" + Patterns.SPACE + "+" + Patterns.ignoringCase("desc")
      + "(?:" + ORDER_SUFFIX + ")?|" + Patterns.SPACE + "+" + Patterns.ignoringCase("nulls") + Patterns.SPACE + "+"
      + Patterns.ignoringCase("first") + ")" + Patterns.TRIM, "a key with an order");

  /** An orderBy term: a column (or an expression), optionally asc or desc; a query sorts nulls as PostgreSQL does. */
  public static final Matching ORDER_TERM = new Matching(NOT_BLANK,
      "a column, optionally followed by asc or desc (the query sorts nulls as PostgreSQL does)", Integer.MAX_VALUE,
      KEY_START + ORDER_SUFFIX + Patterns.TRIM);

  /** A column or an expression of a table, as a condition names it in {@code where:}. */
  public static final Matching WHERE_KEY = new Matching(NOT_BLANK, "a column, or an expression such as lower(email)");

  /** SQL text that is not empty (after leading and trailing spaces). */
  public static final Matching SQL = new Matching(Patterns.TRIM + "[^\\u0000-\\u0020][\\s\\S]*", "an SQL expression");

  /** The operators of a condition, longest first; words are followed by a space, '(' or nothing. */
  public static final List<String> OPERATORS = List.of("is not null", "is null", "ilike", "like", "in", "@>", "<@", "&&",
      "@@", "<=", ">=", "<>", "!=", "<", ">", "=");
  /** Operators that take no value. */
  public static final List<String> UNARY_OPERATORS = List.of("is not null", "is null");

  /** A condition in {@code where:}: an operator, optionally followed by a literal. */
  public static final Matching CONDITION = new Matching(conditionPattern(),
      "an operator: =, !=, <>, <, <=, >, >=, in, is null, is not null, like, ilike, @>, <@, &&, @@ (optionally followed by"
          + " a literal, as in \"= 'pending'\")");

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
  public static final Choice ON_DELETE = new Choice(ForeignKey.ACTIONS, true, true);
  public static final Choice DATABASE = new Choice(List.of("postgresql"), false, false);
  public static final Choice IDENTITY = new Choice(List.of("always", "byDefault"), false, false);
  public static final Choice MATCH = new Choice(List.of("simple", "full"), true, false);
  public static final Choice METHOD = new Choice(Index.METHODS, true, true);
  public static final Choice ORDER = new Choice(List.of("asc", "desc"), true, false);
  public static final Choice NULLS = new Choice(List.of("first", "last"), true, false);

  private static List<TypeKind> kinds(java.util.function.Predicate<TypeKind> which) {
    return Arrays.stream(TypeKind.values()).filter(which).toList();
  }

  public static final TypeName TYPE = new TypeName(kinds(k -> true), true, true);
  /** The shorthand {@code amount: bigint} names a type alone; an enum needs its values, so it is not one. */
  public static final TypeName SHORTHAND_TYPE = new TypeName(kinds(k -> k != TypeKind.ENUM), true, true);
  public static final Choice ENUM_TYPE = new Choice(List.of("enum"), true, true);
  /** The types of an identity column. */
  public static final TypeName INTEGER_TYPE = new TypeName(kinds(TypeKind::integer), false, false);
  /** The serial types. */
  public static final TypeName SERIAL_TYPE = new TypeName(List.of(), true, false);
  /** The types that take a collation (and arrays of them). */
  public static final TypeName TEXT_TYPE = new TypeName(kinds(TypeKind::textLike), false, true);

  /** An extension as PostgreSQL's contrib modules and common extensions spell them. */
  public static final Matching EXTENSION = new Matching("[a-z_][a-z0-9_-]*", "an extension name such as citext or pg_trgm",
      MAX_IDENTIFIER_BYTES);
  /** An operator class name, optionally schema-qualified. */
  public static final Matching OPCLASS = new Matching("[a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?",
      "an operator class such as gin_trgm_ops or text_pattern_ops");
  /** A storage parameter's name. */
  public static final Matching STORAGE_NAME = new Matching("[a-z_][a-z0-9_]*", "a parameter name such as fillfactor");
  /** A storage parameter's value: a number, a word or a boolean. */
  public static final Matching STORAGE_VALUE = new Matching("[A-Za-z0-9_.+-]+", "a number, a word or a boolean");
  /** A collation's name: anything but NUL, which no C string holds. */
  public static final Matching COLLATION = new Matching("[^\\u0000]+", "a collation such as \"C\" or \"en-US-x-icu\"");
  /** {@code table.name}, as retired columns and indexes are named. */
  public static final Matching DOTTED = new Matching("[^.]+\\.[^.]+", "'table.name'");
  /** {@code table.name}, as an unmanaged trigger or policy is named: the table, a dot, and a name. */
  public static final Matching IN_TABLE = new Matching("[^.]+\\." + NAME, "'table.name'", Integer.MAX_VALUE,
      "[^.]+\\.[\\s\\S]{" + (MAX_IDENTIFIER_BYTES + 1) + ",}");
  /** What an unmanaged object reads: a table or {@code table.column}. */
  public static final Matching DEPENDENCY = new Matching("[^.]|[^.][\\s\\S]*[^.]", "a table or table.column");

  // ---- the mappings ------------------------------------------------------------------------

  public static final Shape CHECK = new Shape("check", "check", List.of(
      new Key("expression", Text.ANY, true, "The SQL boolean expression of the `CHECK` constraint.", "expression: amount >= 0"),
      new Key("reason", Text.ANY, false, "Why the constraint exists; shown in plans.", "reason: Amounts are never negative.")),
      List.of());

  /** The storage parameters each index method takes, as mappings: the keys of {@code with:}. */
  public static final Map<String, Shape> STORAGE = storage();

  private static Map<String, Shape> storage() {
    Value percent = new Either(List.of(new WholeNumber(10, 100),
        new Matching(Patterns.digits(10, 100, 2, 3), "a whole number from 10 to 100")));
    Value flag = new Either(List.of(new Flag(), new WholeNumber(0, 1),
        new Choice(List.of("true", "false", "on", "off", "yes", "no", "1", "0"), true, false)));
    Value buffering = new Choice(List.of("auto", "on", "off"), true, false);
    Value kilobytes = new Either(List.of(new WholeNumber(64, 2_097_151),
        new Matching(Patterns.digits(64, 2_097_151, 2, 7), "a number of kilobytes from 64 to 2097151")));
    Value pages = new Either(List.of(new WholeNumber(1, 131_072),
        new Matching(Patterns.digits(1, 131_072, 1, 10), "a number of pages from 1 to 131072")));
    Key fillfactor = new Key("fillfactor", percent, false, "How full (10 to 100 percent) index pages are packed.",
        "fillfactor: 90");
    Map<String, Shape> m = new LinkedHashMap<>();
    m.put("btree", withShape("btree", fillfactor, new Key("deduplicate_items", flag, false,
        "Whether btree deduplicates equal keys (default on).", "deduplicate_items: false")));
    m.put("hash", withShape("hash", fillfactor));
    m.put("gin", withShape("gin", new Key("fastupdate", flag, false, "Whether gin collects new entries in a pending list.",
        "fastupdate: false"), new Key("gin_pending_list_limit", kilobytes, false, "The largest pending list, in kilobytes.",
        "gin_pending_list_limit: 4096")));
    m.put("gist", withShape("gist", fillfactor, new Key("buffering", buffering, false,
        "Whether gist builds with buffers: auto, on or off.", "buffering: auto")));
    m.put("spgist", withShape("spgist", fillfactor));
    m.put("brin", withShape("brin", new Key("pages_per_range", pages, false, "How many table pages one brin range covers.",
        "pages_per_range: 32"), new Key("autosummarize", flag, false, "Whether brin summarizes new pages automatically.",
        "autosummarize: true")));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Shape withShape(String method, Key... keys) {
    return new Shape("with_" + method, "storage parameters of " + method + " indexes", List.of(keys), List.of());
  }

  public static final Shape INDEX_KEY = new Shape("indexKey", "index key", List.of(
      new Key("column", REFERENCE, false, "The column of this key (any name, also one with spaces or parentheses).",
          "column: name"),
      new Key("expression", SQL, false, "An SQL expression over the table's columns, instead of a column.",
          "expression: lower(email)"),
      new Key("order", ORDER, false, "`asc` (the default) or `desc`; btree keys only.", "order: desc"),
      new Key("nulls", NULLS, false, "Where nulls go: `first` or `last` (default: last for asc, first for desc); btree only.",
          "nulls: last"),
      new Key("opclass", OPCLASS, false, "The operator class, e.g. `gin_trgm_ops`, `text_pattern_ops`, `jsonb_path_ops`.",
          "opclass: gin_trgm_ops")),
      List.of(new OneOf(List.of("column", "expression"), "MC205", "an index key needs exactly one of 'column:' and 'expression:'")));

  /** An index key: the text form or the mapping form. */
  private static final Value INDEX_KEY_VALUE = new Either(List.of(ORDERED, new Mapping(INDEX_KEY, false)));

  private static Condition method(String... methods) {
    List<String> given = Arrays.asList(methods);
    Condition is = new Is("method", METHOD.only(methods));
    return given.contains("btree") ? new AnyOf(List.of(new Not(new Has("method")), is)) : is;
  }

  private static List<Rule> indexRules() {
    List<Rule> rules = new ArrayList<>(List.of(
        new Implies(new IsTrue("unique"), method("btree"), "MC319", "only btree indexes can be unique"),
        new Implies(new IsTrue("nullsNotDistinct"), new IsTrue("unique"), "MC319",
            "nullsNotDistinct applies to unique indexes only"),
        new Implies(new Is("include", new ListOf(Text.ANY, 1, Integer.MAX_VALUE, false)), method("btree", "gist", "spgist"),
            "MC319", "'include' needs method btree, gist or spgist"),
        new Implies(method("hash", "spgist"), new AtMostItems("columns", 1), "MC319", "hash and spgist indexes take exactly one key"),
        new Implies(new Not(method("btree")), new NoItem("columns", new AnyOf(List.of(new IsText(WITH_ORDER),
            new Is("order", ORDER.only("desc")), new Is("nulls", NULLS.only("first"))))), "MC319",
            "only btree keys have an order (desc, or nulls first ascending)")));
    for (Map.Entry<String, Shape> e : STORAGE.entrySet()) {
      rules.add(new Implies(method(e.getKey()), new Valued("with", new Mapping(e.getValue(), false)), "MC319",
          "storage parameters of " + e.getKey() + " indexes: " + String.join(", ", e.getValue().names())));
    }
    return rules;
  }

  public static final Shape INDEX = new Shape("index", "index", List.of(
      new Key("columns", new ListOf(INDEX_KEY_VALUE, 1, Integer.MAX_VALUE, true), true,
          "The keys in order: `column`, `column desc`, `lower(email)`, `\"due_at desc nulls last\"`, or"
              + " `{ column | expression, order, nulls, opclass }`.",
          "columns: [merchant_id, created_at desc]"),
      new Key("method", METHOD, false, "The access method: " + String.join(", ", METHOD.values()) + " (default btree).",
          "method: gin"),
      new Key("unique", new Flag(), false, "A unique index (btree only).", "unique: true"),
      new Key("nullsNotDistinct", new Flag(), false, "`NULLS NOT DISTINCT` for a unique index: one null at most.",
          "nullsNotDistinct: true"),
      new Key("where", Text.ANY, false, "The predicate of a partial index (SQL).", "where: status = 'pending'"),
      new Key("include", ListOf.uniqueOf(REFERENCE), false, "Covering columns, stored in the index but not part of its key.",
          "include: [amount]"),
      new Key("with", new MapOf(STORAGE_NAME, new SqlText(STORAGE_VALUE), 0, false), false,
          "Storage parameters of the method, each a number, a word or a boolean.", "with: { fillfactor: 90 }"),
      new Key("reason", Text.ANY, true, "Why the index exists; reviewers and operators see it in plans.",
          "reason: Merchant dashboards page through recent charges."),
      new Key("keep", Text.ANY, false, "A reason to keep an index that no declared query uses (silences MC503).",
          "keep: Used by the monthly finance export."),
      new Key("renamedFrom", Text.ANY, false, "The index's name in the previous model version; plans rename it.",
          "renamedFrom: charges_by_merchant")),
      indexRules());

  public static final Shape COLUMN = new Shape("column", "column", List.of(
      new Key("type", TYPE, true, "The column's type: " + TYPE.described() + ".", "type: varchar(64)"),
      new Key("values", new ListOf(new Text(1, MAX_IDENTIFIER_BYTES), 1, MAX_ENUM_VALUES, true), false,
          "The values of an `enum` column, in order (new values may be added anywhere later, existing ones never removed or reordered).",
          "values: [pending, succeeded, failed]"),
      new Key("nullable", new Flag(), false, "Whether the column may be NULL; columns are `NOT NULL` unless they say so.",
          "nullable: true"),
      new Key("default", SqlText.ANY, false,
          "The default, an SQL expression (`now()`, `0`, `gen_random_uuid()`); for text and enum columns a bare word is a value.",
          "default: now()"),
      new Key("primaryKey", new Flag(), false, "This column is the table's primary key (or part of it).", "primaryKey: true"),
      new Key("unique", new Flag(), false, "A unique constraint on this column alone.", "unique: true"),
      new Key("references", QUALIFIED, false, "A foreign key to `table.column`; for several columns use the table's `foreignKeys:`.",
          "references: merchants.id"),
      new Key("onDelete", ON_DELETE, false, "What deleting the referenced row does; needs `references`.", "onDelete: cascade"),
      new Key("onUpdate", ON_DELETE, false, "What changing the referenced key does; needs `references`.", "onUpdate: cascade"),
      new Key("identity", IDENTITY, false,
          "An identity column: `always` or `byDefault` (`GENERATED ... AS IDENTITY`); smallint, int or bigint.",
          "identity: always"),
      new Key("sequence", DEFINED_NAME, false,
          "The name of the owned sequence of an identity or serial column (default `<table>_<column>_seq`).",
          "sequence: orders_number_seq"),
      new Key("generated", SQL, false, "A stored generated column: `GENERATED ALWAYS AS (expression) STORED`.",
          "generated: price_cents * quantity"),
      new Key("collation", COLLATION, false, "The collation of a text column (text, varchar, char, citext).",
          "collation: \"C\""),
      new Key("description", Text.ANY, false, "What the column holds; Javadoc of the record component and `COMMENT ON COLUMN`.",
          "description: Amount in minor units."),
      new Key("renamedFrom", Text.ANY, false, "The column's name in the previous model version; plans rename it.",
          "renamedFrom: amount_cents")),
      List.of(
          new RequiredWhen("values", false, "type", ENUM_TYPE, "MC307", "an enum column needs 'values:'"),
          new AllowedWhen("values", false, "type", ENUM_TYPE, false, "MC205", "'values' only applies to enum columns"),
          new Needs("onDelete", "references", "MC205", "'onDelete' needs 'references:'"),
          new Needs("onUpdate", "references", "MC205", "'onUpdate' needs 'references:'"),
          new NotBoth("primaryKey", "nullable", "MC308", "a primary key column cannot be nullable"),
          new AllowedWhen("identity", false, "type", INTEGER_TYPE, false, "MC205", "'identity' needs smallint, int or bigint"),
          new AllowedWhen("collation", false, "type", TEXT_TYPE, false, "MC205",
              "'collation' applies to text types (text, varchar, char, citext)"),
          new Implies(new Has("generated"), new Not(new AnyOf(List.of(new Has("identity"), new Is("type", SERIAL_TYPE)))),
              "MC205", "a column is filled by at most one of a serial type, 'identity' and 'generated'"),
          new Implies(new Has("sequence"), new AnyOf(List.of(new Has("identity"), new Is("type", SERIAL_TYPE))), "MC205",
              "'sequence' names the sequence of an identity or serial column"),
          new Implies(new Has("default"), new Not(new AnyOf(List.of(new Has("identity"), new Has("generated"),
              new Is("type", SERIAL_TYPE)))), "MC205", "an identity, serial or generated column has no 'default'"),
          new Implies(new IsTrue("nullable"), new Not(new AnyOf(List.of(new Has("identity"), new Is("type", SERIAL_TYPE)))),
              "MC205", "an identity or serial column is NOT NULL")));

  public static final Shape PRIMARY_KEY = new Shape("primaryKey", "primary key", List.of(
      new Key("name", DEFINED_NAME, false, "The constraint's name (default `<table>_pkey`).", "name: orders_pk"),
      new Key("columns", ListOf.uniqueOf(REFERENCE), true, "The key's columns in order.", "columns: [shop_id, id]")),
      List.of());

  public static final Shape UNIQUE = new Shape("unique", "unique constraint", List.of(
      new Key("name", DEFINED_NAME, false, "The constraint's name (default `<table>_<columns>_key`).",
          "name: orders_token_key"),
      new Key("columns", new ListOf(REFERENCE, 1, Integer.MAX_VALUE, true), true, "The columns that are unique together.",
          "columns: [shop_id, number]"),
      new Key("nullsNotDistinct", new Flag(), false, "`NULLS NOT DISTINCT`: rows with nulls are not distinct either.",
          "nullsNotDistinct: true")),
      List.of());

  public static final Shape FOREIGN_KEY_TARGET = new Shape("foreignKeyTarget", "referenced key", List.of(
      new Key("table", REFERENCE, true, "The referenced table.", "table: orders"),
      new Key("columns", new ListOf(REFERENCE, 1, MAX_KEY_COLUMNS, false), true,
          "The referenced columns, in the order of the key's columns: the table's primary key or a unique constraint.",
          "columns: [shop_id, id]")),
      List.of());

  public static final Shape FOREIGN_KEY = new Shape("foreignKey", "foreign key", List.of(
      new Key("name", DEFINED_NAME, false, "The constraint's name (default `<table>_<columns>_fkey`).",
          "name: fk_rails_0a1b2c3d"),
      new Key("columns", new ListOf(REFERENCE, 1, MAX_KEY_COLUMNS, true), true, "The key's columns in order.",
          "columns: [shop_id, order_id]"),
      new Key("references", new Mapping(FOREIGN_KEY_TARGET, false), true, "The referenced table and columns.",
          "references: { table: orders, columns: [shop_id, id] }"),
      new Key("onDelete", ON_DELETE, false, "What deleting the referenced row does (default no action).", "onDelete: cascade"),
      new Key("onUpdate", ON_DELETE, false, "What changing the referenced key does (default no action).",
          "onUpdate: no action"),
      new Key("match", MATCH, false, "`simple` (the default) or `full`: whether a key with some nulls must be all null.",
          "match: full"),
      new Key("deferrable", new Flag(), false, "Whether the check may be deferred to the end of the transaction.",
          "deferrable: true"),
      new Key("initiallyDeferred", new Flag(), false, "Deferred unless a transaction says otherwise; needs `deferrable`.",
          "initiallyDeferred: true")),
      List.of(
          new Implies(new IsTrue("initiallyDeferred"), new IsTrue("deferrable"), "MC205", "initiallyDeferred needs deferrable: true"),
          new SameLength("columns", "references", "columns", MAX_KEY_COLUMNS, "MC205",
              "a foreign key references as many columns as it has")));

  public static final Shape TABLE = new Shape("table", "table", List.of(
      new Key("description", Text.ANY, false, "What the table holds; Javadoc of its row record and `COMMENT ON TABLE`.",
          "description: One row per payment attempt."),
      new Key("owner", Text.ANY, false, "The team that owns the table.", "owner: team-payments"),
      new Key("rows", new WholeNumber(0, MAX_NUMBER), false,
          "The expected number of rows; drives estimates and approvals in plans. A plain number: editors read `2_000` as text.",
          "rows: 2000000000"),
      new Key("columns", new MapOf(DEFINED_NAME, new Either(List.of(SHORTHAND_TYPE, new Mapping(COLUMN, false))), 1, false), true,
          "The columns in declaration order: each a mapping, or just its type (`amount: bigint`).",
          "columns:\n  id: { type: uuid, primaryKey: true }\n  amount: bigint"),
      new Key("primaryKey", new Either(List.of(ListOf.uniqueOf(REFERENCE), new Mapping(PRIMARY_KEY, false))), false,
          "A composite or named primary key: a list of columns, or `{ name, columns }`; the alternative to `primaryKey: true`"
              + " on one column.",
          "primaryKey: [account_id, user_id]"),
      new Key("uniques", new ListOf(new Mapping(UNIQUE, false), 0, Integer.MAX_VALUE, false, true), false,
          "Unique constraints, named or not: `{ name, columns, nullsNotDistinct }`.",
          "uniques:\n  - columns: [shop_id, number]"),
      new Key("foreignKeys", new ListOf(new Mapping(FOREIGN_KEY, false), 0, Integer.MAX_VALUE, false, true), false,
          "Foreign keys with every option: named, of several columns, with actions, match and deferral.",
          "foreignKeys:\n  - columns: [shop_id, order_id]\n    references: { table: orders, columns: [shop_id, id] }"),
      new Key("indexes", new MapOf(DEFINED_NAME, new Mapping(INDEX, false), 0, true), false,
          "The table's indexes by name; index names are unique across the model.",
          "indexes:\n  charges_merchant_created:\n    columns: [merchant_id, created_at desc]\n    reason: Merchant dashboards."),
      new Key("checks", new MapOf(DEFINED_NAME, new Mapping(CHECK, false), 0, true), false, "`CHECK` constraints by name.",
          "checks:\n  amount_positive: { expression: amount > 0 }"),
      new Key("renamedFrom", Text.ANY, false, "The table's name in the previous model version; plans rename it.",
          "renamedFrom: payments")),
      List.of(new KeyOnceWithin("primaryKey", "columns", "primaryKey", "MC205",
          "the primary key is declared twice: use either 'primaryKey' on the table or 'primaryKey: true' on columns")));

  private static final Choice KINDS = QUERY_KIND;

  public static final Shape QUERY = new Shape("query", "query", List.of(
      new Key("table", REFERENCE, true, "The table the query reads or writes.", "table: charges"),
      new Key("kind", QUERY_KIND, false, "What the query does: " + String.join(", ", QUERY_KIND.values()) + " (default select).",
          "kind: update"),
      new Key("where", new MapOf(WHERE_KEY, new Either(List.of(CONDITION, new ListOf(CONDITION, 1, Integer.MAX_VALUE, false))), 0,
          false),
          false, "Conditions by column (or by an expression an expression index serves): an operator, optionally with a literal"
              + " (`\"= 'pending'\"`); a list for two conditions on one column.",
          "where: { merchant_id: \"=\", created_at: [\">=\", \"<\"] }"),
      new Key("orderBy", ListOf.of(ORDER_TERM), false, "The order of the rows, each `column`, `column asc` or `column desc`.",
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

  public static final Shape TOMBSTONE = new Shape("tombstone", "tombstone", List.of(
      new Key("reason", Text.ANY, true, "Why the object was removed; shown in the plan's drop step.",
          "reason: No reader since the v2 API.")), List.of());

  private static final Key DROPPED_DESPITE_USE = new Key("droppedDespiteUse", Text.ANY, false,
      "Why the object goes although `plan --usage` shows it was used inside the window (without it such a drop is MC620).",
      "droppedDespiteUse: The last reader moves to the archive this release.");

  public static final Shape TABLE_TOMBSTONE = new Shape("tableTombstone", "table tombstone", List.of(
      TOMBSTONE.key("reason"), DROPPED_DESPITE_USE), List.of());

  public static final Shape INDEX_TOMBSTONE = new Shape("indexTombstone", "index tombstone", List.of(
      TOMBSTONE.key("reason"),
      new Key("replacedBy", Text.ANY, false, "The index that replaces the removed one; the drop waits for it.",
          "replacedBy: charges_merchant_created"),
      DROPPED_DESPITE_USE), List.of());

  public static final Shape RETIRED = new Shape("retired", "retired", List.of(
      new Key("tables", new MapOf(null, new Mapping(TABLE_TOMBSTONE, false), 0, true), false, "Removed tables and why.",
          "tables:\n  legacy_refunds: { reason: Refunds moved into charges. }"),
      new Key("columns", new MapOf(DOTTED, new Mapping(TOMBSTONE, false), 0, true), false, "Removed columns (`table.column`) and why.",
          "columns:\n  charges.legacy_code: { reason: No reader since the v2 API. }"),
      new Key("indexes", new MapOf(DOTTED, new Mapping(INDEX_TOMBSTONE, false), 0, true), false,
          "Removed indexes (`table.index`), why, and what replaces them.",
          "indexes:\n  charges.charges_merchant: { reason: Superseded., replacedBy: charges_merchant_created }")),
      List.of());

  private static final Key UNMANAGED_REASON = new Key("reason", Text.ANY, true,
      "Why the database has it; `unknown`, the placeholder an import writes, is counted as a note (MC325).",
      "reason: Reporting view of the analytics team.");
  private static final Key DEPENDS_ON = new Key("dependsOn", ListOf.of(DEPENDENCY), false,
      "The tables and `table.column` it reads: plans refuse steps PostgreSQL would refuse because of it (MC630).",
      "dependsOn: [users.id, users.deleted_at]");

  public static final Shape UNMANAGED_ENTRY = new Shape("unmanagedEntry", "unmanaged object",
      List.of(UNMANAGED_REASON, DEPENDS_ON), List.of());

  public static final Shape UNMANAGED_OTHER = new Shape("unmanagedOther", "other unmanaged object", List.of(
      new Key("kind", Text.ANY, true, "What kind of object it is, in words.", "kind: event trigger"),
      UNMANAGED_REASON, DEPENDS_ON), List.of());

  public static final Shape UNMANAGED = new Shape("unmanaged", "unmanaged", Arrays.stream(UnmanagedObject.Kind.values())
      .map(ModelGrammar::unmanagedSection).toList(), List.of());

  private static Key unmanagedSection(UnmanagedObject.Kind kind) {
    boolean other = kind == UnmanagedObject.Kind.OTHER;
    Value names = kind.inTable() ? IN_TABLE : DEFINED_NAME;
    String plural = switch (kind) {
      case VIEWS -> "Views";
      case MATERIALIZED_VIEWS -> "Materialized views";
      case FUNCTIONS -> "Functions";
      case TRIGGERS -> "Triggers (named `table.name`)";
      case POLICIES -> "Row-level security policies (named `table.name`)";
      case PARTITIONS -> "Partitions";
      case SEQUENCES -> "Sequences";
      case TYPES -> "Types";
      case OTHER -> "Other objects (with their `kind`)";
    };
    String example = kind.section() + ":\n  " + (kind.inTable() ? "users.audit" : "audit_" + kind.section().toLowerCase(java.util.Locale.ROOT))
        + ": { " + (other ? "kind: event trigger, " : "") + "reason: Kept by the platform team. }";
    return new Key(kind.section(), new MapOf(names, new Mapping(other ? UNMANAGED_OTHER : UNMANAGED_ENTRY, false), 0, true), false,
        plural + " the database has and the model does not manage, with why and what they read.", example);
  }

  public static final Shape APPROVALS = new Shape("approvals", "approvals", List.of(
      new Key("criticalTraffic", new Flag(), false, "Steps touching objects that serve critical queries need approval (default true).",
          "criticalTraffic: true"),
      new Key("tableRewrites", new Flag(), false, "Steps that rewrite or scan-lock a whole table need approval (default true).",
          "tableRewrites: true"),
      new Key("indexBuildRowsOver", new WholeNumber(0, MAX_NUMBER), false,
          "Index builds on tables with more rows than this need approval (default 10000000).", "indexBuildRowsOver: 10000000")),
      List.of());

  /** How far back usage evidence must reach: {@code 30d}, 1 to 9999 days. */
  public static final Matching WINDOW = new Matching(Patterns.TRIM + Patterns.digits(1, 9999, 1, 4) + Patterns.SPACE + "*d"
      + Patterns.TRIM, "a number of days from 1d to 9999d, such as 30d");
  /**
   * The most gigabytes a size may have: the bytes are counted in a {@code long}. Twelve digits
   * of any smaller unit fit; in gigabytes, only up to this number.
   */
  public static final long MAX_SIZE_GB = Long.MAX_VALUE / (1024L * 1024 * 1024);
  /** A size: {@code 0B}, {@code 512kB}, {@code 8MB}, {@code 1GB}, at most {@value #MAX_SIZE_GB}GB. */
  public static final Matching SIZE = new Matching(Patterns.TRIM + "(?:[0-9]{1,12}" + Patterns.SPACE + "*(?:B|kB|MB)|"
      + Patterns.digits(0, MAX_SIZE_GB, 1, 12) + Patterns.SPACE + "*GB)" + Patterns.TRIM,
      "a size such as 0B, 512kB, 8MB or 1GB, up to " + MAX_SIZE_GB + "GB");

  public static final Shape USAGE = new Shape("usage", "usage policy", List.of(
      new Key("window", WINDOW, false, "How far back the usage evidence must reach before an index counts as unused (default 30d).",
          "window: 30d"),
      new Key("ignorePrimaryKeys", new Flag(), false, "A primary key is never reported unused: it works on every write (default true).",
          "ignorePrimaryKeys: true"),
      new Key("ignoreUnique", new Flag(), false, "Nor is a unique index (default true).", "ignoreUnique: true"),
      new Key("ignoreSmallerThan", SIZE, false, "Indexes smaller than this are kept by policy (B, kB, MB, GB).",
          "ignoreSmallerThan: 1MB"),
      new Key("unusedAtMostScans", new WholeNumber(0, MAX_NUMBER), false,
          "Scans per node in the window that still count as unused (default 0).", "unusedAtMostScans: 0")),
      List.of());

  public static final Shape POLICY = new Shape("policy", "policy", List.of(
      new Key("approvals", new Mapping(APPROVALS, false), false, "Which plan steps need approval.",
          "approvals:\n  criticalTraffic: true"),
      new Key("lockTimeout", new Duration(), false, "How long a step waits for its lock before it gives up and retries (default 5s).",
          "lockTimeout: 5s"),
      new Key("statementTimeout", new Duration(), false, "How long a statement may run; 0 is no limit (the default).",
          "statementTimeout: 30min"),
      new Key("lockRetries", new WholeNumber(0, 100), false, "How often a step retries after a lock timeout (default 5).",
          "lockRetries: 5"),
      new Key("usage", new Mapping(USAGE, false), false,
          "When `modelc usage report` and `plan --usage` call an index unused.", "usage:\n  window: 30d")),
      List.of());

  public static final Shape FILE = new Shape("file", "modelc model file", List.of(
      new Key("model", MODEL_NAME, false, "The model's name, in exactly one file of the model.", "model: payments"),
      new Key("database", DATABASE, false, "The target database; `postgresql`, the default, is the one supported.",
          "database: postgresql"),
      new Key("description", Text.ANY, false, "What the model describes.", "description: Payments of the checkout API."),
      new Key("policy", new Mapping(POLICY, false), false, "When plan steps need approval, and the timeouts plans run with.",
          "policy:\n  lockTimeout: 5s"),
      new Key("extensions", ListOf.uniqueOf(EXTENSION), false,
          "PostgreSQL extensions the model needs (in one file of the model): `ddl` and plans create them before anything that"
              + " uses them.",
          "extensions: [citext, pg_trgm]"),
      new Key("tables", new MapOf(DEFINED_NAME, new Mapping(TABLE, false), 0, true), false, "The tables by name.",
          "tables:\n  charges:\n    columns:\n      id: { type: uuid, primaryKey: true }"),
      new Key("queries", new MapOf(QUERY_NAME, new Mapping(QUERY, false), 0, true), false,
          "The query patterns by name (the Java method name).",
          "queries:\n  recentCharges:\n    table: charges\n    orderBy: [created_at desc]\n    limit: 100"),
      new Key("retired", new Mapping(RETIRED, true), false, "Tombstones: removed tables, columns and indexes, and why.",
          "retired:\n  tables:\n    legacy_refunds: { reason: Moved into charges. }"),
      new Key("unmanaged", new Mapping(UNMANAGED, true), false,
          "Objects the database has and the model does not manage (views, triggers, ...): plans never touch them.",
          "unmanaged:\n  views:\n    active_users: { reason: Reporting view., dependsOn: [users.id] }")),
      List.of());

  /** Every mapping of the language, outermost first. */
  public static final List<Shape> SHAPES = shapes();

  private static List<Shape> shapes() {
    List<Shape> all = new ArrayList<>(List.of(FILE, POLICY, APPROVALS, USAGE, TABLE, COLUMN, PRIMARY_KEY, UNIQUE, FOREIGN_KEY,
        FOREIGN_KEY_TARGET, INDEX, INDEX_KEY, CHECK, QUERY, RETIRED, TOMBSTONE, TABLE_TOMBSTONE, INDEX_TOMBSTONE, UNMANAGED, UNMANAGED_ENTRY,
        UNMANAGED_OTHER));
    all.addAll(STORAGE.values());
    return List.copyOf(all);
  }

  private ModelGrammar() {}
}
