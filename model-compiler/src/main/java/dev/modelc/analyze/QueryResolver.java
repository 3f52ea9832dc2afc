package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
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
 * Decides which index serves a query pattern, the way a btree is used:
 * <ol>
 *   <li>columns compared with {@code =}, {@code in} or {@code is null} form a prefix of the
 *       index columns, in any order;</li>
 *   <li>then at most one column compared with a range ({@code <, <=, >, >=});</li>
 *   <li>a select's {@code orderBy} must come out of the index in order: its terms match the
 *       following index columns in their direction, or all of them fully reversed; columns fixed
 *       by {@code =} or {@code is null} may be skipped; an {@code in} column is not fixed;</li>
 *   <li>a partial index serves only when the query's own literal conditions imply its
 *       {@code where};</li>
 *   <li>an index serves when it narrows the scan (at least one prefix column), or, for a
 *       select with {@code orderBy} and {@code limit}, when it delivers the order so that the
 *       scan stops after {@code limit} rows.</li>
 * </ol>
 * A unique index whose every column is fixed by {@code =} makes the query return at most one
 * row (no order is needed then). Among serving indexes the best is chosen deterministically; a
 * pinned index that serves always wins.
 */
public final class QueryResolver {
  private QueryResolver() {}

  /** How one candidate index fits the query. */
  private record Fit(Index index, boolean serves, int equalityUsed, boolean rangeUsed,
      boolean orderSatisfied, boolean atMostOneRow, boolean partial, String why) {}

  public static Resolution resolve(Table table, QueryPattern query, List<Index> candidates) {
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(candidates, "candidates == null");
    if (query.kind() == QueryKind.INSERT) {
      return new Resolution(query, null, false, true, List.of("an insert needs no index to find rows"));
    }
    List<Fit> fits = new ArrayList<>(candidates.size());
    for (Index index : candidates) {
      fits.add(fit(query, index));
    }
    Comparator<Fit> best = Comparator
        .comparing((Fit f) -> !(query.index() != null && query.index().equals(f.index().name())))
        .thenComparing(f -> !f.atMostOneRow())
        .thenComparing(Fit::equalityUsed, Comparator.reverseOrder())
        .thenComparing(f -> !f.rangeUsed())
        .thenComparing(f -> !f.orderSatisfied())
        .thenComparing(f -> !f.partial())
        .thenComparingInt(f -> f.index().columns().size() + f.index().include().size())
        .thenComparing(f -> f.index().name());
    Optional<Fit> chosen = fits.stream().filter(Fit::serves).min(best);
    List<String> reasons = new ArrayList<>();
    if (chosen.isPresent()) {
      Fit c = chosen.get();
      reasons.add(c.index().name() + ": " + c.why());
      fits.stream().filter(f -> f != c).sorted(Comparator.comparing(f -> f.index().name()))
          .forEach(f -> reasons.add(f.index().name() + ": "
              + (f.serves() ? "also serves, but ranks lower (" + f.why() + ")" : "does not serve: " + f.why())));
      return new Resolution(query, c.index(), c.atMostOneRow(), c.orderSatisfied() || c.atMostOneRow(), reasons);
    }
    fits.stream().sorted(Comparator.comparing(f -> f.index().name()))
        .forEach(f -> reasons.add(f.index().name() + ": does not serve: " + f.why()));
    if (fits.isEmpty()) {
      reasons.add("table '" + table.name() + "' has no indexes");
    }
    return new Resolution(query, null, false, false, reasons);
  }

