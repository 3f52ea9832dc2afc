package dev.modelc.analyze;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SQL literal modelc can compare without a database: a quoted string, a number, or
 * {@code true}/{@code false}. Casts, function calls and typed literals are not literals here,
 * so nothing is ever concluded from them. {@code decimal} marks a number written with a point or
 * an exponent ({@code 100.5}, {@code 1e3}): PostgreSQL types it {@code numeric}, and compared with
 * an integer column it casts the column, not the literal.
 */
record SqlLiteral(Kind kind, String text, BigDecimal number, boolean decimal) {
  enum Kind {
    STRING,
    NUMBER,
    BOOLEAN
  }

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** {@code 'pending'}, {@code 0}, {@code -1.5}, {@code TRUE}; empty for anything else. */
  static Optional<SqlLiteral> parse(String raw) {
    String s = raw.trim();
    if (isQuotedString(s)) {
      return Optional.of(new SqlLiteral(Kind.STRING, s, null, false));
    }
    if (NUMBER.matcher(s).matches()) {
      BigDecimal value = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
      boolean decimal = s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0;
      return Optional.of(new SqlLiteral(Kind.NUMBER, canonicalNumber(value), value, decimal));
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Optional.of(new SqlLiteral(Kind.BOOLEAN, lower, null, false));
    }
    return Optional.empty();
  }

  /** {@code ('a', 'b')} as written after {@code in}; empty unless every element is a literal. */
  static Optional<List<SqlLiteral>> parseList(String raw) {
    Optional<List<String>> elements = dev.modelc.dialect.PostgresExpressions.listElements(raw);
    if (elements.isEmpty()) {
      return Optional.empty();
    }
    List<SqlLiteral> values = new ArrayList<>();
    for (String element : elements.get()) {
      Optional<SqlLiteral> value = parse(element);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values.add(value.get());
    }
    return Optional.of(List.copyOf(values));
  }

  /** The same value: strings exactly (case matters, as in SQL), numbers by value (1.0 = 1). */
  boolean sameValue(SqlLiteral other) {
    if (kind != other.kind) {
      return false;
    }
    return kind == Kind.NUMBER ? number.compareTo(other.number) == 0 : text.equals(other.text);
  }

  /**
   * The order of two numbers; empty for anything else, because the order of strings depends on
   * the column's collation and type, which a literal alone does not tell.
   */
  Optional<Integer> compareTo(SqlLiteral other) {
    if (kind != Kind.NUMBER || other.kind != Kind.NUMBER) {
      return Optional.empty();
    }
    return Optional.of(Integer.signum(number.compareTo(other.number)));
  }

  /** Whether two literals are of a kind where "not the same value" means "a different value". */
  boolean comparableWith(SqlLiteral other) {
    return kind == other.kind;
  }

  @Override
  public String toString() {
    return text;
  }

  private static boolean isQuotedString(String s) {
    if (s.length() < 2 || s.charAt(0) != '\'' || s.charAt(s.length() - 1) != '\'') {
      return false;
    }
    for (int i = 1; i < s.length() - 1; i++) {
      if (s.charAt(i) == '\'') {
        if (s.charAt(i + 1) != '\'' || i + 1 == s.length() - 1) {
          return false; // a lone quote ends the string early: 'a' || 'b' is no literal
        }
        i++;
      }
    }
    return true;
  }

  private static String canonicalNumber(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }
}
