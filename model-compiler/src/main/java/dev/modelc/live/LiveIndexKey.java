package dev.modelc.live;

/**
 * One key of an index: a column (then {@code expression} is null) or an expression as
 * PostgreSQL prints it ({@code lower((email)::text)}), with its direction and nulls order, the
 * operator class when it is not the default one for the key's type, and the collation when it
 * differs from the column's (null otherwise).
 */
public record LiveIndexKey(
    String column,
    String expression,
    boolean descending,
    boolean nullsFirst,
    String opclass,
    String collation) {

  public boolean isExpression() {
    return column == null;
  }
}
