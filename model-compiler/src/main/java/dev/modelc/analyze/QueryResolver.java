package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
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
 *       Columns fixed to one value by {@code =} or {@code is null} are skipped on both sides,
 *       since a single value has no order; an {@code in} column is not fixed;</li>
 *   <li>a partial index serves only when the query's conditions imply its {@code where};</li>
 *   <li>the index must make the query cheaper: it narrows the scan through a prefix column, or
 *       it is a partial index whose predicate covers every condition of the query, or (a select
 *       with {@code orderBy} and {@code limit}) it delivers the order so the scan stops after
 *       {@code limit} rows.</li>
 * </ol>
 * A unique index whose every column is compared with {@code =} returns at most one row, and
 * needs no order then. Insert needs no index; count, exists, update and delete use only
 * {@code where}. Among the serving indexes the choice is deterministic: a serving pin first,
 * then a single-row lookup, most equality columns (prefix plus those a partial predicate
 * fixes), range used, a partial index (smaller), fewest columns, and the name. Delivering the
 * order is a condition of serving, not a rank. docs/coverage.md has the examples.
 */
public final class QueryResolver {
  private QueryResolver() {}

  /** Which of {@code candidates} serves {@code query} on {@code table}, and why. */
  public static Resolution resolve(Table table, QueryPattern query, List<Index> candidates) {
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(candidates, "candidates == null");
    if (query.kind() == QueryKind.INSERT) {
      return new Resolution(query, null, false, true,
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
      return new Resolution(query, chosen.index(), chosen.atMostOneRow(), true, reasons, alternatives);
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
    return new Resolution(query, null, false, !shape.needsOrder(), reasons, List.of());
  }

  /** Best first. A pin that serves wins: the author chose it, and it does serve. */
  private static Comparator<IndexFit> ranking(QueryPattern query) {
    return Comparator
        .comparing((IndexFit f) -> !f.index().name().equals(query.index()))
        .thenComparing(f -> !f.atMostOneRow())
        .thenComparing(IndexFit::equalityUsed, Comparator.reverseOrder())
        .thenComparing(f -> !f.rangeUsed())
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
    if (orderNeeded) {
      OrderMatch order = matchOrder(query.orderBy(), columns, shape.fixed());
      if (order.problem() != null) {
        String matched = describe(equality, range, false, false, false, null);
        if (matched.isEmpty()) {
          return IndexFit.miss(index, leadingColumnProblem(columns) + ", and it does not deliver the orderBy order");
        }
        return IndexFit.miss(index, matched + ", but " + order.problem()
            + ", so every matching row would have to be sorted");
      }
      backward = order.backward();
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
    String why = describe(equality, range, orderNeeded, backward, atMostOneRow, index.where());
    if (access == IndexFit.Access.PARTIAL_SCAN) {
      why = "reads only the rows its predicate keeps, " + why;
    } else if (access == IndexFit.Access.ORDERED_SCAN) {
      why = "an ordered scan that stops after " + query.limit() + " rows, " + why;
    }
    return new IndexFit(index, access, equality, narrowedByPredicate.size(), range, orderNeeded,
        backward, atMostOneRow, why);
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
    Optional<IndexPredicate.Term> unimplied = IndexPredicate.firstUnimplied(terms, shape.where());
    if (unimplied.isEmpty()) {
      return Optional.empty();
    }
    IndexPredicate.Term t = unimplied.get();
    boolean parameter = shape.where().stream()
        .anyMatch(p -> p.column().equals(t.column()) && p.isParameter());
    return Optional.of("it is partial (where " + where + ") and the query does not imply " + t
        + (parameter ? " (a parameter's value is unknown: write the literal into the condition)" : ""));
  }

  /** The result of matching {@code orderBy} against the index columns. */
  private record OrderMatch(boolean backward, String problem) {}

  /**
   * Walks the orderBy terms and the index columns together, skipping columns fixed to one value
   * on both sides. Every remaining term must meet the next remaining index column, all in the
   * index's directions or all reversed.
   */
  private static OrderMatch matchOrder(List<OrderTerm> orderBy, List<IndexColumn> columns, Set<String> fixed) {
    int next = 0;
    Boolean reversed = null;
    Set<String> seen = new HashSet<>();
    for (OrderTerm term : orderBy) {
      String key = QueryShape.key(term.column());
      if (fixed.contains(key) || !seen.add(key)) {
        continue; // one value, or already ordered by: the term changes nothing
      }
      while (next < columns.size() && fixed.contains(QueryShape.key(columns.get(next)))) {
        next++;
      }
      if (next >= columns.size() || !QueryShape.key(columns.get(next)).equals(key)) {
        String expected = next >= columns.size() ? "the index has no further column"
            : "the next index column is " + columns.get(next);
        return new OrderMatch(false, "'orderBy " + term + "' does not follow the index ("
            + expected + ")");
      }
      IndexColumn column = columns.get(next);
      if (column.opclass() != null) {
        return new OrderMatch(false, "its key " + column.column() + " has the operator class " + column.opclass()
            + ", whose order is not the one 'orderBy " + term + "' asks for");
      }
      if (column.nullsFirst() != null) {
        return new OrderMatch(false, "its key " + column + " puts nulls " + (column.nullsFirst() ? "first" : "last")
            + ", unlike 'orderBy " + term + "' read in either direction");
      }
      boolean flipped = columns.get(next).descending() != term.descending();
      if (reversed != null && reversed != flipped) {
        return new OrderMatch(false, "the orderBy directions match neither the index ("
            + names(columns) + ") nor its exact reverse");
      }
      reversed = flipped;
      next++;
    }
    return new OrderMatch(Boolean.TRUE.equals(reversed), null);
  }

  /** "equality on (a, b), range on c, rows in orderBy order, ..." */
  private static String describe(List<IndexColumn> equality, IndexColumn range, boolean ordered,
      boolean backward, boolean atMostOneRow, String where) {
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
    if (ordered) {
      parts.add(backward ? "rows in orderBy order by reading the index backwards" : "rows in orderBy order");
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
