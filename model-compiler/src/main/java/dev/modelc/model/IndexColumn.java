package dev.modelc.model;

import java.util.Objects;

/** One key column of an index, {@code created_at desc} in the model. */
public record IndexColumn(String column, boolean descending, SourceRef source) {
  public IndexColumn {
    Objects.requireNonNull(column, "column == null");
    Objects.requireNonNull(source, "source == null");
  }

  @Override
  public String toString() {
    return descending ? column + " desc" : column;
  }
}
