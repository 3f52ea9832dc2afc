package dev.modelc.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the casts PostgreSQL adds when it prints a comparison of an enum column with a
 * literal: a check or partial-index predicate written {@code status = 'pending'} comes back from
 * {@code pg_get_expr} as {@code status = 'pending'::orders_status}. Only that shape is touched (a
 * bare enum column of the table, a comparison operator, a literal cast to exactly the column's
 * enum type), where PostgreSQL resolves the uncast literal to the column's type anyway, so the
 * text means the same and reads as the model's author wrote it; everything else is left as
 * PostgreSQL printed it.
 */
final class EnumCasts {
  private static final String LITERAL = "('(?:[^']|'')*')";
  private static final String OPERATOR = "(=|<>|!=|<=|>=|<|>)";

  private final List<Pattern> patterns;

  private EnumCasts(List<Pattern> patterns) {
    this.patterns = patterns;
  }

  /** The casts of the enum columns of {@code table}. */
  static EnumCasts of(Importer.TableSpec table) {
    List<Pattern> patterns = new ArrayList<>();
    for (Importer.ColumnSpec c : table.columns()) {
      if (c.type().equals("enum")) {
        patterns.add(Pattern.compile("(?<![\\w.\"$])(" + identifier(c.live().name()) + ") " + OPERATOR + " " + LITERAL
            + "::" + identifier(c.live().type().name()) + "(?![\\w\"$]|\\[|::)"));
      }
    }
    return new EnumCasts(patterns);
  }

  /** {@code sql} without the casts PostgreSQL added to literals compared with an enum column. */
  String strip(String sql) {
    String result = sql;
    for (Pattern p : patterns) {
      Matcher m = p.matcher(result);
      result = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + " " + r.group(2) + " " + r.group(3)));
    }
    return result;
  }

  /** A name as PostgreSQL may print it: plain, or double-quoted with quotes doubled. */
  private static String identifier(String name) {
    String quoted = Pattern.quote("\"" + name.replace("\"", "\"\"") + "\"");
    return name.matches("[a-z_][a-z0-9_$]*") ? "(?:" + Pattern.quote(name) + "|" + quoted + ")" : quoted;
  }
}
