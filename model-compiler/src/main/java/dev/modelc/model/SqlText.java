package dev.modelc.model;

/**
 * SQL text compared the way PostgreSQL reads it: letter case outside quotes and the amount of
 * white space do not matter. Used to match an index's expression key with a query's
 * expression condition and to tell whether an expression changed between two models.
 */
public final class SqlText {
  private SqlText() {}

  /** {@code LOWER( Email )} and {@code lower(email)} give the same text; quoted parts are kept. */
  public static String normalize(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    char quote = 0;
    boolean space = false;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (quote != 0) {
        out.append(ch);
        if (ch == quote) {
          quote = 0;
        }
        continue;
      }
      if (Character.isWhitespace(ch)) {
        space = true;
        continue;
      }
      if (space && out.length() > 0 && word(out.charAt(out.length() - 1)) && word(ch)) {
        out.append(' ');
      }
      space = false;
      if (ch == '\'' || ch == '"') {
        quote = ch;
        out.append(ch);
      } else {
        out.append(Character.toLowerCase(ch)); // PostgreSQL folds unquoted names and keywords
      }
    }
    return out.toString();
  }

  private static boolean word(char ch) {
    return Character.isLetterOrDigit(ch) || ch == '_' || ch == '\'' || ch == '"';
  }

  /** Whether {@code key} written in a model is an expression (it holds a parenthesis) rather than a column name. */
  public static boolean isExpression(String key) {
    return key.indexOf('(') >= 0;
  }
}
