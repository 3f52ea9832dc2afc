package dev.modelc.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.check.SqlFragments.Kind;
import dev.modelc.check.SqlFragments.Literal;
import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every piece of SQL text in a model, and every value it names, is something PostgreSQL
 * accepts: defaults, literals in query conditions, checks and partial-index predicates are
 * read by {@link SqlFragments} (MC314); a literal or default fits its column's type, an enum's
 * default and literals are among its values, enum labels are storable (MC315); json columns,
 * which have no equality or ordering, are not keys, indexed, ordered or compared (MC316).
 * Runs on every table and query whose references resolved; unresolved ones are MC30x already.
 */
final class SqlCheck {
  /** Words PostgreSQL evaluates as a value in a default: {@code default: current_timestamp}. */
  private static final Set<String> VALUE_WORDS = Set.of("current_timestamp", "current_date", "current_time",
      "localtime", "localtimestamp", "current_user", "session_user", "current_role", "user");
  private static final Pattern UUID = Pattern.compile("\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\}?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?");
  private static final Pattern ZONE = Pattern.compile("(Z|[+-]\\d{2}(:?\\d{2})?)?");
  private static final Set<String> DATE_WORDS = Set.of("epoch", "infinity", "-infinity", "now", "today", "tomorrow", "yesterday");
  private static final Set<String> BOOL_WORDS = Set.of("true", "false", "t", "f", "yes", "no", "y", "n", "on", "off", "1", "0");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Largest label PostgreSQL keeps for an enum value, in bytes. */
  static final int MAX_ENUM_LABEL_BYTES = 63;

  private SqlCheck() {}

  static void check(Model model, Diagnostics out, Broken broken) {
    // a call per table and per query, not one long loop: the JIT compiles each on its own, early
    for (Table table : model.tables()) {
      table(table, out, broken);
    }
    for (QueryPattern q : model.queries()) {
      query(model, q, out, broken);
    }
  }

  private static void table(Table table, Diagnostics out, Broken broken) {
    Set<String> uniqueColumns = new HashSet<>();
    table.uniques().forEach(u -> uniqueColumns.addAll(u.columns()));
    Set<String> keyColumns = new HashSet<>();
    table.foreignKeys().forEach(f -> keyColumns.addAll(f.columns()));
    for (Column c : table.columns()) {
      boolean computed = c.generation() != null && c.generation().expression() != null;
      if (c.type().kind() != TypeKind.ENUM && c.type().kind() != TypeKind.JSON && c.defaultValue() == null && !computed) {
        continue; // nothing below reads this column: most columns of a large model
      }
      String what = "column '" + table.name() + "." + c.name() + "'";
      if (c.type().kind() == TypeKind.ENUM) {
        enumLabels(c, what, out);
      }
      if (c.defaultValue() != null) {
        defaultValue(table, c, what, out);
      }
      if (c.type().kind() == TypeKind.JSON) {
        if (table.primaryKey().contains(c.name()) || uniqueColumns.contains(c.name())) {
          noJson(c.source(), what + " is json, which has no equality operator: it cannot be a primary key or unique; use jsonb", out);
        }
        if (keyColumns.contains(c.name())) {
          noJson(c.source(), what + " is json, which has no equality operator: it cannot be a foreign key; use jsonb", out);
        }
      }
      if (computed) {
        generated(table, c, what, out);
      }
    }
    Map<String, TypeKind> columns = new HashMap<>();
    table.columns().forEach(c -> columns.put(c.name(), c.type().kind()));
    for (Check check : table.checks()) {
      condition(table, columns, check.expression(), "the expression of check '" + check.name() + "'",
          "amount >= 0", check.source(), out);
    }
    for (Index index : table.indexes()) {
      if (index.where() != null) {
        condition(table, columns, index.where(), "the 'where' of index '" + index.name() + "'",
            "deleted_at is null", index.source(), out);
      }
      for (IndexColumn ic : index.columns()) {
        if (ic.expression()) {
          int before = out.errorCount();
          expression(ic.column(), columns, "the expression key '" + IdentifierCheck.printable(ic.column()) + "' of index '"
              + index.name() + "'", "lower(email)", true, ic.source(), out);
          if (out.errorCount() > before) {
            broken.markIndex(index.name());
          }
          continue;
        }
        table.column(ic.column()).filter(c -> c.type().kind() == TypeKind.JSON).ifPresent(c -> noJson(ic.source(),
            "index '" + index.name() + "' has json column '" + c.name()
                + "' as a key; json has no operators an index can use: use jsonb, or list it in 'include'", out));
      }
    }
  }

