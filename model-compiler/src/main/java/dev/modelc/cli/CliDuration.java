package dev.modelc.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written on modelc's command line: a whole number with a unit of
 * {@code ms}, {@code s}, {@code m} or {@code min}, {@code h} or {@code d}; a bare number is
 * seconds. At most nine digits, so that any duration still counts in milliseconds. Every option that takes a duration (apply's waits, the statement timeouts of import,
 * drift, verify and usage) reads it here, so {@code 60} means the same everywhere.
 */
final class CliDuration {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|min|h|d)?");

  private CliDuration() {}

  /** The duration {@code text} says, or empty when it is not one. */
  static Optional<Duration> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return Optional.of(switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    });
  }

  /** What an option says when its value is not a duration. */
  static String expected(String option, String text) {
    return option + " takes a duration such as 500ms, 30s, 15m, 1h or 1d (a bare number is seconds), not '" + text + "'";
  }
}
