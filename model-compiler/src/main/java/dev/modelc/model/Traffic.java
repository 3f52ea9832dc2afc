package dev.modelc.model;

/**
 * How critical a query's traffic is, highest first. {@code standard} when the model does not
 * say. The criticality of an index is the highest tier among the queries it serves.
 */
public enum Traffic {
  CRITICAL,
  STANDARD,
  BATCH;

  public String modelName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when this tier is more critical than {@code other}. */
  public boolean higherThan(Traffic other) {
    return ordinal() < other.ordinal();
  }
}