  private static void query(Model model, QueryPattern q, Diagnostics out, Broken broken) {
    Optional<Table> table = model.table(q.table());
    if (table.isEmpty()) {
      return;
    }
    int before = out.errorCount();
    Map<String, TypeKind> columns = new HashMap<>();
    table.get().columns().forEach(c -> columns.put(c.name(), c.type().kind()));
    for (Predicate p : q.where()) {
      if (p.onExpression()) {
        expressionPredicate(table.get(), columns, q, p, out);
      } else {
        table.get().column(p.column()).ifPresent(c -> predicate(table.get(), q, p, c, out));
      }
    }
    for (OrderTerm o : q.orderBy()) {
      if (dev.modelc.model.SqlText.isExpression(o.column())) {
        expression(o.column(), columns, "the orderBy term '" + IdentifierCheck.printable(o.column()) + "' of query '"
            + q.name() + "'", "lower(name)", false, o.source(), out);
        continue;
      }
      table.get().column(o.column()).filter(c -> c.type().kind() == TypeKind.JSON).ifPresent(c -> noJson(o.source(),
          "query '" + q.name() + "' orders by json column '" + c.name() + "', which has no ordering; use jsonb", out));
    }
    if (out.errorCount() > before) {
      broken.markQuery(q.name(), false);
    }
  }

  /**
   * Functions whose result can change between calls or sessions: PostgreSQL refuses them in
   * generated columns and index expressions, which must be immutable.
   */
  private static final Set<String> NOT_IMMUTABLE = Set.of("now", "gen_random_uuid", "clock_timestamp",
      "statement_timestamp", "transaction_timestamp", "timeofday", "random", "to_char", "to_timestamp", "to_date",
      "to_number", "age", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
      "current_user", "session_user", "current_role", "user", "current_schema", "current_catalog");

  /** An SQL expression over the table's columns: one expression; immutable where PostgreSQL needs it. */
  private static void expression(String text, Map<String, TypeKind> columns, String what, String example,
      boolean immutable, SourceRef at, Diagnostics out) {
    Optional<String> problem = SqlFragments.expressionProblem(text, columns, SqlFragments.Use.ANY);
    if (problem.isPresent()) {
      out.report(ReferenceCode.MC314, at, what + " " + problem.get() + "; write one expression over the table's columns,"
          + " such as " + example);
      return;
    }
    if (immutable) {
      Optional<String> volatileCall = dev.modelc.dialect.PostgresExpressions.wordsOf(text).stream().filter(NOT_IMMUTABLE::contains).findFirst();
      if (volatileCall.isPresent()) {
        out.report(ReferenceCode.MC314, at, what + " uses " + volatileCall.get() + ", whose value changes between calls or"
            + " sessions; PostgreSQL accepts only immutable expressions here");
      }
    }
  }

  /** A stored generated column: an immutable expression over the table's other, not generated, columns. */
  private static void generated(Table table, Column c, String what, Diagnostics out) {
    Map<String, TypeKind> columns = new HashMap<>();
    for (Column other : table.columns()) {
      if (other != c && (other.generation() == null || other.generation().kind() != dev.modelc.model.Generation.Kind.STORED)) {
        columns.put(other.name(), other.type().kind());
      }
    }
    expression(c.generation().expression(), columns, "the 'generated' expression of " + what, "price * quantity", true,
        c.source(), out);
  }

  /** A condition on an expression: one expression over the table's columns, and a literal where there is one. */
  private static void expressionPredicate(Table table, Map<String, TypeKind> columns, QueryPattern q, Predicate p,
      Diagnostics out) {
    String what = "the condition on '" + IdentifierCheck.printable(p.column()) + "' in query '" + q.name() + "'";
    int before = out.errorCount();
    expression(p.column(), columns, what, "lower(email)", false, p.source(), out);
    if (out.errorCount() > before) {
      return;
    }
    if (p.literal() != null && p.operator() != Operator.IN && SqlFragments.literal(p.literal()).isEmpty()) {
      out.report(ReferenceCode.MC314, p.source(), what + " compares with '" + IdentifierCheck.printable(p.literal())
          + "', which is not a literal; write a quoted string, a number, true or false, or nothing for a parameter");
    } else if (p.isParameter() && dev.modelc.dialect.ExpressionTypes.parameterType(table, p.column()).isEmpty()) {
      out.report(ReferenceCode.MC324, p.source(), what + " takes a parameter whose type modelc cannot tell: the expression"
          + " reads " + (dev.modelc.dialect.PostgresExpressions.columnsIn(p.column(), columns.keySet()).isEmpty() ? "no column" : "several columns")
          + "; end it with a cast to a model type, as in (a + b)::bigint");
    }
  }

