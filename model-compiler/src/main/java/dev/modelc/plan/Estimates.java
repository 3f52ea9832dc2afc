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
    // written out instead of String.format: the planner estimates every step of plans of tens of thousands
    return what + " ~" + grouped(rows) + " rows: " + duration(rows / fast) + " to " + duration(rows / slow) + " (estimate)";
  }

  /** {@code n} with commas between groups of three digits, as {@code %,d} in the root locale. */
  static String grouped(long n) {
    String digits = Long.toString(Math.abs(n));
    StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (n < 0) {
      out.append('-');
    }
    int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    out.append(digits, 0, first);
    for (int i = first; i < digits.length(); i += 3) {
      out.append(',').append(digits, i, i + 3);
    }
    return out.toString();
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
      return oneDecimal(seconds / 3600) + " h";
    }
    return oneDecimal(seconds / 86_400) + " days";
  }

  /**
   * {@code x} to one decimal place, rounded half up, as {@code %.1f} in the root locale writes
   * it: both round the shortest decimal form of the double ({@link Double#toString}). Without a
   * {@link java.util.Formatter}, which parses its pattern on every call of thousands per plan.
   */
  static String oneDecimal(double x) {
    return java.math.BigDecimal.valueOf(x).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
