package dev.modelc.model;

import java.util.Objects;

/**
 * How {@code modelc usage report} decides that an index is unused, declared under
 * {@code policy.usage:}. {@code windowDays}: how far back the evidence must reach;
 * {@code ignorePrimaryKeys} and {@code ignoreUnique}: indexes that enforce a rule are never
 * reported unused (they work on every write even when no read scans them);
 * {@code ignoreSmallerThanBytes}: indexes this small cost too little to bother;
 * {@code unusedAtMostScans}: scans per node in the window that still count as unused (PgHero
 * uses 50; modelc's default is 0).
 */
public record UsagePolicy(int windowDays, boolean ignorePrimaryKeys, boolean ignoreUnique,
    long ignoreSmallerThanBytes, long unusedAtMostScans, SourceRef source) {

  public static final int DEFAULT_WINDOW_DAYS = 30;
  public static final long DEFAULT_IGNORE_SMALLER_THAN = 1024 * 1024;

  public UsagePolicy {
    Objects.requireNonNull(source, "source == null");
  }

  public static UsagePolicy defaults() {
    return new UsagePolicy(DEFAULT_WINDOW_DAYS, true, true, DEFAULT_IGNORE_SMALLER_THAN, 0, SourceRef.NONE);
  }
}
