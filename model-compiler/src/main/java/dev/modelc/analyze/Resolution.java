package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import java.util.List;
import java.util.Objects;

/**
 * Which index serves a query, and why. {@code index} is null when none does. {@code reasons}
 * explains the choice: for a served query, how the index matches (equality, range, order) and
 * why other candidates lost; otherwise one line per candidate saying why it does not serve.
 */
public record Resolution(QueryPattern query, Index index, boolean atMostOneRow,
    boolean orderSatisfied, List<String> reasons) {

  public Resolution {
    Objects.requireNonNull(query, "query == null");
    reasons = List.copyOf(reasons);
  }

  /** True when the query has a serving index, or needs none (an insert). */
  public boolean served() {
    return index != null || query.kind() == QueryKind.INSERT;
  }
}
