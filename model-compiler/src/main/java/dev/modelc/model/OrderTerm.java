package dev.modelc.model;

import java.util.Objects;

/** One term of a query's {@code orderBy:}, {@code created_at desc} in the model. */
public record OrderTerm(String column, boolean descending, SourceRef source) {
  public OrderTerm {
    Objects.requireNonNull(column, "column == null");
    Objects.requireNonNull(source, "source == null");
  }

  @Override
  public String toString() {
    return descending ? column + " desc" : column;
  }
}
