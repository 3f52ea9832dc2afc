package dev.modelc.analyze;

import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Operator;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SqlText;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an index can use of one query, worked out once per query rather than once per
 * candidate index. {@code equality}: columns compared with {@code =}, {@code in} or
 * {@code is null}, usable as an index prefix in any order. {@code fixed}: columns held to one
 * value by {@code =}, so the index order over them is trivial ({@code is null} is not: PostgreSQL
 * derives no single value from it and sorts as if the column varied). {@code exact}: columns
 * compared with {@code =} (not {@code is null}: NULLs never collide in a unique index).
 * {@code range}: columns bounded by {@code <, <=, >, >=} (several bounds on one column are one
 * range). {@code usable}: the conditions PostgreSQL can match against an index or a partial
 * predicate; a decimal literal compared with an integer column ({@code amount > 100.5} on a
 * bigint) is not, because PostgreSQL casts the column to numeric to compare them, and a cast
 * column matches neither the index key nor the predicate's plain column ({@code castColumn}).
 */
record QueryShape(QueryPattern query, Set<String> equality, Set<String> fixed, Set<String> exact,
    Set<String> range, Table table, List<Predicate> usable, List<Predicate> castColumn) {

  /** The shape of {@code query} without its table: column types unknown (array operators and casts are then not matched). */
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
    List<Predicate> usable = new ArrayList<>();
    List<Predicate> cast = new ArrayList<>();
    for (Predicate p : query.where()) {
      if (castsColumn(table, p)) {
        cast.add(p);
        continue;
      }
      usable.add(p);
      String key = key(p.column());
      switch (p.operator().shape()) {
        case EQUALITY -> {
          equality.add(key);
          if (p.operator() == Operator.EQ) {
            fixed.add(key);
            exact.add(key);
          }
        }
        case RANGE -> range.add(key);
        case OTHER -> { }
      }
    }
    return new QueryShape(query, Set.copyOf(equality), Set.copyOf(fixed), Set.copyOf(exact),
        Set.copyOf(range), table, List.copyOf(usable), List.copyOf(cast));
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

  /**
   * Whether PostgreSQL compares {@code p} by casting its column: a decimal literal (any element
   * of an {@code in} list) against a {@code smallint}, {@code int} or {@code bigint} column.
   */
  static boolean castsColumn(Table table, Predicate p) {
    if (p.literal() == null || p.operator().isUnary() || !isInteger(table, p.column())) {
      return false;
    }
    if (p.operator() == Operator.IN) {
      return SqlLiteral.parseList(p.literal()).map(values -> values.stream().anyMatch(SqlLiteral::decimal))
          .orElse(false);
    }
    return SqlLiteral.parse(p.literal()).map(SqlLiteral::decimal).orElse(false);
  }

  /** Whether a partial predicate's term is a decimal compared with an integer column (cast likewise). */
  static boolean castsColumn(Table table, IndexPredicate.Term term) {
    return isInteger(table, term.column()) && term.values().stream().anyMatch(SqlLiteral::decimal);
  }

  private static boolean isInteger(Table table, String column) {
    if (table == null) {
      return false;
    }
    Optional<Column> c = table.column(column);
    if (c.isEmpty()) {
      return false;
    }
    TypeKind kind = c.get().type().kind();
    return kind == TypeKind.SMALLINT || kind == TypeKind.INT || kind == TypeKind.BIGINT;
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
