package dev.modelc.dialect;

import static dev.modelc.dialect.PostgresNames.quote;

import dev.modelc.model.Column;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SqlText;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL text of a query pattern, exactly as the generated accessor sends it: {@code ?} marks
 * each bound value, in the order the accessor binds them (the assigned or inserted columns
 * first, then the conditions). {@code modelc verify} explains this same text, so what
 * PostgreSQL is asked to plan is what the application runs.
 */
public final class PostgresQuerySql {
  private PostgresQuerySql() {}

  /** Element types whose arrays are read as {@code text[]}, every element as its text (pgjdbc has no decoder for them). */
  private static final Set<TypeKind> ARRAY_AS_TEXT = EnumSet.of(TypeKind.TIME, TypeKind.INTERVAL, TypeKind.MONEY,
      TypeKind.BIT);

  /** The statement of {@code query} on {@code table}; every column it names must be a column of the table. */
  public static String of(Table table, QueryPattern query) {
    List<Column> selected = selectedColumns(table, query);
    String columnList = String.join(", ", selected.stream().map(c -> selected(c, quote(c.name()))).toList());
    StringBuilder sql = new StringBuilder();
    switch (query.kind()) {
      case INSERT -> {
        List<Column> inserted = insertedColumns(table, query);
        sql.append("INSERT INTO ").append(quote(table.name()));
        if (inserted.isEmpty()) {
          sql.append(" DEFAULT VALUES"); // every column has a default: "() VALUES ()" is no SQL
        } else {
          sql.append(" (").append(String.join(", ", inserted.stream().map(c -> quote(c.name())).toList()))
              .append(") VALUES (").append(String.join(", ", inserted.stream().map(c -> "?").toList())).append(")");
        }
        sql.append(" RETURNING ").append(columnList);
      }
      case UPDATE -> {
        List<String> sets = new ArrayList<>();
        for (String name : query.set()) {
          sets.add(quote(table.column(name).orElseThrow().name()) + " = ?");
        }
        sql.append("UPDATE ").append(quote(table.name())).append(" SET ").append(String.join(", ", sets));
      }
      case DELETE -> sql.append("DELETE FROM ").append(quote(table.name()));
      case COUNT -> sql.append("SELECT count(*) FROM ").append(quote(table.name()));
      case EXISTS -> sql.append("SELECT EXISTS (SELECT 1 FROM ").append(quote(table.name()));
      case SELECT -> sql.append("SELECT ").append(columnList).append(" FROM ").append(quote(table.name()));
    }
    List<String> where = new ArrayList<>();
    for (Predicate p : query.where()) {
      where.add(condition(table, p));
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    if (query.kind() == QueryKind.EXISTS) {
      sql.append(")");
    }
    if (query.kind() == QueryKind.SELECT && !query.orderBy().isEmpty()) {
      List<String> order = new ArrayList<>();
      for (OrderTerm o : query.orderBy()) {
        order.add((SqlText.isExpression(o.column()) ? o.column() : quote(o.column())) + (o.descending() ? " DESC" : ""));
      }
      sql.append(" ORDER BY ").append(String.join(", ", order));
    }
    if (query.kind() == QueryKind.SELECT && query.limit() != null) {
      sql.append(" LIMIT ").append(query.limit());
    }
    return sql.toString();
  }

  /** The column as the select list reads it: arrays of some types as {@code text[]}, so that every element is its text. */
  public static String selected(Column c, String quotedName) {
    return c.type().array() && ARRAY_AS_TEXT.contains(c.type().kind()) ? quotedName + "::text[]" : quotedName;
  }

  /** Whether arrays of {@code kind} are read as text (see {@link #selected}). */
  public static boolean arrayReadAsText(TypeKind kind) {
    return ARRAY_AS_TEXT.contains(kind);
  }

  /**
   * The column a condition compares, for its bound value's type: the table's column, or for a
   * condition on an expression a column named by the expression, of the type its column (or
   * trailing cast) gives it.
   */
  public static Column conditionColumn(Table table, Predicate p) {
    return p.onExpression()
        ? new Column(p.column(), ExpressionTypes.parameterType(table, p.column()).orElseThrow(), false, null, false, null,
            null, p.source())
        : table.column(p.column()).orElseThrow();
  }

  /**
   * {@code sql} with each {@code ?} outside quotes numbered {@code $1, $2, ...}, the form
   * {@code EXPLAIN (GENERIC_PLAN)} accepts for parameters of unknown value.
   */
  public static String numbered(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 8);
    boolean quoted = false;
    boolean identifier = false;
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'' && !identifier) {
        quoted = !quoted;
      } else if (c == '"' && !quoted) {
        identifier = !identifier;
      }
      if (c == '?' && !quoted && !identifier) {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code EXPLAIN (GENERIC_PLAN, FORMAT JSON) ...}: the plan PostgreSQL 16+ makes for any parameter values. */
  public static String explainGeneric(String sql) {
    return "EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + numbered(sql);
  }

  /** The columns an accessor reads back: {@code returns:} of a select, otherwise every column. */
  public static List<Column> selectedColumns(Table table, QueryPattern query) {
    if (query.kind() == QueryKind.SELECT && !query.returns().isEmpty()) {
      return query.returns().stream().map(name -> table.column(name).orElseThrow()).toList();
    }
    return table.columns();
  }

  /** The columns an insert provides: {@code set:}, or every column the database does not fill itself (default, identity, generated). */
  public static List<Column> insertedColumns(Table table, QueryPattern query) {
    if (!query.set().isEmpty()) {
      return query.set().stream().map(name -> table.column(name).orElseThrow()).toList();
    }
    return table.columns().stream().filter(c -> !c.filledByDatabase()).toList();
  }

  private static String condition(Table table, Predicate p) {
    Column col = conditionColumn(table, p);
    String column = p.onExpression() ? p.column() : quote(col.name());
    if (p.operator().isUnary()) {
      return column + " " + p.operator().symbol().toUpperCase(Locale.ROOT);
    }
    if (p.literal() != null) {
      return column + " " + operator(p.operator()) + " " + p.literal();
    }
    if (p.operator() == Operator.IN) {
      return column + " = ANY (" + (col.type().kind() == TypeKind.ENUM
          ? "CAST(? AS " + quote(PostgresNames.enumType(table.name(), col.name())) + "[])" : "?") + ")";
    }
    return column + " " + operator(p.operator()) + " ?";
  }

  private static String operator(Operator op) {
    return op == Operator.NE ? "<>" : op == Operator.LIKE || op == Operator.ILIKE ? op.symbol().toUpperCase(Locale.ROOT) : op.symbol();
  }
}
