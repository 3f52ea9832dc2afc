package dev.modelc.model;

import java.util.Objects;

/**
 * One key of an index: a column ({@code created_at desc} in the model) or, when
 * {@code expression} is set, an SQL expression ({@code lower(email)}) held in {@code column}.
 * {@code nullsFirst} is null for PostgreSQL's default (nulls last ascending, first descending);
 * {@code opclass} is null for the type's default operator class.
 */
public record IndexColumn(String column, boolean expression, boolean descending, Boolean nullsFirst, String opclass,
    SourceRef source) {
  public IndexColumn {
    Objects.requireNonNull(column, "column == null");
    Objects.requireNonNull(source, "source == null");
    if (nullsFirst != null && nullsFirst == descending) {
      nullsFirst = null; // the default spelled out is the default
    }
  }

  /** A plain column key in the given direction. */
  public IndexColumn(String column, boolean descending, SourceRef source) {
    this(column, false, descending, null, null, source);
  }

  /** Whether nulls sort first in this key. */
  public boolean nullsSortFirst() {
    return nullsFirst != null ? nullsFirst : descending;
  }

  /** The same key on another column (an expression key is returned unchanged). */
  public IndexColumn onColumn(String other) {
    return expression ? this : new IndexColumn(other, false, descending, nullsFirst, opclass, source);
  }

  /** Same key in PostgreSQL: column or expression, direction, null order and operator class. */
  public boolean sameDefinition(IndexColumn other) {
    return column.equals(other.column) && expression == other.expression && descending == other.descending
        && Objects.equals(nullsFirst, other.nullsFirst) && Objects.equals(opclass, other.opclass);
  }

  @Override
  public String toString() {
    String s = column + (descending ? " desc" : "");
    if (nullsFirst != null) {
      s += nullsFirst ? " nulls first" : " nulls last";
    }
    return opclass == null ? s : s + " " + opclass;
  }
}
