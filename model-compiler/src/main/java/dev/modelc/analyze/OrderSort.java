package dev.modelc.analyze;

/**
 * What PostgreSQL does to return a select's rows in its {@code orderBy} order, cheapest first.
 */
public enum OrderSort {
  /** No sort: the index delivers the order, or the query asks for none. */
  NONE("no sort"),
  /**
   * The index delivers a leading part of the order and PostgreSQL sorts only within each group
   * of equal leading values (its Incremental Sort, PostgreSQL 13+); with a limit it stops after
   * the groups that fill it.
   */
  INCREMENTAL("incremental sort"),
  /** Every matching row is sorted before the first is returned. */
  FULL("sort of every matching row");

  private final String label;

  OrderSort(String label) {
    this.label = label;
  }

  /** {@code no sort}, {@code incremental sort}, {@code sort of every matching row}. */
  public String label() {
    return label;
  }
}
