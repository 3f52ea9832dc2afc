package dev.modelc.model;

import java.util.Objects;

/**
 * When a plan step needs a human's approval, and how statements guard their locks.
 * Declared under {@code policy:} in the model; every field has a safe default.
 */
public record Policy(
    boolean approveCriticalTraffic,
    boolean approveTableRewrites,
    long approveIndexBuildsOverRows,
    String lockTimeout,
    String statementTimeout,
    int lockRetries,
    SourceRef source) {

  public static final long DEFAULT_INDEX_BUILD_ROWS = 10_000_000L;

  public Policy {
    Objects.requireNonNull(lockTimeout, "lockTimeout == null");
    Objects.requireNonNull(statementTimeout, "statementTimeout == null");
    Objects.requireNonNull(source, "source == null");
  }

  public static Policy defaults() {
    return new Policy(true, true, DEFAULT_INDEX_BUILD_ROWS, "5s", "0", 5, SourceRef.NONE);
  }
}
