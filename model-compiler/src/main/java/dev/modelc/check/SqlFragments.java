package dev.modelc.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SQL text a model may carry, read far enough to know what it is. A <em>literal</em> is a
 * quoted string, a number, {@code true}/{@code false} or {@code null}; a literal list is
 * {@code (literal, ...)}; an <em>expression</em> (a check, a partial index's {@code where}, a
 * default that is not a literal) is one expression: quotes closed, parentheses balanced, no
 * statement separator, no comment, no dollar quoting, no list at the top level, no statement
 * keyword and no two operands in a row. Anything else is reported, never copied into SQL.
 */
public final class SqlFragments {
  /** What a literal is, once read. */
  public enum Kind {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /** A literal: its kind and, for strings, the value between the quotes; for numbers, the value. */
  public record Literal(Kind kind, String value, BigDecimal number) {}

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");
  /**
   * PostgreSQL reserved words that start or structure a statement or a subquery: never part of
   * one expression. Only reserved words, so that no legal column name is refused.
   */
  private static final Set<String> STATEMENT_WORDS = Set.of("select", "create", "grant", "table", "with", "union",
      "intersect", "except", "returning", "into", "limit", "offset", "fetch", "order", "group", "having", "where",
      "window", "from");
  /** Words that join operands: after one of these an operand must follow. */
  private static final Set<String> WORD_OPERATORS = Set.of("and", "or", "not", "is", "in", "like", "ilike",
      "similar", "between", "symmetric", "distinct", "escape", "isnull", "notnull", "at", "time",
      "collate", "any", "all", "some", "overlaps", "case", "when", "then", "else");
  /** Words that change nothing about what may follow: {@code timestamp with time zone}. */
  private static final Set<String> NEUTRAL_WORDS = Set.of("with", "without", "zone", "varying", "precision");

  private SqlFragments() {}

  /** The literal {@code text} is, or empty when it is not exactly one literal. */
  public static Optional<Literal> literal(String text) {
    String s = text.trim();
    if (s.length() >= 2 && s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\'') {
      StringBuilder value = new StringBuilder();
      for (int i = 1; i < s.length() - 1; i++) {
        char c = s.charAt(i);
        if (c == '\'') {
          if (i + 1 >= s.length() - 1 || s.charAt(i + 1) != '\'') {
            return Optional.empty(); // a lone quote ends the string early: 'a' || 'b' is no literal
          }
          i++;
        }
        value.append(c);
      }
      return Optional.of(new Literal(Kind.STRING, value.toString(), null));
    }
    if (NUMBER.matcher(s).matches()) {
      return Optional.of(new Literal(Kind.NUMBER, s, new BigDecimal(s.startsWith("+") ? s.substring(1) : s)));
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Optional.of(new Literal(Kind.BOOLEAN, lower, null));
    }
    if (lower.equals("null")) {
      return Optional.of(new Literal(Kind.NULL, lower, null));
    }
    return Optional.empty();
  }

  /** The literals of {@code (a, b, ...)}, or empty unless it is such a list of literals. */
  public static Optional<List<Literal>> literalList(String text) {
    if (controlCharacter(text).isPresent()) {
      return Optional.empty();
    }
    Optional<List<String>> elements = dev.modelc.dialect.PostgresExpressions.listElements(text);
    if (elements.isEmpty()) {
      return Optional.empty();
    }
    List<Literal> values = new ArrayList<>();
    for (String element : elements.get()) {
      Optional<Literal> value = literal(element);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values.add(value.get());
    }
    return Optional.of(List.copyOf(values));
  }

  /** Why {@code text} is not one SQL expression, or empty when it is (names are not resolved). */
  public static Optional<String> expressionProblem(String text) {
    return expressionProblem(text, null, Use.ANY);
  }

  /** What an expression is for, which decides what it may hold. */
  public enum Use {
    /** Anything that is one expression. */
    ANY,
    /** A default: no column references. */
    DEFAULT,
    /** A check or a partial index's predicate: a boolean expression over the table's columns. */
    CONDITION
  }