  /** A check or partial-index predicate: one boolean expression over the table's columns, enum literals among the values. */
  private static void condition(Table table, Map<String, TypeKind> columns, String expression, String what, String example,
      SourceRef at, Diagnostics out) {
    Optional<String> problem = SqlFragments.expressionProblem(expression, columns, SqlFragments.Use.CONDITION);
    if (problem.isPresent()) {
      out.report(ReferenceCode.MC314, at, what + " " + problem.get() + "; write one boolean expression, such as " + example);
      return;
    }
    Set<String> enums = new HashSet<>();
    table.columns().stream().filter(c -> c.type().kind() == TypeKind.ENUM).forEach(c -> enums.add(c.name()));
    for (String[] comparison : SqlFragments.enumComparisons(expression, enums)) {
      Column c = table.column(comparison[0]).orElseThrow();
      if (!c.type().enumValues().contains(comparison[1])) {
        out.report(ReferenceCode.MC315, at, what + " compares enum column '" + c.name() + "' with '"
            + IdentifierCheck.printable(comparison[1]) + "', which is not one of its values " + c.type().enumValues());
      }
    }
  }

  private static void noJson(SourceRef at, String message, Diagnostics out) {
    out.report(ReferenceCode.MC316, at, message);
  }

  private static void enumLabels(Column c, String what, Diagnostics out) {
    for (String v : c.type().enumValues()) {
      int bytes = v.getBytes(StandardCharsets.UTF_8).length;
      if (v.isEmpty() || bytes > MAX_ENUM_LABEL_BYTES) {
        out.report(ReferenceCode.MC315, c.source(), "enum value '" + IdentifierCheck.printable(v) + "' of " + what
            + " is " + bytes + " bytes; PostgreSQL enum labels are 1 to " + MAX_ENUM_LABEL_BYTES + " bytes");
      } else if (SqlFragments.controlCharacter(v).isPresent() || v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
        out.report(ReferenceCode.MC315, c.source(), "enum value '" + IdentifierCheck.printable(v) + "' of " + what
            + " holds a control character; enum values are printable text");
      }
    }
  }

  private static void defaultValue(Table table, Column c, String what, Diagnostics out) {
    String d = c.defaultValue();
    Optional<Literal> literal = SqlFragments.literal(d);
    if (literal.isPresent()) {
      fits(c, literal.get(), "the default of " + what, c.source(), out);
      return;
    }
    String lower = d.toLowerCase(Locale.ROOT);
    if (VALUE_WORDS.contains(lower)) {
      return;
    }
    Optional<String> problem = SqlFragments.expressionProblem(d, null, SqlFragments.Use.DEFAULT);
    if (problem.isPresent()) {
      out.report(ReferenceCode.MC314, c.source(), "the default of " + what + " '" + IdentifierCheck.printable(d) + "' "
          + problem.get() + "; write a literal ('text', 42, true, null) or a function call such as now()");
      return;
    }
    if (c.type().kind() == TypeKind.ENUM) {
      out.report(ReferenceCode.MC315, c.source(), "the default of enum " + what + " must be one of its values "
          + c.type().enumValues() + ", not '" + IdentifierCheck.printable(d) + "'");
    }
  }

