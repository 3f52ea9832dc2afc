package dev.modelc.analyze;

import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.SqlText;
import dev.modelc.model.Table;
import java.util.Optional;

import dev.modelc.model.Operator;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an index can use of one query, worked out once per query rather than once per
 * candidate index. {@code equality}: columns compared with {@code =}, {@code in} or
 * {@code is null}, usable as an index prefix in any order. {@code fixed}: columns holding one
 * value ({@code =} or {@code is null}), so the index order over them is trivial.
 * {@code exact}: columns compared with {@code =} (not {@code is null}: NULLs never collide in a
 * unique index). {@code range}: columns bounded by {@code <, <=, >, >=} (several bounds on one
 * column are one range).
 */
record QueryShape(QueryPattern query, Set<String> equality, Set<String> fixed, Set<String> exact,
    Set<String> range, Table table) {

  /** The shape of {@code query} without its table: column types unknown (array operators are then not matched). */
  static QueryShape of(QueryPattern query) {
    return of(query, null);
  }

  /**
   * The shape of {@code query}; its sets hold {@link #key keys}: column names, or for conditions
   * on an expression the expression as PostgreSQL reads it, so that an expression key of an
   * index meets the same expression in a query.
   */
  static QueryShape of(QueryPattern query, Table table) {
    Set<String> equality = new HashSet<>();
    Set<String> fixed = new HashSet<>();
    Set<String> exact = new HashSet<>();
    Set<String> range = new HashSet<>();
    for (Predicate p : query.where()) {
      String key = key(p.column());
      switch (p.operator().shape()) {
        case EQUALITY -> {
          equality.add(key);
          if (p.operator() != Operator.IN) {
            fixed.add(key);
          }
          if (p.operator() == Operator.EQ) {
            exact.add(key);
          }
        }
        case RANGE -> range.add(key);
        case OTHER -> { }
      }
    }
    return new QueryShape(query, Set.copyOf(equality), Set.copyOf(fixed), Set.copyOf(exact),
        Set.copyOf(range), table);
  }

  /** How a condition, an order term or an index key is matched: a column name, or a normalized expression. */
  static String key(String columnOrExpression) {
    return SqlText.isExpression(columnOrExpression) ? "(" + SqlText.normalize(columnOrExpression) + ")" : columnOrExpression;
  }

  static String key(IndexColumn c) {
    return c.expression() ? "(" + SqlText.normalize(c.column()) + ")" : c.column();
  }

  /** The type of a column of the query's table, when the table is known. */
  Optional<ColumnType> type(String column) {
    return table == null ? Optional.empty() : table.column(column).map(Column::type);
  }

  /** Only a select returns rows in an order; count, exists, update and delete ignore orderBy. */
  boolean needsOrder() {
    return query.kind() == QueryKind.SELECT && !query.orderBy().isEmpty();
  }

  /**
   * A query that no index can make cheaper: it has no conditions, and is not a select that
   * reads a few rows in index order ({@code orderBy} with {@code limit}).
   */
  boolean readsWholeTable() {
    return query.kind() != QueryKind.INSERT && query.where().isEmpty()
        && !(needsOrder() && query.limit() != null) && !needsNoIndex(query);
  }

  /**
   * Queries that are cheap without any index: an insert; an exists without conditions (it
   * stops at the first row); a select with a limit and neither conditions nor order (it stops
   * after {@code limit} rows in whatever order the table gives them).
   */
  static boolean needsNoIndex(QueryPattern query) {
    if (query.kind() == QueryKind.INSERT) {
      return true;
    }
    if (!query.where().isEmpty()) {
      return false;
    }
    return query.kind() == QueryKind.EXISTS
        || (query.kind() == QueryKind.SELECT && query.orderBy().isEmpty() && query.limit() != null);
  }

  List<Predicate> where() {
    return query.where();
  }
}
