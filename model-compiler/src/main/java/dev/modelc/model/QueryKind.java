package dev.modelc.model;

/** What a query pattern does; {@code select} when the model does not say. */
public enum QueryKind {
  SELECT,
  COUNT,
  EXISTS,
  INSERT,
  UPDATE,
  DELETE;

  public String modelName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Kinds that locate rows through {@code where:} and so need a serving index. */
  public boolean readsByPredicate() {
    return this != INSERT;
  }
}
