package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which index serves a query pattern, the way PostgreSQL uses a btree:
 * <ol>
 *   <li>columns compared with {@code =}, {@code in} or {@code is null} form a prefix of the
 *       index columns, in any order;</li>
 *   <li>then at most one column bounded by a range ({@code <, <=, >, >=}); a range on a later
 *       column only filters;</li>
 *   <li>a select's {@code orderBy} comes out of the index: its terms follow the index columns
 *       in their directions, or all of them exactly reversed (the index read backwards).
 *       Columns fixed to one value by {@code =} are skipped on both sides, since a single value
 *       has no order; {@code is null} and {@code in} do not fix a column. Two cheaper sorts are
 *       accepted: with a limit, an index that delivers a leading part of the order, the rest
 *       sorted per group (incremental sort); and an {@code in} prefix followed by the order, whose
 *       values each come out in order and are sorted together (no index can do better);</li>
 *   <li>a partial index serves only when the query's conditions imply its {@code where};</li>
 *   <li>the index must make the query cheaper: it narrows the scan through a prefix column, or
 *       it is a partial index whose predicate covers every condition of the query, or (a select
 *       with {@code orderBy} and {@code limit}) it delivers the order so the scan stops after
 *       {@code limit} rows.</li>
 * </ol>
 * A decimal literal compared with an integer column ({@code amount > 100.5} on a bigint) takes
 * part in none of this: PostgreSQL casts the column, so the condition only filters. A unique
 * index whose every column is compared with {@code =} returns at most one row, and needs no
 * order then. Insert needs no index; count, exists, update and delete use only {@code where}.
 * Among the serving indexes the choice is deterministic: a serving pin first, then a single-row
 * lookup, most equality columns (prefix plus those a partial predicate fixes), range used, the
 * cheaper sort, a partial index (smaller), fewest columns, and the name. docs/coverage.md has the
 * examples.
 */
public final class QueryResolver {
  private QueryResolver() {}

  /** Which of {@code candidates} serves {@code query} on {@code table}, and why. */
  public static Resolution resolve(Table table, QueryPattern query, List<Index> candidates) {
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(candidates, "candidates == null");
    if (query.kind() == QueryKind.INSERT) {
      return new Resolution(query, null, false, OrderSort.NONE, List.of(),
          List.of("an insert writes rows and needs no index to find them"), List.of());
    }
    QueryShape shape = QueryShape.of(query, table);
    List<IndexFit> serving = new ArrayList<>();
    List<IndexFit> missing = new ArrayList<>();
    for (Index index : candidates) {
      IndexFit fit = fit(shape, index);
      (fit.serves() ? serving : missing).add(fit);
    }
    serving.sort(ranking(query));
    missing.sort(Comparator.comparing(f -> f.index().name()));
    List<String> reasons = new ArrayList<>();
    if (!serving.isEmpty()) {
      IndexFit chosen = serving.get(0);
      reasons.add(chosen.index().name() + ": serves: " + chosen.why());
      for (IndexFit other : serving.subList(1, serving.size())) {
        reasons.add(other.index().name() + ": also serves, ranks lower: " + other.why());
      }
      missing.forEach(f -> reasons.add(f.index().name() + ": does not serve: " + f.why()));
      List<Index> alternatives = serving.subList(1, serving.size()).stream().map(IndexFit::index).toList();
      List<String> condition = new ArrayList<>(chosen.equality().stream().map(IndexColumn::column).toList());
      if (chosen.range() != null) {
        condition.add(chosen.range().column());
      }
      return new Resolution(query, chosen.index(), chosen.atMostOneRow(), chosen.sort(), condition, reasons,
          alternatives);
    }
    if (QueryShape.needsNoIndex(query)) {
      reasons.add(query.kind() == QueryKind.EXISTS
          ? "an exists without conditions stops at the first row and needs no index"
          : "a select with a limit and neither conditions nor order stops after " + query.limit()
              + " rows and needs no index");
    } else if (shape.readsWholeTable()) {
      reasons.add("the query has no conditions: it reads every row of table '" + table.name()
          + "', and no index makes that cheaper");
    }
    missing.forEach(f -> reasons.add(f.index().name() + ": does not serve: " + f.why()));
    if (candidates.isEmpty()) {
      reasons.add("table '" + table.name() + "' has no indexes");
    }
    return new Resolution(query, null, false, shape.needsOrder() ? OrderSort.FULL : OrderSort.NONE,
        List.of(), reasons, List.of());
  }