  /** A token of an expression: kind, text (unquoted for names and strings) and position. */
  record Token(char kind, String text, int at) {
    // kinds: 'w' word, 'q' quoted name, 's' string, 'n' number, 'o' operator, '(' ')' '[' ']' ',' ':' (the :: cast)
  }

  /**
   * Why {@code text} is not one expression fit for {@code use}, or empty when it is. With
   * {@code columns} (lower-case name -> column type), every name that is not a keyword, type
   * or known function must be one of them; a default may name none, and a condition must be
   * boolean.
   */
  public static Optional<String> expressionProblem(String text, java.util.Map<String, dev.modelc.model.TypeKind> columns, Use use) {
    String s = text.trim();
    if (s.isEmpty()) {
      return Optional.of("is empty");
    }
    Optional<String> control = controlCharacter(s);
    if (control.isPresent()) {
      return control;
    }
    List<Token> tokens = new ArrayList<>();
    Optional<String> lexical = tokenize(s, tokens);
    if (lexical.isPresent()) {
      return lexical;
    }
    int depth = 0;
    boolean operand = false; // the previous token ended an operand
    boolean booleanOperator = false;
    int betweens = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token previous = i == 0 ? null : tokens.get(i - 1);
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      switch (t.kind()) {
        case 's', 'n', 'q' -> {
          boolean typedLiteral = t.kind() == 's' && previous != null && previous.kind() == 'w' && operand;
          if (operand && !typedLiteral) {
            return Optional.of("has two operands in a row near " + near(s, t.at()));
          }
          if (t.kind() == 'q') {
            Optional<String> name = columnName(t.text(), columns, use, s, t.at());
            if (name.isPresent()) {
              return name;
            }
          }
          operand = true;
        }
        case '(', '[' -> {
          if (t.kind() == '(' && previous != null && previous.kind() == 'w' && previous.text().equals("in")
              && next != null && next.kind() == ')') {
            return Optional.of("has an empty 'in ()' list");
          }
          depth++;
          operand = false;
        }
        case ')', ']' -> {
          if (--depth < 0) {
            return Optional.of("closes a parenthesis that was never opened");
          }
          boolean emptyCall = previous != null && previous.kind() == '(';
          if (!operand && !emptyCall) {
            return Optional.of("has an operator or ',' with nothing after it near " + near(s, t.at()));
          }
          operand = true;
        }
        case ',' -> {
          if (depth == 0) {
            return Optional.of("is a list, not one expression (a ',' outside parentheses)");
          }
          if (!operand) {
            return Optional.of("has a ',' with nothing before it near " + near(s, t.at()));
          }
          operand = false;
        }
        case ':' -> {
          if (!operand) {
            return Optional.of("has a cast '::' without a value before it");
          }
          if (i + 1 >= tokens.size() || !(tokens.get(i + 1).kind() == 'w' || tokens.get(i + 1).kind() == 'q')) {
            return Optional.of("has a cast '::' without a type after it");
          }
          i = skipTypeName(tokens, i + 1) - 1;
          operand = true;
        }
        case 'o' -> {
          boolean prefix = PREFIX_OPERATORS.contains(t.text());
          if (!operand && !prefix) {
            return Optional.of("has the operator '" + t.text() + "' without a value before it near " + near(s, t.at()));
          }
          if (COMPARISONS.contains(t.text())) {
            booleanOperator = true;
          }
          if (TEXT_MATCH.contains(t.text())) {
            // a pattern match needs text on both sides: a number column or literal is a type error
            // PostgreSQL reports only when the DDL runs (found by fuzzing: `amount ~ 0` on an int)
            dev.modelc.model.TypeKind left = previous != null && previous.kind() == 'w' && columns != null ? columns.get(previous.text()) : null;
            boolean numberRight = next != null && next.kind() == 'n';
            if (left != null && !TEXT_KINDS.contains(left) || numberRight) {
              return Optional.of("matches text with '" + t.text() + "' against " + (numberRight ? "the number " + next.text()
                  : "column '" + previous.text() + "' of type " + left.modelName()) + " near " + near(s, t.at())
                  + "; compare text, or cast the value to text first");
            }
          }
          operand = false;
        }
        default -> { // a word
          String w = t.text();
          if (w.equals("from") && previous != null && previous.text().equals("distinct")) {
            operand = false;
            continue;
          }
          if (depth > 0 && (w.equals("from") || w.equals("for") || w.equals("both") || w.equals("leading")
              || w.equals("trailing") || w.equals("as"))) {
            operand = false; // extract(year from x), substring(x from 1 for 2), trim(both 'x' from y), cast(x as t)
            if (w.equals("as")) {
              i = skipTypeName(tokens, i + 1) - 1;
              operand = true;
            }
            continue;
          }
          if (previous != null && previous.kind() == '(' && i >= 2 && tokens.get(i - 2).text().equals("extract")) {
            operand = true; // the field of extract(year from x)
            continue;
          }
          if (STATEMENT_WORDS.contains(w)) {
            return Optional.of("holds '" + w + "', which starts a statement or a subquery; a model holds one expression");
          }
          if (NEUTRAL_WORDS.contains(w) || (w.equals("time") && operand) || (POSTFIX_WORDS.contains(w) && operand)) {
            continue;
          }
          if (WORD_OPERATORS.contains(w)) {
            if (BINARY_WORDS.contains(w) && !operand) {
              return Optional.of("has '" + w + "' without a value before it near " + near(s, t.at()));
            }
            if (BOOLEAN_WORDS.contains(w)) {
              booleanOperator = true;
            }
            if (w.equals("between")) {
              betweens++;
            } else if (w.equals("and") && betweens > 0) {
              betweens--;
            }
            operand = w.equals("isnull") || w.equals("notnull");
            continue;
          }
          if (operand) {
            return Optional.of("has two operands in a row near " + near(s, t.at()));
          }
          operand = true;
          if (next != null && next.kind() == '(') {
            if (!FUNCTIONS.contains(w)) {
              return Optional.of("calls '" + w + "()', which is not a PostgreSQL built-in function modelc knows"
                  + dev.modelc.diag.Suggestions.didYouMean(w, FUNCTIONS));
            }
            if (NO_ARGUMENTS.contains(w) && !(i + 2 < tokens.size() && tokens.get(i + 2).kind() == ')')) {
              return Optional.of("calls '" + w + "' with arguments; " + w + "() takes none");
            }
            if (BOOLEAN_FUNCTIONS.contains(w)) {
              booleanOperator = true;
            }
            continue;
          }
          if (VALUE_WORDS.contains(w) || (next != null && next.kind() == 's' && TYPE_WORDS_LITERAL.contains(w))) {
            if (w.equals("true") || w.equals("false")) {
              booleanOperator |= tokens.size() <= 2;
            }
            continue;
          }
          Optional<String> name = columnName(w, columns, use, s, t.at());
          if (name.isPresent()) {
            return name;
          }
          if (columns != null && columns.get(w) == dev.modelc.model.TypeKind.BOOL) {
            booleanOperator = true;
          }
        }
      }
    }
    if (depth > 0) {
      return Optional.of("opens " + depth + " parenthes" + (depth == 1 ? "is" : "es") + " that " + (depth == 1 ? "is" : "are")
          + " never closed");
    }
    if (!operand) {
      return Optional.of("ends with an operator");
    }
    if (betweens > 0) {
      return Optional.of("has 'between' without its 'and'");
    }
    if (use == Use.CONDITION && !booleanOperator) {
      return Optional.of("is not a boolean expression (no comparison, and/or/not, is, in, like or boolean column)");
    }
    return Optional.empty();
  }

