package dev.modelc.plan;

import java.util.Objects;

/**
 * A check that must pass on the live database before a step runs. {@code sql} returns one row
 * with one boolean column that is {@code true} when the gate passes; {@code baseline} marks a
 * gate that compares with a value recorded at the deploy step (statistics counters).
 */
public record Gate(String description, String sql, boolean baseline) {
  public Gate {
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(sql, "sql == null");
  }
}