  /** Best first. A pin that serves wins: the author chose it, and it does serve. */
  private static Comparator<IndexFit> ranking(QueryPattern query) {
    return Comparator
        .comparing((IndexFit f) -> !f.index().name().equals(query.index()))
        .thenComparing(f -> !f.atMostOneRow())
        .thenComparing(IndexFit::equalityUsed, Comparator.reverseOrder())
        .thenComparing(f -> !f.rangeUsed())
        .thenComparing(IndexFit::sort)
        .thenComparing(f -> f.index().where() == null)
        .thenComparingInt(IndexFit::width)
        .thenComparing(f -> f.index().name());
  }

  /** How {@code index} fits the query: the rules of the class comment, one by one. */
  static IndexFit fit(QueryShape shape, Index index) {
    QueryPattern query = shape.query();
    List<IndexColumn> columns = index.columns();
    if (columns.isEmpty()) {
      return IndexFit.miss(index, "it has no key columns");
    }
    if (!index.method().equals("btree")) {
      return MethodFit.fit(shape, index);
    }
    Set<String> predicateColumns = Set.of();
    if (index.where() != null) {
      Optional<List<IndexPredicate.Term>> terms = IndexPredicate.parse(index.where());
      if (terms.isEmpty()) {
        return IndexFit.miss(index, "its partial predicate '" + index.where() + "' cannot be read by"
            + " modelc (only 'column op literal', 'in (...)' and 'is [not] null' terms joined by"
            + " 'and' are understood), so it is never taken as implied");
      }
      Optional<String> problem = unimplied(shape, index.where(), terms.get());
      if (problem.isPresent()) {
        return IndexFit.miss(index, problem.get());
      }
      predicateColumns = new HashSet<>();
      for (IndexPredicate.Term t : terms.get()) {
        predicateColumns.add(t.column());
      }
    }
    int used = 0;
    while (used < columns.size() && shape.equality().contains(QueryShape.key(columns.get(used)))) {
      used++;
    }
    List<IndexColumn> equality = columns.subList(0, used);
    // an operator class other than the type's default orders values its own way: no range on it
    IndexColumn range = used < columns.size() && shape.range().contains(QueryShape.key(columns.get(used)))
        && columns.get(used).opclass() == null ? columns.get(used) : null;
    boolean atMostOneRow = index.unique() && columns.stream().allMatch(c -> shape.exact().contains(QueryShape.key(c)));
    boolean orderNeeded = shape.needsOrder() && !atMostOneRow;
    boolean backward = false;
    OrderSort sort = OrderSort.NONE;
    String sortWhy = null;
    if (orderNeeded) {
      OrderMatch order = matchOrder(query.orderBy(), columns, shape.fixed());
      if (order.problem() == null) {
        backward = order.backward();
      } else {
        // An in list: each of its values gives rows in order, which PostgreSQL sorts together.
        Set<String> inPrefix = new HashSet<>();
        for (IndexColumn c : equality) {
          if (!shape.fixed().contains(QueryShape.key(c)) && isIn(shape, QueryShape.key(c))) {
            inPrefix.add(QueryShape.key(c));
          }
        }
        Set<String> runsFixed = new HashSet<>(shape.fixed());
        runsFixed.addAll(inPrefix);
        OrderMatch runs = inPrefix.isEmpty() ? null : matchOrder(query.orderBy(), columns, runsFixed);
        if (runs != null && runs.problem() == null) {
          sort = OrderSort.FULL;
          backward = runs.backward();
          sortWhy = "each value of the in list on (" + String.join(", ", sorted(inPrefix)) + ") gives its rows"
              + " in orderBy order, and PostgreSQL sorts the matching rows together (no index delivers one"
              + " order across several values)";
        } else if (order.delivered() > 0 && query.limit() != null) {
          sort = OrderSort.INCREMENTAL;
          backward = order.backward();
          sortWhy = "the index delivers the order of " + terms(query.orderBy(), shape.fixed(), order.delivered())
              + " and PostgreSQL sorts only within each group of equal values (incremental sort), stopping"
              + " after " + query.limit() + " rows";
        } else {
          String problem = order.problem() + isNullNote(shape, order.blocking());
          String matched = describe(equality, range, OrderSort.NONE, false, false, false, null);
          if (matched.isEmpty()) {
            return IndexFit.miss(index, leadingColumnProblem(columns) + ", and it does not deliver the orderBy order"
                + isNullNote(shape, order.blocking()));
          }
          return IndexFit.miss(index, matched + ", but " + problem
              + ", so every matching row would have to be sorted");
        }
      }
    }
    // Query equality columns the partial predicate already narrows by count like prefix columns.
    Set<String> narrowedByPredicate = new HashSet<>();
    for (String column : shape.equality()) {
      if (predicateColumns.contains(column) && equality.stream().noneMatch(c -> QueryShape.key(c).equals(column))) {
        narrowedByPredicate.add(column);
      }
    }
    IndexFit.Access access;
    if (!equality.isEmpty() || range != null) {
      access = IndexFit.Access.LOOKUP;
    } else if (index.where() != null && coversEveryCondition(query, predicateColumns)) {
      access = IndexFit.Access.PARTIAL_SCAN;
    } else if (orderNeeded && query.limit() != null) {
      access = IndexFit.Access.ORDERED_SCAN;
    } else if (index.where() != null) {
      return IndexFit.miss(index, "its predicate (" + index.where() + ") is implied, but its leading"
          + " column '" + columns.get(0).column() + "' is not compared with =, in, is null or a"
          + " range, and the query has conditions the predicate does not cover: every row the"
          + " predicate keeps would be read and filtered");
    } else if (orderNeeded) {
      return IndexFit.miss(index, "it returns rows in the orderBy order, but no condition narrows"
          + " the scan and there is no limit to stop it: every row would be read");
    } else {
      return IndexFit.miss(index, leadingColumnProblem(columns));
    }
    String why = describe(equality, range, sort, orderNeeded, backward, atMostOneRow, index.where());
    if (sortWhy != null) {
      why = why + " (" + sortWhy + ")";
    }
    if (access == IndexFit.Access.PARTIAL_SCAN) {
      why = "reads only the rows its predicate keeps, " + why;
    } else if (access == IndexFit.Access.ORDERED_SCAN) {
      why = "an ordered scan that stops after " + query.limit() + " rows, " + why;
    }
    return new IndexFit(index, access, equality, narrowedByPredicate.size(), range, orderNeeded,
        backward, sort, atMostOneRow, why);
  }

