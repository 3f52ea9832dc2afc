package dev.modelc.model;

/** Why an index exists: declared under {@code indexes:}, or implied by a key or unique column. */
public enum IndexOrigin {
  DECLARED,
  PRIMARY_KEY,
  UNIQUE_COLUMN
}