  private static void predicate(Table table, QueryPattern q, Predicate p, Column c, Diagnostics out) {
    String what = "the condition on '" + p.column() + "' in query '" + q.name() + "'";
    Optional<String> misfit = OperatorTypes.misfit(p.operator(), c.type());
    if (misfit.isPresent()) {
      out.report(ReferenceCode.MC316, p.source(), what + " uses '" + p.operator().symbol() + "', but " + misfit.get());
      return;
    }
    if (c.type().kind() == TypeKind.JSON && !p.operator().isUnary()) {
      noJson(p.source(), what + " compares json column '" + c.name()
          + "', which has no comparison operators; use jsonb, or only 'is null' / 'is not null'", out);
      return;
    }
    if (p.literal() == null) {
      return;
    }
    if (p.operator() == Operator.IN) {
      Optional<List<Literal>> list = SqlFragments.literalList(p.literal());
      if (list.isEmpty()) {
        out.report(ReferenceCode.MC314, p.source(), what + " has '" + IdentifierCheck.printable(p.literal())
            + "' after 'in', which is not a list of literals; write in ('a', 'b') or just 'in' for a parameter");
        return;
      }
      for (Literal l : list.get()) {
        if (l.kind() == Kind.NULL) {
          out.report(ReferenceCode.MC315, p.source(), what + " lists null, which 'in' never matches; use 'is null'");
        } else {
          fits(c, l, what, p.source(), out);
        }
      }
      return;
    }
    Optional<Literal> literal = SqlFragments.literal(p.literal());
    if (literal.isEmpty()) {
      out.report(ReferenceCode.MC314, p.source(), what + " compares with '" + IdentifierCheck.printable(p.literal())
          + "', which is not a literal; write a quoted string ('pending'), a number, true or false, or nothing for a parameter");
      return;
    }
    if (literal.get().kind() == Kind.NULL) {
      out.report(ReferenceCode.MC315, p.source(), what + " compares with null, which is never true in SQL; use 'is null' or 'is not null'");
      return;
    }
    fits(c, literal.get(), what, p.source(), out);
  }

