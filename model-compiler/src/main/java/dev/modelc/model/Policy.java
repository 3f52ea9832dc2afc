package dev.modelc.model;

import java.util.Objects;

/**
 * When a plan step needs a human's approval, how statements guard their locks, and when an
 * index counts as unused ({@code usage}). Declared under {@code policy:} in the model; every
 * field has a safe default.
 */
public record Policy(
    boolean approveCriticalTraffic,
    boolean approveTableRewrites,
    long approveIndexBuildsOverRows,
    String lockTimeout,
    String statementTimeout,
    int lockRetries,
    UsagePolicy usage,
    SourceRef source) {

  public static final long DEFAULT_INDEX_BUILD_ROWS = 10_000_000L;

  public Policy {
    Objects.requireNonNull(lockTimeout, "lockTimeout == null");
    Objects.requireNonNull(statementTimeout, "statementTimeout == null");
    Objects.requireNonNull(usage, "usage == null");
    Objects.requireNonNull(source, "source == null");
  }

  /** A policy with the default usage policy. */
  public Policy(boolean approveCriticalTraffic, boolean approveTableRewrites, long approveIndexBuildsOverRows,
      String lockTimeout, String statementTimeout, int lockRetries, SourceRef source) {
    this(approveCriticalTraffic, approveTableRewrites, approveIndexBuildsOverRows, lockTimeout, statementTimeout,
        lockRetries, UsagePolicy.defaults(), source);
  }

  public static Policy defaults() {
    return new Policy(true, true, DEFAULT_INDEX_BUILD_ROWS, "5s", "0", 5, SourceRef.NONE);
  }
}
