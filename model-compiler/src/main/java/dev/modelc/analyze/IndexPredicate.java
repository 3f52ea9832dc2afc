package dev.modelc.analyze;

import dev.modelc.model.Operator;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partial index's {@code where} as conjuncts {@code column op literal}, and the proof that a
 * query's own literal conditions imply it. Anything this cannot parse (functions, OR, casts)
 * is never taken as implied: better to report a missing index than to promise a scan that
 * PostgreSQL will not do.
 */
final class IndexPredicate {
  private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern TERM = Pattern.compile(
      "\\(?\\s*([a-z_][a-z0-9_]*)\\s*(is\\s+not\\s+null|is\\s+null|<=|>=|<>|!=|=|<|>)\\s*(.*?)\\s*\\)?",
      Pattern.CASE_INSENSITIVE);

  record Term(String column, Operator operator, String literal) {}

  private IndexPredicate() {}

  /** The conjuncts of {@code where}, or empty when any part is not of a form modelc can prove. */
  static Optional<List<Term>> parse(String where) {
    List<Term> terms = new ArrayList<>();
    for (String part : splitOutsideQuotes(where.trim())) {
      Matcher m = TERM.matcher(part.trim());
      if (!m.matches()) {
        return Optional.empty();
      }
      String op = m.group(2).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      Optional<Operator> operator = Operator.fromSymbol(op);
      String literal = m.group(3).trim();
      if (operator.isEmpty() || (operator.get().isUnary() != literal.isEmpty())) {
        return Optional.empty();
      }
      terms.add(new Term(m.group(1).toLowerCase(Locale.ROOT), operator.get(),
          literal.isEmpty() ? null : normalise(literal)));
    }
    return terms.isEmpty() ? Optional.empty() : Optional.of(terms);
  }

  /** The first conjunct the query does not imply, or empty when the query implies them all. */
  static Optional<Term> firstUnimplied(List<Term> terms, QueryPattern query) {
    for (Term term : terms) {
      if (!implied(term, query)) {
        return Optional.of(term);
      }
    }
    return Optional.empty();
  }

  private static boolean implied(Term term, QueryPattern query) {
    for (Predicate p : query.where()) {
      if (!p.column().equals(term.column())) {
        continue;
      }
      if (term.operator() == Operator.IS_NOT_NULL) {
        // Any comparison is false for NULL, so a row it matches is never NULL.
        if (p.operator() != Operator.IS_NULL) {
          return true;
        }
        continue;
      }
      if (p.operator() == term.operator() && (term.literal() == null
          || (p.literal() != null && normalise(p.literal()).equals(term.literal())))) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String literal) {
    String l = literal.trim();
    return l.startsWith("'") ? l : l.toLowerCase(Locale.ROOT);
  }

  private static List<String> splitOutsideQuotes(String where) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < where.length(); i++) {
      char c = where.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (!quoted) {
        Matcher m = AND.matcher(where).region(i, where.length());
        if (Character.isWhitespace(c) && m.lookingAt()) {
          parts.add(current.toString());
          current.setLength(0);
          i = m.end() - 1;
          continue;
        }
      }
      current.append(c);
    }
    parts.add(current.toString());
    return parts;
  }
}
