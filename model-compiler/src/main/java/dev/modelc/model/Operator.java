package dev.modelc.model;

import java.util.Arrays;
import java.util.Optional;

/** A predicate operator in a query pattern's {@code where:}. */
public enum Operator {
  EQ("=", Shape.EQUALITY),
  IN("in", Shape.EQUALITY),
  IS_NULL("is null", Shape.EQUALITY),
  IS_NOT_NULL("is not null", Shape.OTHER),
  NE("!=", Shape.OTHER),
  LT("<", Shape.RANGE),
  LE("<=", Shape.RANGE),
  GT(">", Shape.RANGE),
  GE(">=", Shape.RANGE),
  LIKE("like", Shape.OTHER),
  ILIKE("ilike", Shape.OTHER),
  CONTAINS("@>", Shape.OTHER),
  CONTAINED_BY("<@", Shape.OTHER),
  OVERLAPS("&&", Shape.OTHER),
  MATCHES("@@", Shape.OTHER);

  /** How a btree index can use the operator (the others are for gin, gist and the like; see {@link #indexable}). */
  public enum Shape {
    /** Fixes the column to one value (or a set of values): usable as an index prefix. */
    EQUALITY,
    /** Bounds the column: usable once, right after the equality prefix. */
    RANGE,
    /** Filters rows but cannot narrow an index scan. */
    OTHER
  }

  private final String symbol;
  private final Shape shape;

  Operator(String symbol, Shape shape) {
    this.symbol = symbol;
    this.shape = shape;
  }

  public String symbol() {
    return symbol;
  }

  public Shape shape() {
    return shape;
  }

  /** Whether the operator takes no value ({@code is null}, {@code is not null}). */
  public boolean isUnary() {
    return this == IS_NULL || this == IS_NOT_NULL;
  }

  /** Operators a gin, gist or spgist index (not a btree) serves: containment, overlap, text search, patterns. */
  public boolean indexable() {
    return this == LIKE || this == ILIKE || this == CONTAINS || this == CONTAINED_BY || this == OVERLAPS || this == MATCHES;
  }

  public static Optional<Operator> fromSymbol(String symbol) {
    String s = symbol.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("<>")) {
      return Optional.of(NE);
    }
    return Arrays.stream(values()).filter(o -> o.symbol.equals(s)).findFirst();
  }
}