  private static Fit fit(QueryPattern query, Index index) {
    boolean partial = index.where() != null;
    if (partial) {
      Optional<List<IndexPredicate.Term>> terms = IndexPredicate.parse(index.where());
      if (terms.isEmpty()) {
        return miss(index, "its predicate '" + index.where()
            + "' is not a conjunction of 'column op literal' terms, so modelc cannot prove the query implies it");
      }
      Optional<IndexPredicate.Term> missing = IndexPredicate.firstUnimplied(terms.get(), query);
      if (missing.isPresent()) {
        IndexPredicate.Term t = missing.get();
        return miss(index, "it is partial (where " + index.where() + ") and the query does not imply '"
            + t.column() + " " + t.operator().symbol() + (t.literal() == null ? "" : " " + t.literal()) + "'");
      }
    }
    Set<String> equality = new HashSet<>();
    Set<String> fixed = new HashSet<>(); // = or is null: one value, so order over it is trivial
    Set<String> exact = new HashSet<>(); // = with a single value: what makes a unique lookup
    Set<String> range = new HashSet<>();
    for (Predicate p : query.where()) {
      switch (p.operator().shape()) {
        case EQUALITY -> {
          equality.add(p.column());
          if (p.operator() != Operator.IN) {
            fixed.add(p.column());
          }
          if (p.operator() == Operator.EQ) {
            exact.add(p.column());
          }
        }
        case RANGE -> range.add(p.column());
        case OTHER -> { }
      }
    }
    List<IndexColumn> columns = index.columns();
    int used = 0;
    while (used < columns.size() && equality.contains(columns.get(used).column())) {
      used++;
    }
    boolean rangeUsed = used < columns.size() && range.contains(columns.get(used).column());
    int prefix = used + (rangeUsed ? 1 : 0);
    boolean unique = index.unique() && used == columns.size()
        && columns.stream().allMatch(c -> exact.contains(c.column()));
    boolean reads = query.kind() == QueryKind.SELECT;
    boolean needsOrder = reads && !query.orderBy().isEmpty() && !unique;
    Optional<String> orderProblem = needsOrder ? orderProblem(query.orderBy(), columns, fixed) : Optional.empty();
    boolean orderSatisfied = orderProblem.isEmpty();
    StringBuilder why = new StringBuilder();
    if (used > 0) {
      why.append("equality on ").append(names(columns.subList(0, used)));
    }
    if (rangeUsed) {
      why.append(why.length() > 0 ? ", " : "").append("range on ").append(columns.get(used).column());
    }
    if (unique) {
      why.append(why.length() > 0 ? ", " : "").append("unique: at most one row");
    } else if (needsOrder && orderSatisfied) {
      why.append(why.length() > 0 ? ", " : "").append("rows come out in the order asked");
    }
    if (partial) {
      why.append(why.length() > 0 ? ", " : "").append("its predicate (").append(index.where()).append(") is implied");
    }
    if (prefix == 0) {
      boolean orderedLimitScan = needsOrder && orderSatisfied && query.limit() != null;
      if (!orderedLimitScan) {
        return miss(index, "its first column '" + columns.get(0).column()
            + "' is not compared with =, in or is null, nor with a range"
            + (query.where().isEmpty() && query.orderBy().isEmpty() ? " (the query has no conditions: a full scan)" : ""));
      }
      return new Fit(index, true, 0, false, true, false, partial,
          "an ordered scan that stops after " + query.limit() + " rows"
              + (partial ? "; its predicate (" + index.where() + ") is implied" : ""));
    }
    if (!orderSatisfied) {
      return miss(index, why + ", but " + orderProblem.get() + ", so every matching row would be sorted");
    }
    return new Fit(index, true, used, rangeUsed, orderSatisfied, unique, partial, why.toString());
  }

  /** Why the index cannot deliver {@code orderBy}, or empty when it can. */
  private static Optional<String> orderProblem(List<OrderTerm> orderBy, List<IndexColumn> columns, Set<String> fixed) {
    int j = 0;
    Boolean reversed = null;
    for (OrderTerm term : orderBy) {
      if (fixed.contains(term.column())) {
        continue; // one value: no order to keep
      }
      while (j < columns.size() && fixed.contains(columns.get(j).column())) {
        j++;
      }
      if (j >= columns.size() || !columns.get(j).column().equals(term.column())) {
        return Optional.of("'orderBy " + term + "' does not follow the index columns (" + names(columns) + ")");
      }
      boolean flipped = columns.get(j).descending() != term.descending();
      if (reversed != null && reversed != flipped) {
        return Optional.of("the orderBy directions match neither the index's nor its exact reverse");
      }
      reversed = flipped;
      j++;
    }
    return Optional.empty();
  }

  private static Fit miss(Index index, String why) {
    return new Fit(index, false, 0, false, false, false, index.where() != null, why);
  }

  private static String names(List<IndexColumn> columns) {
    return String.join(", ", columns.stream().map(IndexColumn::toString).toList());
  }
}
