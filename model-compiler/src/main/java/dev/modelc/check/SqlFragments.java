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
    String s = text.trim();
    if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')' || controlCharacter(s).isPresent()) {
      return Optional.empty();
    }
    List<Literal> values = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted; // a doubled quote flips twice: still inside the string
      }
      if (c == ',' && !quoted) {
        Optional<Literal> value = literal(current.toString());
        if (value.isEmpty()) {
          return Optional.empty();
        }
        values.add(value.get());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    Optional<Literal> last = literal(current.toString());
    if (quoted || last.isEmpty()) {
      return Optional.empty();
    }
    values.add(last.get());
    return Optional.of(List.copyOf(values));
  }

  /** Why {@code text} is not one SQL expression, or empty when it is. */
  public static Optional<String> expressionProblem(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      return Optional.of("is empty");
    }
    Optional<String> control = controlCharacter(s);
    if (control.isPresent()) {
      return control;
    }
    int depth = 0;
    boolean operand = false; // the previous token ended an operand
    boolean word = false; // the previous token was a word: a string after it is a typed literal
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
        if (operand && !word) {
          return Optional.of("has two operands in a row near " + near(s, i));
        }
        operand = true;
        word = false;
        i = end + 1;
        continue;
      }
      word = false;
      if (c == '"') {
        int end = closing(s, i, '"');
        if (end < 0) {
          return Optional.of("has a quoted name that is never closed");
        }
        if (operand) {
          return Optional.of("has two operands in a row near " + near(s, i));
        }
        operand = true;
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
      if (c == '(' || c == '[') {
        depth++;
        operand = false;
        i++;
        continue;
      }
      if (c == ')' || c == ']') {
        if (--depth < 0) {
          return Optional.of("closes a parenthesis that was never opened");
        }
        operand = true;
        i++;
        continue;
      }
      if (c == ',') {
        if (depth == 0) {
          return Optional.of("is a list, not one expression (a ',' outside parentheses)");
        }
        operand = false;
        i++;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
          end++;
        }
        String w = s.substring(i, end).toLowerCase(Locale.ROOT);
        if (w.equals("from") && s.substring(0, i).trim().toLowerCase(Locale.ROOT).endsWith("distinct")) {
          operand = false; // a is distinct from b
          word = true;
          i = end;
          continue;
        }
        if (STATEMENT_WORDS.contains(w)) {
          return Optional.of("holds '" + w + "', which starts a statement or a subquery; a model holds one expression");
        }
        i = end;
        word = true;
        if (NEUTRAL_WORDS.contains(w) || (w.equals("time") && operand)) {
          continue;
        }
        if (isPostfixWord(w) && operand) {
          continue;
        }
        boolean joins = WORD_OPERATORS.contains(w);
        if (!joins && operand) {
          return Optional.of("has two operands in a row near " + near(s, i - w.length()));
        }
        operand = !joins;
        continue;
      }
      if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        int end = i;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.'
            || ((s.charAt(end) == '+' || s.charAt(end) == '-') && (s.charAt(end - 1) == 'e' || s.charAt(end - 1) == 'E')))) {
          end++;
        }
        if (operand) {
          return Optional.of("has two operands in a row near " + near(s, i));
        }
        operand = true;
        i = end;
        continue;
      }
      if (s.startsWith("::", i)) {
        if (!operand) {
          return Optional.of("has a cast '::' without a value before it");
        }
        operand = false; // a type name follows, read as an operand
        i += 2;
        continue;
      }
      // operator symbols: + - * / % ^ < > = ~ ! @ # & | ? and their combinations
      if ("+-*/%^<>=~!@#&|?".indexOf(c) >= 0) {
        operand = false;
        i++;
        continue;
      }
      return Optional.of("holds the character '" + c + "', which is not SQL");
    }
    if (depth > 0) {
      return Optional.of("opens " + depth + " parenthes" + (depth == 1 ? "is" : "es") + " that " + (depth == 1 ? "is" : "are")
          + " never closed");
    }
    if (!operand) {
      return Optional.of("ends with an operator");
    }
    return Optional.empty();
  }

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

  /** Words that may follow an operand: {@code x is null}, {@code x asc}, {@code x nulls first}. */
  private static boolean isPostfixWord(String word) {
    return word.equals("asc") || word.equals("desc") || word.equals("nulls") || word.equals("first")
        || word.equals("last") || word.equals("end");
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
