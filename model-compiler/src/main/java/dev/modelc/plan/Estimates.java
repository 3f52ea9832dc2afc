package dev.modelc.plan;

/**
 * Rough duration ranges from the model's {@code rows}, for reviewers to judge scale. They are
 * labelled estimates: the low end assumes fast disks and an idle server, the high end a busy one.
 */
final class Estimates {
  // rows per second, optimistic and pessimistic
  private static final double INDEX_FAST = 2_000_000;
  private static final double INDEX_SLOW = 150_000;
  private static final double BACKFILL_FAST = 100_000;
  private static final double BACKFILL_SLOW = 8_000;
  private static final double SCAN_FAST = 5_000_000;
  private static final double SCAN_SLOW = 400_000;

  private Estimates() {}

  static String indexBuild(Long rows) {
    return range("index build over", rows, INDEX_FAST, INDEX_SLOW);
  }

  static String backfill(Long rows) {
    return range("batched backfill of", rows, BACKFILL_FAST, BACKFILL_SLOW);
  }

  static String validation(Long rows) {
    return range("validation scan of", rows, SCAN_FAST, SCAN_SLOW);
  }

  static String instant() {
    return "catalog change only: milliseconds once the lock is granted";
  }

  private static String range(String what, Long rows, double fast, double slow) {
    if (rows == null) {
      return "unknown: the table declares no 'rows'";
    }
    return String.format(java.util.Locale.ROOT, "%s ~%,d rows: %s to %s (estimate)", what, rows,
        duration(rows / fast), duration(rows / slow));
  }

  static String duration(double seconds) {
    if (seconds < 1) {
      return "under 1 s";
    }
    if (seconds < 120) {
      return Math.round(seconds) + " s";
    }
    if (seconds < 7200) {
      return Math.round(seconds / 60) + " min";
    }
    if (seconds < 172_800) {
      return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(java.util.Locale.ROOT, "%.1f days", seconds / 86_400);
  }
}
