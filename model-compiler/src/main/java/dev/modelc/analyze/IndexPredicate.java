package dev.modelc.analyze;

import dev.modelc.model.Operator;
import dev.modelc.model.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A partial index's {@code where} read as a conjunction of simple terms, and the proof that a
 * query's own conditions imply it.
 *
 * <p>Understood: {@code column op literal} with {@code = != <> < <= > >=}, {@code column in
 * (literal, ...)}, {@code column is [not] null}, a bare boolean {@code column} or {@code not
 * column}, joined by {@code and}, with any parentheses around them; keywords in any case and
 * any whitespace. Anything else ({@code or}, casts, functions, arithmetic) makes the predicate
 * unreadable, and an unreadable predicate is never taken as implied: better to report a
 * missing index than to promise a scan PostgreSQL will not do.
 */
final class IndexPredicate {
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "not", "is", "in", "null", "true", "false");

  /** One conjunct; {@code values} holds one literal, the list of an {@code in}, or none. */
  record Term(String column, Operator operator, List<SqlLiteral> values) {
    @Override
    public String toString() {
      if (operator.isUnary()) {
        return column + " " + operator.symbol();
      }
      if (operator == Operator.IN) {
        return column + " in (" + String.join(", ", values.stream().map(SqlLiteral::toString).toList()) + ")";
      }
      return column + " " + operator.symbol() + " " + values.get(0);
    }
  }

  private IndexPredicate() {}

  /** The conjuncts of {@code where}, or empty when any part is not of a form modelc can read. */
  static Optional<List<Term>> parse(String where) {
    Optional<List<String>> tokens = tokens(where);
    if (tokens.isEmpty() || tokens.get().isEmpty()) {
      return Optional.empty();
    }
    Parser parser = new Parser(tokens.get());
    List<Term> terms = new ArrayList<>();
    if (!parser.conjunction(terms) || !parser.atEnd()) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(terms));
  }

  /**
   * The predicate in one spelling, so that {@code status = 'x' AND a IS NULL} and
   * {@code (a is null) and status='x'} compare equal. Unreadable text keeps its words, with
   * whitespace collapsed and everything outside quotes in lower case.
   */
  static String canonical(String where) {
    Optional<List<Term>> terms = parse(where);
    if (terms.isPresent()) {
      TreeSet<String> sorted = new TreeSet<>();
      terms.get().forEach(t -> sorted.add(t.toString()));
      return String.join(" and ", sorted);
    }
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    boolean space = false;
    for (char c : where.trim().toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      if (!quoted && Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(quoted || c == '\'' ? c : Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** The first conjunct the query's conditions do not imply; empty when they imply them all. */
  static Optional<Term> firstUnimplied(List<Term> terms, List<Predicate> where) {
    return firstUnimplied(terms, where, (p, t) -> true);
  }

  /**
   * The first conjunct that no condition both {@code comparable} with it and implying it
   * implies; empty when they imply them all. {@code comparable} rules out pairs PostgreSQL
   * cannot prove anything about, such as a cast column against a plain one.
   */
  static Optional<Term> firstUnimplied(List<Term> terms, List<Predicate> where,
      java.util.function.BiPredicate<Predicate, Term> comparable) {
    for (Term term : terms) {
      if (where.stream().noneMatch(p -> p.column().equals(term.column()) && comparable.test(p, term)
          && implies(p, term))) {
        return Optional.of(term);
      }
    }
    return Optional.empty();
  }

  /** Whether a row matching {@code p} always matches {@code term} (same column). */
  static boolean implies(Predicate p, Term term) {
    Operator q = p.operator();
    if (term.operator() == Operator.IS_NOT_NULL) {
      // Every comparison is strict (false for NULL), so a row it matches is never NULL.
      return q != Operator.IS_NULL;
    }
    if (term.operator() == Operator.IS_NULL || q == Operator.IS_NULL || q == Operator.IS_NOT_NULL) {
      return q == term.operator();
    }
    if (p.literal() == null) {
      return false; // a parameter's value is unknown when the index is chosen
    }
    if (q == Operator.IN) {
      Optional<List<SqlLiteral>> values = SqlLiteral.parseList(p.literal());
      return values.isPresent() && values.get().stream().allMatch(v -> holds(v, term));
    }
    Optional<SqlLiteral> value = SqlLiteral.parse(p.literal());
    if (value.isEmpty()) {
      return false;
    }
    SqlLiteral v = value.get();
    SqlLiteral bound = term.values().get(0);
    if (q == Operator.EQ) {
      return holds(v, term);
    }
    if (q == term.operator() && v.sameValue(bound)) {
      return true;
    }
    return q.shape() == Operator.Shape.RANGE && term.operator().shape() == Operator.Shape.RANGE
        && rangeImplies(q, v, term.operator(), bound);
  }

  /** Whether the single value {@code v} satisfies {@code term}. */
  private static boolean holds(SqlLiteral v, Term term) {
    List<SqlLiteral> values = term.values();
    return switch (term.operator()) {
      case EQ -> v.sameValue(values.get(0));
      case IN -> values.stream().anyMatch(v::sameValue);
      case NE -> v.comparableWith(values.get(0)) && !v.sameValue(values.get(0));
      case LT -> v.compareTo(values.get(0)).map(c -> c < 0).orElse(false);
      case LE -> v.compareTo(values.get(0)).map(c -> c <= 0).orElse(false);
      case GT -> v.compareTo(values.get(0)).map(c -> c > 0).orElse(false);
      case GE -> v.compareTo(values.get(0)).map(c -> c >= 0).orElse(false);
      case IS_NULL, IS_NOT_NULL, LIKE, ILIKE, CONTAINS, CONTAINED_BY, OVERLAPS, MATCHES -> false;
    };
  }

  /** {@code x > 5} implies {@code x > 0} and {@code x >= 5}; bounds the other way never do. */
  private static boolean rangeImplies(Operator q, SqlLiteral v, Operator t, SqlLiteral bound) {
    boolean qLower = q == Operator.GT || q == Operator.GE;
    boolean tLower = t == Operator.GT || t == Operator.GE;
    if (qLower != tLower) {
      return false;
    }
    Optional<Integer> order = v.compareTo(bound);
    if (order.isEmpty()) {
      return false;
    }
    int c = qLower ? order.get() : -order.get(); // now "tighter" is always c > 0
    boolean strictQuery = q == Operator.GT || q == Operator.LT;
    boolean strictTerm = t == Operator.GT || t == Operator.LT;
    return c > 0 || (c == 0 && (strictQuery || !strictTerm));
  }

  /**
   * Tokens: identifiers (lower-cased unless double-quoted), string literals, numbers,
   * operators, parentheses and commas. Empty when a character belongs to none of these.
   */
  private static Optional<List<String>> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int end = i + 1;
        while (true) {
          if (end >= text.length()) {
            return Optional.empty(); // unterminated string
          }
          if (text.charAt(end) == '\'') {
            if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        out.add(text.substring(i, end + 1));
        i = end + 1;
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0 || end == i + 1) {
          return Optional.empty();
        }
        out.add("\"" + text.substring(i + 1, end)); // marks a quoted identifier, case kept
        i = end + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
        out.add(text.substring(i, end).toLowerCase(Locale.ROOT));
        i = end;
      } else if (Character.isDigit(c) || c == '.' || ((c == '-' || c == '+') && signAllowed(out)
          && i + 1 < text.length() && (Character.isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '.'))) {
        int end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.'
            || ((text.charAt(end) == '-' || text.charAt(end) == '+')
                && Character.toLowerCase(text.charAt(end - 1)) == 'e'))) {
          end++;
        }
        out.add(text.substring(i, end));
        i = end;
      } else if (c == '(' || c == ')' || c == ',' || c == '=') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '<' || c == '>' || c == '!') {
        String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
        if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
          out.add(two);
          i += 2;
        } else if (c == '!') {
          return Optional.empty();
        } else {
          out.add(String.valueOf(c));
          i++;
        }
      } else {
        return Optional.empty(); // ::, ||, +, *, ~ and friends: not a simple comparison
      }
    }
    return Optional.of(out);
  }

  /** A sign starts a number only where a value is expected, never after an operand. */
  private static boolean signAllowed(List<String> tokensSoFar) {
    if (tokensSoFar.isEmpty()) {
      return true;
    }
    String last = tokensSoFar.get(tokensSoFar.size() - 1);
    return last.equals("(") || last.equals(",") || Operator.fromSymbol(last).isPresent();
  }

  /** Recursive descent over the tokens: conjunction := factor (and factor)*. */
  private static final class Parser {
    private final List<String> tokens;
    private int at;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    boolean atEnd() {
      return at == tokens.size();
    }

    boolean conjunction(List<Term> out) {
      if (!factor(out)) {
        return false;
      }
      while (peek("and")) {
        at++;
        if (!factor(out)) {
          return false;
        }
      }
      return true;
    }

    private boolean factor(List<Term> out) {
      if (peek("(")) {
        at++;
        if (!conjunction(out) || !peek(")")) {
          return false;
        }
        at++;
        return true;
      }
      if (peek("not")) {
        at++;
        Optional<String> column = column();
        if (column.isEmpty()) {
          return false;
        }
        out.add(new Term(column.get(), Operator.EQ, List.of(SqlLiteral.parse("false").orElseThrow())));
        return true;
      }
      Optional<String> column = column();
      if (column.isEmpty()) {
        return false;
      }
      if (atEnd() || peek("and") || peek(")")) {
        // A bare boolean column: "where active" means "active = true".
        out.add(new Term(column.get(), Operator.EQ, List.of(SqlLiteral.parse("true").orElseThrow())));
        return true;
      }
      if (peek("is")) {
        at++;
        boolean not = peek("not");
        if (not) {
          at++;
        }
        if (!peek("null")) {
          return false;
        }
        at++;
        out.add(new Term(column.get(), not ? Operator.IS_NOT_NULL : Operator.IS_NULL, List.of()));
        return true;
      }
      if (peek("in")) {
        at++;
        return inList(column.get(), out);
      }
      Optional<Operator> op = atEnd() ? Optional.empty() : Operator.fromSymbol(tokens.get(at));
      if (op.isEmpty() || op.get().isUnary() || op.get() == Operator.IN) {
        return false;
      }
      at++;
      Optional<SqlLiteral> value = literal();
      if (value.isEmpty()) {
        return false;
      }
      out.add(new Term(column.get(), op.get(), List.of(value.get())));
      return true;
    }

    private boolean inList(String column, List<Term> out) {
      if (!peek("(")) {
        return false;
      }
      at++;
      List<SqlLiteral> values = new ArrayList<>();
      while (true) {
        Optional<SqlLiteral> value = literal();
        if (value.isEmpty()) {
          return false;
        }
        values.add(value.get());
        if (peek(")")) {
          at++;
          break;
        }
        if (!peek(",")) {
          return false;
        }
        at++;
      }
      out.add(new Term(column, Operator.IN, List.copyOf(values)));
      return true;
    }

    private Optional<String> column() {
      if (atEnd()) {
        return Optional.empty();
      }
      String t = tokens.get(at);
      boolean quoted = t.startsWith("\"");
      boolean identifier = quoted || (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
      if (!identifier || (!quoted && KEYWORDS.contains(t))) {
        return Optional.empty();
      }
      at++;
      return Optional.of(quoted ? t.substring(1) : t);
    }

    private Optional<SqlLiteral> literal() {
      if (atEnd()) {
        return Optional.empty();
      }
      Optional<SqlLiteral> value = SqlLiteral.parse(tokens.get(at));
      if (value.isPresent()) {
        at++;
      }
      return value;
    }

    private boolean peek(String token) {
      return at < tokens.size() && tokens.get(at).equals(token);
    }
  }
}