  private static Optional<String> columnName(String name, java.util.Map<String, dev.modelc.model.TypeKind> columns, Use use,
      String s, int at) {
    if (use == Use.DEFAULT) {
      return Optional.of("refers to '" + name + "', a column or unknown name; a default cannot refer to columns");
    }
    if (columns != null && !columns.containsKey(name)) {
      return Optional.of("names '" + name + "', which is not a column of the table"
          + dev.modelc.diag.Suggestions.didYouMean(name, columns.keySet()));
    }
    return Optional.empty();
  }

  /**
   * The string literals an enum column is compared with ({@code status = 'x'}, {@code 'x' <> status},
   * {@code status in ('a', 'b')}, {@code status::text} excluded): pairs of column name and value.
   */
  public static List<String[]> enumComparisons(String text, java.util.Set<String> enumColumns) {
    List<Token> tokens = new ArrayList<>();
    List<String[]> found = new ArrayList<>();
    if (tokenize(text.trim(), tokens).isPresent()) {
      return found;
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!(t.kind() == 'w' || t.kind() == 'q') || !enumColumns.contains(t.text())) {
        continue;
      }
      int j = i + 1;
      if (j < tokens.size() && tokens.get(j).kind() == 'o' && COMPARISONS.contains(tokens.get(j).text())
          && j + 1 < tokens.size() && tokens.get(j + 1).kind() == 's'
          && !(j + 2 < tokens.size() && tokens.get(j + 2).kind() == ':')) {
        found.add(new String[] {t.text(), tokens.get(j + 1).text()});
      }
      if (i >= 2 && tokens.get(i - 1).kind() == 'o' && COMPARISONS.contains(tokens.get(i - 1).text())
          && tokens.get(i - 2).kind() == 's' && !(j < tokens.size() && tokens.get(j).kind() == ':')) {
        found.add(new String[] {t.text(), tokens.get(i - 2).text()});
      }
      if (j < tokens.size() && tokens.get(j).kind() == 'w' && tokens.get(j).text().equals("not")) {
        j++;
      }
      if (j + 1 < tokens.size() && tokens.get(j).kind() == 'w' && tokens.get(j).text().equals("in") && tokens.get(j + 1).kind() == '(') {
        for (int k = j + 2; k < tokens.size() && tokens.get(k).kind() != ')'; k++) {
          if (tokens.get(k).kind() == 's') {
            found.add(new String[] {t.text(), tokens.get(k).text()});
          }
        }
      }
    }
    return found;
  }

  /** The index after a type name starting at {@code j}: words, an optional (modifiers) and [] suffixes. */
  private static int skipTypeName(List<Token> tokens, int j) {
    int first = j;
    while (j < tokens.size() && (tokens.get(j).kind() == 'w' || tokens.get(j).kind() == 'q')
        && (j == first || TYPE_WORDS.contains(tokens.get(j).text()))) {
      j++;
    }
    j = skipGroup(tokens, j, '(', ')');
    while (j + 1 < tokens.size() && tokens.get(j).kind() == '[' && tokens.get(j + 1).kind() == ']') {
      j += 2;
    }
    return j;
  }

  private static int skipGroup(List<Token> tokens, int j, char open, char close) {
    if (j < tokens.size() && tokens.get(j).kind() == open) {
      int depth = 0;
      for (; j < tokens.size(); j++) {
        if (tokens.get(j).kind() == open) {
          depth++;
        } else if (tokens.get(j).kind() == close && --depth == 0) {
          return j + 1;
        }
      }
    }
    return j;
  }

  /** Splits {@code s} into tokens; a problem when it holds something no model expression may hold. */
  private static Optional<String> tokenize(String s, List<Token> out) {
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '\'') {
        if (i > 0 && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
            && (i < 2 || !Character.isLetterOrDigit(s.charAt(i - 2)) && s.charAt(i - 2) != '_')) {
          return Optional.of("uses an escape string (E'...'); write a plain quoted string");
        }
        int end = closing(s, i, '\'');
        if (end < 0) {
          return Optional.of("has a string that is never closed");
        }
        out.add(new Token('s', s.substring(i + 1, end).replace("''", "'"), i));
        i = end + 1;
        continue;
      }
      if (c == '"') {
        int end = closing(s, i, '"');
        if (end < 0 || end == i + 1) {
          return Optional.of("has a quoted name that is " + (end < 0 ? "never closed" : "empty"));
        }
        out.add(new Token('q', s.substring(i + 1, end).replace("\"\"", "\""), i));
        i = end + 1;
        continue;
      }
      if (c == ';') {
        return Optional.of("holds a statement separator ';': a model holds expressions, not statements");
      }
      if (c == '$') {
        return Optional.of("uses dollar quoting or a parameter ('$'), which a model expression cannot hold");
      }
      if (c == '\\') {
        return Optional.of("holds a backslash outside a string");
      }
      if (s.startsWith("--", i) || s.startsWith("/*", i)) {
        return Optional.of("holds an SQL comment; describe it in 'reason:' or 'description:' instead");
      }
      if ("()[],".indexOf(c) >= 0) {
        out.add(new Token(c, String.valueOf(c), i));
        i++;
        continue;
      }
      if (s.startsWith("::", i)) {
        out.add(new Token(':', "::", i));
        i += 2;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
          end++;
        }
        out.add(new Token('w', s.substring(i, end).toLowerCase(Locale.ROOT), i));
        i = end;
        continue;
      }
      if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        int end = i;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.' || s.charAt(end) == '_')) {
          end++;
        }
        if (end < s.length() && (s.charAt(end) == 'e' || s.charAt(end) == 'E')) {
          int exp = end + 1;
          if (exp < s.length() && (s.charAt(exp) == '+' || s.charAt(exp) == '-')) {
            exp++;
          }
          if (exp < s.length() && Character.isDigit(s.charAt(exp))) {
            end = exp;
            while (end < s.length() && Character.isDigit(s.charAt(end))) {
              end++;
            }
          }
        }
        String number = s.substring(i, end);
        if (!NUMBER.matcher(number).matches() || (end < s.length() && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '_'))) {
          return Optional.of("has the malformed number '" + s.substring(i, Math.min(s.length(), end + 1)) + "'");
        }
        out.add(new Token('n', number, i));
        i = end;
        continue;
      }
      if (OPERATOR_CHARS.indexOf(c) >= 0) {
        int end = i;
        while (end < s.length() && OPERATOR_CHARS.indexOf(s.charAt(end)) >= 0 && !s.startsWith("--", end) && !s.startsWith("/*", end)) {
          end++;
        }
        String op = s.substring(i, end);
        // PostgreSQL: a multi-character operator ends in + or - only if it holds one of ~ ! @ # % ^ & | ` ?
        while (op.length() > 1 && (op.endsWith("+") || op.endsWith("-")) && op.chars().noneMatch(ch -> "~!@#%^&|`?".indexOf(ch) >= 0)) {
          op = op.substring(0, op.length() - 1);
        }
        out.add(new Token('o', op, i));
        i += op.length();
        continue;
      }
      return Optional.of("holds the character '" + c + "', which is not SQL");
    }
    return Optional.empty();
  }

  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=", "~", "~*", "!~", "!~*",
      "@>", "<@", "&&", "?", "?|", "?&", "~~", "!~~", "@@");
  /** Prefix operators a model expression may use: signs only (bitwise not, absolute value and roots are not model SQL). */
  private static final Set<String> PREFIX_OPERATORS = Set.of("-", "+");
  /** Pattern-match operators, defined for text only. */
  private static final Set<String> TEXT_MATCH = Set.of("~", "~*", "!~", "!~*", "~~", "~~*", "!~~", "!~~*");
  private static final Set<dev.modelc.model.TypeKind> TEXT_KINDS = java.util.EnumSet.of(dev.modelc.model.TypeKind.TEXT,
      dev.modelc.model.TypeKind.VARCHAR, dev.modelc.model.TypeKind.CHAR);
  private static final Set<String> BINARY_WORDS = Set.of("and", "or", "is", "like", "ilike", "similar", "between",
      "escape", "collate", "overlaps", "at", "isnull", "notnull", "then", "else");
  private static final Set<String> BOOLEAN_WORDS = Set.of("and", "or", "not", "is", "in", "like", "ilike", "similar",
      "between", "overlaps", "isnull", "notnull", "exists");
  private static final Set<String> POSTFIX_WORDS = Set.of("asc", "desc", "nulls", "first", "last", "end");
  /** Words that may follow a type name's first word: {@code double precision}, {@code timestamp with time zone}. */
  private static final Set<String> TYPE_WORDS = Set.of("precision", "varying", "with", "without", "time", "zone");
  /** Type names that make a typed literal: {@code interval '1 day'}, {@code date '2024-01-31'}. */
  private static final Set<String> TYPE_WORDS_LITERAL = Set.of("interval", "date", "time", "timestamp", "timestamptz",
      "uuid", "json", "jsonb", "numeric", "int", "integer", "bigint", "smallint", "text", "varchar", "boolean", "bool",
      "real", "float", "bytea", "inet", "cidr");
  /** Words that are values: literals and SQL's value functions without parentheses. */
  private static final Set<String> VALUE_WORDS = Set.of("true", "false", "null", "unknown", "current_timestamp",
      "current_date", "current_time", "localtime", "localtimestamp", "current_user", "session_user", "current_role",
      "user", "current_catalog", "current_schema", "array", "default");
  /** PostgreSQL built-in functions a model's defaults, checks and predicates may call. */
  static final Set<String> FUNCTIONS = Set.of("now", "gen_random_uuid", "clock_timestamp", "statement_timestamp",
      "transaction_timestamp", "timeofday", "random", "lower", "upper", "length", "char_length", "character_length",
      "octet_length", "bit_length", "coalesce", "nullif", "greatest", "least", "abs", "round", "trunc", "floor", "ceil",
      "ceiling", "mod", "sign", "sqrt", "power", "btrim", "trim", "ltrim", "rtrim", "substring", "substr", "position",
      "strpos", "replace", "concat", "concat_ws", "left", "right", "lpad", "rpad", "md5", "initcap", "reverse", "repeat",
      "split_part", "starts_with", "date_trunc", "date_part", "extract", "to_char", "to_timestamp", "to_date",
      "to_number", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval", "age", "isfinite",
      "jsonb_typeof", "json_typeof", "jsonb_array_length", "json_array_length", "jsonb_build_object", "json_build_object",
      "jsonb_build_array", "json_build_array", "to_jsonb", "to_json", "array_length", "cardinality", "array_position",
      "any", "all", "some", "cast", "num_nonnulls", "num_nulls", "regexp_replace", "regexp_match", "translate",
      "encode", "decode", "sha256", "uuid_extract_version", "pg_column_size", "bool", "text", "int", "numeric");
  private static final Set<String> NO_ARGUMENTS = Set.of("now", "gen_random_uuid", "clock_timestamp",
      "statement_timestamp", "transaction_timestamp", "timeofday");
  private static final Set<String> BOOLEAN_FUNCTIONS = Set.of("isfinite", "starts_with", "bool");

  /** A control character (other than tab and line breaks) or NUL, which no SQL text may hold. */
  static Optional<String> controlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return Optional.of(String.format(Locale.ROOT, "holds the control character U+%04X", (int) c));
      }
    }
    return Optional.empty();
  }

  private static int closing(String s, int open, char quote) {
    for (int i = open + 1; i < s.length(); i++) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  private static String near(String s, int i) {
    String rest = s.substring(i);
    return "'" + (rest.length() > 20 ? rest.substring(0, 20) + "..." : rest) + "'";
  }
}
