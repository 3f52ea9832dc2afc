package dev.modelc.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Regular expressions written once and read by two engines: java.util.regex in the parser and
 * ECMAScript's (with the {@code u} flag) in every JSON Schema validator. Only the constructs
 * both read the same way are used: character classes with four-digit Unicode escapes (a
 * byte-oriented engine reads a two-digit escape such as x85 as a byte), groups, alternation
 * and counted repetition; no flags, no backslash-s or backslash-d classes (whose meaning
 * differs between the two), no look-around.
 */
public final class Patterns {
  /** What {@link String#trim()} removes: every character up to U+0020. */
  public static final String TRIM = "[\\u0000-\\u0020]*";
  /** Java's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
  public static final String SPACE = "[ \\t\\n\\u000B\\f\\r]";

  private Patterns() {}

  /** {@code text} matched ignoring the case of ASCII letters: {@code [tT][eE][xX][tT]}. */
  public static String ignoringCase(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        b.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
      } else {
        b.append(literal(c));
      }
    }
    return b.toString();
  }

  /**
   * A character as a pattern: regular expression syntax characters escaped, nothing else (with
   * ECMAScript's {@code u} flag an escaped {@code <} or {@code =} is an error).
   */
  public static String literal(char c) {
    return "\\^$.*+?()[]{}|/".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
  }

  /** A text as a pattern that matches exactly it. */
  public static String literalText(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      b.append(literal(c));
    }
    return b.toString();
  }

  /**
   * The characters of the Basic Multilingual Plane that {@code which} holds, as the inside of a
   * character class ({@code \u0000-\u001f\u007f-\u009f}): computed from the Java method a
   * rule uses, so the pattern says exactly what the method does.
   */
  public static String characters(java.util.function.IntPredicate which) {
    StringBuilder b = new StringBuilder();
    int c = 0;
    while (c <= 0xFFFF) {
      if (!which.test(c)) {
        c++;
        continue;
      }
      int end = c;
      while (end + 1 <= 0xFFFF && which.test(end + 1)) {
        end++;
      }
      b.append(escape(c));
      if (end > c) {
        b.append(end > c + 1 ? "-" : "").append(escape(end));
      }
      c = end + 1;
    }
    return b.toString();
  }

  private static String escape(int c) {
    return String.format("\\u%04x", c);
  }

  /**
   * Whole numbers from {@code lo} to {@code hi} written with {@code minDigits} to
   * {@code maxDigits} ASCII digits, leading zeros included ({@code 070} is three digits).
   */
  public static String digits(long lo, long hi, int minDigits, int maxDigits) {
    List<String> out = new ArrayList<>();
    for (int length = minDigits; length <= maxDigits; length++) {
      if (lo == 0) {
        out.add("0".repeat(length));
      }
      for (int significant = 1; significant <= Math.min(length, 18); significant++) {
        long from = Math.max(lo, pow10(significant - 1));
        long to = Math.min(hi, pow10(significant) - 1);
        if (from <= to) {
          out.add("0".repeat(length - significant) + range(from, to));
        }
      }
    }
    return anyOf(out);
  }

  /** Alternatives, each already a pattern, as one non-capturing group. */
  public static String anyOf(List<String> alternatives) {
    return alternatives.size() == 1 ? alternatives.get(0) : "(?:" + String.join("|", alternatives) + ")";
  }

  /** The whole text, between anchors, for a JSON Schema {@code pattern}. */
  public static String whole(String pattern) {
    return "^(?:" + pattern + ")$";
  }

  /**
   * Decimal numbers from {@code lo} to {@code hi} (both at least 0), without leading zeros;
   * prefix {@code 0*} to allow them.
   */
  public static String range(long lo, long hi) {
    if (lo < 0 || lo > hi) {
      throw new IllegalArgumentException(lo + ".." + hi);
    }
    List<String> out = new ArrayList<>();
    for (int len = digits(lo); len <= digits(hi); len++) {
      long from = Math.max(lo, len == 1 ? 0 : pow10(len - 1));
      long to = Math.min(hi, pow10(len) - 1);
      if (from <= to) {
        out.addAll(sameLength(Long.toString(from), Long.toString(to)));
      }
    }
    return anyOf(out);
  }

  private static List<String> sameLength(String a, String b) {
    int n = a.length();
    if (n == 1) {
      return List.of(a.equals(b) ? a : "[" + a + "-" + b + "]");
    }
    if (a.charAt(0) == b.charAt(0)) {
      return List.of(a.charAt(0) + anyOf(sameLength(a.substring(1), b.substring(1))));
    }
    String restA = a.substring(1);
    String restB = b.substring(1);
    String any = "[0-9]" + (n - 1 > 1 ? "{" + (n - 1) + "}" : "");
    if (restA.chars().allMatch(c -> c == '0') && restB.chars().allMatch(c -> c == '9')) {
      return List.of("[" + a.charAt(0) + "-" + b.charAt(0) + "]" + any);
    }
    List<String> out = new ArrayList<>();
    out.add(a.charAt(0) + anyOf(sameLength(restA, "9".repeat(n - 1))));
    char firstMiddle = (char) (a.charAt(0) + 1);
    char lastMiddle = (char) (b.charAt(0) - 1);
    if (firstMiddle <= lastMiddle) {
      out.add((firstMiddle == lastMiddle ? String.valueOf(firstMiddle) : "[" + firstMiddle + "-" + lastMiddle + "]") + any);
    }
    out.add(b.charAt(0) + anyOf(sameLength("0".repeat(n - 1), restB)));
    return out;
  }

  private static int digits(long v) {
    return Long.toString(v).length();
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  /** Lower-cases ASCII letters only, the way the patterns above ignore case. */
  public static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }
}
