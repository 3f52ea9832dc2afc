package dev.modelc.plan;

import java.util.Locale;
import java.util.Objects;

/**
 * A check that must pass on the live database before a step runs. {@code sql} returns one row
 * with one column: for most gates a boolean that is {@code true} when the gate passes; for a
 * usage gate ({@link #baseline()}) a counter that must not have moved since the deploy. {@code kind}
 * says what the gate checks in terms a tool can act on without reading the SQL, and
 * {@code object} names the index or table it is about (null for a plain condition).
 */
public record Gate(String description, String sql, Kind kind, String object) {
  /** What a gate checks. */
  public enum Kind {
    /** A boolean query that must return true (no orphans, no violations, columns agree, ...). */
    CONDITION,
    /** The index {@code object} exists and is valid and ready. */
    INDEX_VALID,
    /** The index {@code object} had no scans since the deploy, on every node that serves reads. */
    INDEX_UNUSED,
    /** The table {@code object} had no reads or writes since the deploy, on every node. */
    TABLE_UNUSED;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Usage gates compare statistics with the values recorded at the deploy. */
    public boolean usage() {
      return this == INDEX_UNUSED || this == TABLE_UNUSED;
    }
  }

  public Gate {
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(sql, "sql == null");
    Objects.requireNonNull(kind, "kind == null");
    if ((object == null) != (kind == Kind.CONDITION)) {
      throw new IllegalArgumentException(kind + " gate needs an object: " + description);
    }
  }

  /** A gate whose query returns a boolean that must be true. */
  public static Gate condition(String description, String sql) {
    return new Gate(description, sql, Kind.CONDITION, null);
  }

  /** True for a gate that compares a statistics counter with its value at the deploy. */
  public boolean baseline() {
    return kind.usage();
  }
}
