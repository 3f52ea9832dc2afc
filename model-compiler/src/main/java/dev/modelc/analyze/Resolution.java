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
 *   <li>{@code orderSatisfied}: rows come out in the requested order without a sort: always
 *       true when the query asks for no order (or is no select) and whenever an index serves,
 *       since delivering the order is a condition of serving; false for an unserved select
 *       with {@code orderBy}.</li>
 *   <li>{@code reasons}: one line per candidate, {@code "name: ..."}: first the chosen index
 *       and how it matches, then the other serving indexes best first, then the others by name
 *       with why they do not serve. An unserved query may start with a line about the query
 *       itself (it reads the whole table, or needs no index).</li>
 *   <li>{@code alternatives}: the other serving indexes, best first (the runner-ups).</li>
 * </ul>
 */
public record Resolution(QueryPattern query, Index index, boolean atMostOneRow,
    boolean orderSatisfied, List<String> reasons, List<Index> alternatives) {

  public Resolution {
    Objects.requireNonNull(query, "query == null");
    reasons = List.copyOf(reasons);
    alternatives = List.copyOf(alternatives);
  }

  /** A resolution without runner-ups. */
  public Resolution(QueryPattern query, Index index, boolean atMostOneRow, boolean orderSatisfied,
      List<String> reasons) {
    this(query, index, atMostOneRow, orderSatisfied, reasons, List.of());
  }

  /**
   * True when an index serves the query, or the query needs none: an insert, an exists without
   * conditions, a select with a limit and neither conditions nor order.
   */
  public boolean served() {
    return index != null || QueryShape.needsNoIndex(query);
  }
}
