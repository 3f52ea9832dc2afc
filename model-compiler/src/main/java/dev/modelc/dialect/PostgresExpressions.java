package dev.modelc.dialect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The column names a SQL expression (an index predicate, a check) mentions, and the same
 * expression with one column renamed. It reads identifiers the way PostgreSQL's lexer does:
 * string literals are skipped, plain identifiers fold to lower case, quoted ones are exact.
 * Words that are not columns of the table (keywords, function names) are ignored by the caller,
 * which asks only about its own columns.
 */
public final class PostgresExpressions {
  private PostgresExpressions() {}

  /**
   * The elements of a parenthesised list {@code (a, 'b, c', d)}, split at the commas outside
   * string literals; empty unless the text is one such list with its quotes closed.
   */
  public static java.util.Optional<List<String>> listElements(String text) {
    String s = text.trim();
    if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') {
      return java.util.Optional.empty();
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted; // a doubled quote flips twice: still inside the string
      }
      if (c == ',' && !quoted) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      return java.util.Optional.empty();
    }
    out.add(current.toString());
    return java.util.Optional.of(out);
  }

  /** One identifier occurrence: its folded name and where it stands in the text. */
  private record Word(String name, int start, int end) {}

  /** The names among {@code columns} that {@code expression} mentions, in the order given. */
  public static Set<String> columnsIn(String expression, java.util.Collection<String> columns) {
    Set<String> said = new LinkedHashSet<>();
    if (expression == null) {
      return said;
    }
    words(expression).forEach(w -> said.add(w.name()));
    Set<String> out = new LinkedHashSet<>();
    for (String c : columns) {
      if (said.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The unquoted words of {@code expression}, folded to lower case: names, keywords and functions. */
  public static Set<String> wordsOf(String expression) {
    Set<String> out = new LinkedHashSet<>();
    for (Word w : words(expression)) {
      if (expression.charAt(w.start()) != '"') {
        out.add(w.name());
      }
    }
    return out;
  }

  /** {@code expression} with every mention of column {@code from} replaced by {@code to}. */
  public static String renameColumn(String expression, String from, String to) {
    if (expression == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Word w : words(expression)) {
      if (w.name().equals(from)) {
        out.append(expression, at, w.start()).append(PostgresNames.quote(to));
        at = w.end();
      }
    }
    return out.append(expression.substring(at)).toString();
  }

  private static List<Word> words(String s) {
    List<Word> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'') {
        i = skipQuoted(s, i, '\'');
      } else if (c == '"') {
        int end = skipQuoted(s, i, '"');
        out.add(new Word(s.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""), i, end));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_' || s.charAt(end) == '$')) {
          end++;
        }
        boolean qualified = i > 0 && s.charAt(i - 1) == '.';
        boolean cast = i > 1 && s.charAt(i - 1) == ':' && s.charAt(i - 2) == ':';
        if (!qualified && !cast) {
          out.add(new Word(s.substring(i, end).toLowerCase(java.util.Locale.ROOT), i, end));
        }
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i + 1;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.')) {
          end++;
        }
        i = end;
      } else {
        i++;
      }
    }
    return out;
  }

  /** The index just past a quoted run starting at {@code start}; a doubled quote stays inside. */
  private static int skipQuoted(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return s.length();
  }
}
