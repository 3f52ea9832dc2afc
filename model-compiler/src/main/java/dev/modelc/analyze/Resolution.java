package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.QueryPattern;
import java.util.List;
import java.util.Objects;

/**
 * Which index serves a query, and why.
 *
 * <ul>
 *   <li>{@code index}: the chosen index; null when none serves (or none is needed).</li>
 *   <li>{@code atMostOneRow}: the chosen index is unique and every column is compared with
 *       {@code =}.</li>
 *   <li>{@code sort}: what PostgreSQL does to return the rows in {@code orderBy} order:
 *       {@link OrderSort#NONE} when the query asks for no order (or is no select) or the chosen
 *       index delivers it; {@link OrderSort#INCREMENTAL} or {@link OrderSort#FULL} when the
 *       chosen index delivers part of it (docs/coverage.md, rule 3); {@link OrderSort#FULL} for an
 *       unserved select with {@code orderBy}.</li>
 *   <li>{@code conditionColumns}: the chosen index's columns that narrow the scan, its
 *       equality prefix and range column, in index order: what PostgreSQL's index condition
 *       must cover (empty without an index, and for a partial or ordered scan).</li>
 *   <li>{@code reasons}: one line per candidate, {@code "name: ..."}: first the chosen index
 *       and how it matches, then the other serving indexes best first, then the others by name
 *       with why they do not serve. An unserved query may start with a line about the query
 *       itself (it reads the whole table, or needs no index).</li>
 *   <li>{@code alternatives}: the other serving indexes, best first (the runner-ups).</li>
 * </ul>
 */
public record Resolution(QueryPattern query, Index index, boolean atMostOneRow,
    OrderSort sort, List<String> conditionColumns, List<String> reasons, List<Index> alternatives) {

  public Resolution {
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(sort, "sort == null");
    conditionColumns = List.copyOf(conditionColumns);
    reasons = List.copyOf(reasons);
    alternatives = List.copyOf(alternatives);
  }

  /** Rows come out in the requested order with no sort at all. */
  public boolean orderSatisfied() {
    return sort == OrderSort.NONE;
  }

  /**
   * True when an index serves the query, or the query needs none: an insert, an exists without
   * conditions, a select with a limit and neither conditions nor order.
   */
  public boolean served() {
    return index != null || QueryShape.needsNoIndex(query);
  }
}