  private static String leadingColumnProblem(List<IndexColumn> columns) {
    return "its leading column '" + columns.get(0).column() + "' is not compared with =, in, is null or a range";
  }

  /**
   * Whether every condition of the query is on a column of the partial predicate: then the
   * index holds only rows the query could want. A predicate such as {@code deleted_at is null} that
   * keeps most of the table does not serve a query that also filters on {@code account_id}.
   */
  private static boolean coversEveryCondition(QueryPattern query, Set<String> predicateColumns) {
    return query.where().stream().allMatch(p -> predicateColumns.contains(p.column()));
  }

  /** Why the query's conditions do not imply the partial predicate, or empty when they do. */
  private static Optional<String> unimplied(QueryShape shape, String where, List<IndexPredicate.Term> terms) {
    // A cast column proves nothing about the plain one, nor the other way round.
    Optional<IndexPredicate.Term> unimplied = IndexPredicate.firstUnimplied(terms, shape.where(),
        (p, t) -> t.values().isEmpty() || QueryShape.castsColumn(shape.table(), p) == QueryShape.castsColumn(shape.table(), t));
    if (unimplied.isEmpty()) {
      return Optional.empty();
    }
    IndexPredicate.Term t = unimplied.get();
    boolean parameter = shape.where().stream()
        .anyMatch(p -> p.column().equals(t.column()) && p.isParameter());
    boolean cast = shape.castColumn().stream().anyMatch(p -> p.column().equals(t.column()));
    return Optional.of("it is partial (where " + where + ") and the query does not imply " + t
        + (parameter ? " (a parameter's value is unknown: write the literal into the condition)" : "")
        + (cast ? castNote(t.column()) : ""));
  }

  /** The result of matching {@code orderBy} against the index columns. */
  private record OrderMatch(boolean backward, String problem, int delivered, String blocking) {}