  /** Reports a literal the column's type cannot hold. */
  private static void fits(Column c, Literal l, String what, SourceRef at, Diagnostics out) {
    if (l.kind() == Kind.NULL) {
      if (!c.nullable() && !what.startsWith("the default")) {
        out.report(ReferenceCode.MC315, at, what + " is null, but the column is not nullable");
      }
      return;
    }
    TypeKind k = c.type().kind();
    String problem = c.type().array() ? (l.kind() == Kind.STRING && l.value().trim().startsWith("{") && l.value().trim().endsWith("}")
        ? null : "is not an array literal such as '{a,b}'") : switch (k) {
      case BOOL -> l.kind() == Kind.BOOLEAN || (l.kind() == Kind.STRING && BOOL_WORDS.contains(l.value().trim().toLowerCase(Locale.ROOT)))
          ? null : "is not a boolean: write true or false";
      case SMALLINT -> integer(l, -32768, 32767);
      case INT -> integer(l, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case BIGINT -> integer(l, Long.MIN_VALUE, Long.MAX_VALUE);
      case NUMERIC, REAL, DOUBLE -> l.kind() == Kind.NUMBER ? numeric(c, l) : "is not a number";
      case TEXT -> l.kind() == Kind.STRING ? null : "is not a quoted string";
      case VARCHAR, CHAR -> l.kind() != Kind.STRING ? "is not a quoted string"
          : c.type().length() != null && l.value().codePointCount(0, l.value().length()) > c.type().length()
              ? "is longer than " + k.modelName() + "(" + c.type().length() + ")"
              : k == TypeKind.CHAR && c.type().length() == null && l.value().codePointCount(0, l.value().length()) > 1
                  ? "is longer than char (one character)" : null;
      case ENUM -> l.kind() == Kind.STRING && c.type().enumValues().contains(l.value()) ? null
          : "is not one of the enum's values " + c.type().enumValues();
      case UUID -> l.kind() == Kind.STRING && UUID.matcher(l.value().trim()).matches() ? null : "is not a UUID";
      case DATE -> l.kind() == Kind.STRING && (DATE.matcher(l.value().trim()).matches() || dateWord(l)) ? null
          : "is not a date such as '2024-01-31'";
      case TIME -> l.kind() == Kind.STRING && (TIME.matcher(l.value().trim()).matches() || l.value().trim().equalsIgnoreCase("now"))
          ? null : "is not a time such as '13:45:00'";
      case TIMESTAMP, TIMESTAMPTZ -> l.kind() == Kind.STRING && (timestamp(l.value().trim()) || dateWord(l)) ? null
          : "is not a timestamp such as '2024-01-31 13:45:00'";
      case JSON, JSONB -> l.kind() == Kind.STRING && json(l.value()) ? null : "is not a quoted JSON value such as '{}'";
      case BYTES -> l.kind() == Kind.STRING && l.value().matches("\\\\x([0-9a-fA-F]{2})*") ? null
          : "is not a bytea literal in hex form such as '\\x0a0b'";
      case CITEXT, XML, TSVECTOR, INTERVAL -> l.kind() == Kind.STRING ? null : "is not a quoted string";
      case INET, CIDR -> l.kind() == Kind.STRING && INET.matcher(l.value().trim()).matches() ? null
          : "is not a network address such as '192.168.0.1/24' or '2001:db8::1'";
      case MACADDR -> l.kind() == Kind.STRING && MACADDR.matcher(l.value().trim()).matches() ? null
          : "is not a MAC address such as '08:00:2b:01:02:03'";
      case MONEY -> l.kind() == Kind.NUMBER || (l.kind() == Kind.STRING && l.value().trim().matches("-?\\$?[0-9,]+(\\.[0-9]+)?"))
          ? null : "is not an amount such as 12.50";
      case BIT, VARBIT -> bits(c, l);
    };
    if (problem != null) {
      out.report(ReferenceCode.MC315, at, what + ": " + (l.kind() == Kind.STRING ? "'" + IdentifierCheck.printable(l.value()) + "'" : l.value())
          + " " + problem + " (the column is " + c.type().modelSpelling() + ")");
    }
  }

  private static final Pattern INET = Pattern.compile("[0-9a-fA-F:.]+(/\\d{1,3})?");
  private static final Pattern MACADDR = Pattern.compile("[0-9a-fA-F]{2}([:-]?[0-9a-fA-F]{2}){5}");

  /** A bit string literal: 0s and 1s, exactly n of them for bit(n), at most n for varbit(n). */
  private static String bits(Column c, Literal l) {
    if (l.kind() != Kind.STRING || !l.value().matches("[01]*")) {
      return "is not a bit string such as '0101'";
    }
    int n = l.value().length();
    Integer length = c.type().length();
    if (c.type().kind() == TypeKind.BIT && n != (length == null ? 1 : length)) {
      return "has " + n + " bits, but " + c.type().modelSpelling() + " holds exactly " + (length == null ? 1 : length);
    }
    return length != null && n > length ? "has more than " + length + " bits" : null;
  }

  private static String integer(Literal l, long min, long max) {
    if (l.kind() != Kind.NUMBER) {
      return "is not a number";
    }
    BigDecimal n = l.number();
    if (n.stripTrailingZeros().scale() > 0) {
      return "is not a whole number";
    }
    if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      return "is out of range (" + min + " to " + max + ")";
    }
    return null;
  }

  private static String numeric(Column c, Literal l) {
    BigDecimal n = l.number();
    if (c.type().kind() == TypeKind.NUMERIC && c.type().precision() != null) {
      int scale = c.type().scale() == null ? 0 : c.type().scale();
      BigDecimal rounded = n.setScale(scale, java.math.RoundingMode.HALF_UP);
      if (rounded.precision() - rounded.scale() > c.type().precision() - scale && rounded.signum() != 0) {
        return "does not fit " + c.type().modelSpelling();
      }
    }
    if (n.abs().compareTo(new BigDecimal("1e300")) > 0) {
      return "is out of range";
    }
    return null;
  }

  private static boolean dateWord(Literal l) {
    return DATE_WORDS.contains(l.value().trim().toLowerCase(Locale.ROOT));
  }

  private static boolean timestamp(String v) {
    int split = v.indexOf('T') > 0 ? v.indexOf('T') : v.indexOf(' ');
    if (split < 0) {
      return DATE.matcher(v).matches();
    }
    String date = v.substring(0, split);
    String rest = v.substring(split + 1).trim();
    int zone = Math.max(rest.indexOf('+'), Math.max(rest.indexOf('-'), rest.indexOf('Z')));
    String time = zone < 0 ? rest : rest.substring(0, zone);
    String offset = zone < 0 ? "" : rest.substring(zone);
    return DATE.matcher(date).matches() && TIME.matcher(time.trim()).matches() && ZONE.matcher(offset).matches();
  }

  private static boolean json(String v) {
    try {
      JSON.readTree(v);
      return !v.isBlank();
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
