package dev.modelc.model;

import java.util.Objects;

/**
 * One condition of a query pattern: {@code column operator (parameter | literal)}.
 * {@code literal} is the SQL literal text ({@code 'pending'}, {@code 0}) when the value is part
 * of the pattern, or null when the application passes it as a parameter.
 */
public record Predicate(String column, Operator operator, String literal, SourceRef source) {
  public Predicate {
    Objects.requireNonNull(column, "column == null");
    Objects.requireNonNull(operator, "operator == null");
    Objects.requireNonNull(source, "source == null");
  }

  /** Whether the condition is on an expression ({@code lower(email)}) rather than a column. */
  public boolean onExpression() {
    return SqlText.isExpression(column);
  }

  public boolean isParameter() {
    return literal == null && !operator.isUnary();
  }
}