  /**
   * Walks the orderBy terms and the index columns together, skipping columns fixed to one value
   * on both sides. Every remaining term must meet the next remaining index column, all in the
   * index's directions or all reversed.
   */
  private static OrderMatch matchOrder(List<OrderTerm> orderBy, List<IndexColumn> columns, Set<String> fixed) {
    int next = 0;
    int delivered = 0;
    Boolean reversed = null;
    Set<String> seen = new HashSet<>();
    for (OrderTerm term : orderBy) {
      String key = QueryShape.key(term.column());
      if (fixed.contains(key) || !seen.add(key)) {
        delivered++;
        continue; // one value, or already ordered by: the term changes nothing
      }
      while (next < columns.size() && fixed.contains(QueryShape.key(columns.get(next)))) {
        next++;
      }
      if (next >= columns.size() || !QueryShape.key(columns.get(next)).equals(key)) {
        String expected = next >= columns.size() ? "the index has no further column"
            : "the next index column is " + columns.get(next);
        return new OrderMatch(Boolean.TRUE.equals(reversed), "'orderBy " + term + "' does not follow the index ("
            + expected + ")", countOrdered(orderBy, delivered, fixed), next < columns.size() ? columns.get(next).column() : null);
      }
      IndexColumn column = columns.get(next);
      if (column.opclass() != null) {
        return new OrderMatch(false, "its key " + column.column() + " has the operator class " + column.opclass()
            + ", whose order is not the one 'orderBy " + term + "' asks for", countOrdered(orderBy, delivered, fixed), null);
      }
      if (column.nullsFirst() != null) {
        return new OrderMatch(false, "its key " + column + " puts nulls " + (column.nullsFirst() ? "first" : "last")
            + ", unlike 'orderBy " + term + "' read in either direction", countOrdered(orderBy, delivered, fixed), null);
      }
      boolean flipped = columns.get(next).descending() != term.descending();
      if (reversed != null && reversed != flipped) {
        return new OrderMatch(reversed, "the orderBy directions match neither the index ("
            + names(columns) + ") nor its exact reverse", countOrdered(orderBy, delivered, fixed), null);
      }
      reversed = flipped;
      next++;
      delivered++;
    }
    return new OrderMatch(Boolean.TRUE.equals(reversed), null, orderBy.size(), null);
  }

  /** How many of the first {@code delivered} terms put rows in an order (fixed columns do not). */
  private static int countOrdered(List<OrderTerm> orderBy, int delivered, Set<String> fixed) {
    int ordered = 0;
    for (OrderTerm t : orderBy.subList(0, delivered)) {
      if (!fixed.contains(QueryShape.key(t.column()))) {
        ordered++;
      }
    }
    return ordered;
  }

  /** {@code 'orderBy b'}: the first {@code count} ordering terms, fixed columns left out. */
  private static String terms(List<OrderTerm> orderBy, Set<String> fixed, int count) {
    List<String> out = new ArrayList<>();
    for (OrderTerm t : orderBy) {
      if (out.size() == count) {
        break;
      }
      if (!fixed.contains(QueryShape.key(t.column())) && !out.contains(t.toString())) {
        out.add(t.toString());
      }
    }
    return "'orderBy " + String.join(", ", out) + "'";
  }

  private static boolean isIn(QueryShape shape, String key) {
    return shape.usable().stream().anyMatch(p -> QueryShape.key(p.column()).equals(key) && p.operator() == Operator.IN);
  }

  /** Why an {@code is null} column in the way of the order does not count as fixed. */
  private static String isNullNote(QueryShape shape, String blocking) {
    if (blocking == null || shape.usable().stream()
        .noneMatch(p -> QueryShape.key(p.column()).equals(QueryShape.key(blocking)) && p.operator() == Operator.IS_NULL)) {
      return "";
    }
    return " ('" + blocking + " is null' does not fix the column's order: PostgreSQL sorts as if it varied;"
        + " put '" + blocking + "' after the ordered columns, or make it the index's where)";
  }

  static String castNote(String column) {
    return " (a decimal literal makes PostgreSQL cast the integer column '" + column + "' to numeric, and a"
        + " cast column matches no index key or predicate: write an integer)";
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** "equality on (a, b), range on c, rows in orderBy order, ..." */
  private static String describe(List<IndexColumn> equality, IndexColumn range, OrderSort sort,
      boolean ordered, boolean backward, boolean atMostOneRow, String where) {
    List<String> parts = new ArrayList<>();
    if (!equality.isEmpty()) {
      parts.add("equality on (" + String.join(", ", equality.stream().map(IndexColumn::column).toList()) + ")");
    }
    if (range != null) {
      parts.add("range on " + range.column());
    }
    if (atMostOneRow) {
      parts.add("unique: at most one row");
    }
    if (ordered && sort == OrderSort.NONE) {
      parts.add(backward ? "rows in orderBy order by reading the index backwards" : "rows in orderBy order");
    } else if (ordered) {
      parts.add(sort.label() + (backward ? ", reading the index backwards" : ""));
    }
    if (where != null) {
      parts.add("its predicate (" + where + ") is implied");
    }
    return String.join(", ", parts);
  }

  static String names(List<IndexColumn> columns) {
    return String.join(", ", columns.stream().map(IndexColumn::toString).toList());
  }
}
