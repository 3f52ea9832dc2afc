package dev.modelc.plan;

import dev.modelc.model.QueryPattern;

/**
 * How a query pattern fares across the change: which index serves it before and after
 * (null: none or the query does not exist on that side).
 */
public record QueryChange(String name, QueryPattern before, QueryPattern after, String indexBefore, String indexAfter) {
  public String status() {
    if (before == null) {
      return "added";
    }
    if (after == null) {
      return "removed";
    }
    return before.sameShape(after) ? (java.util.Objects.equals(indexBefore, indexAfter) ? "unchanged" : "reindexed") : "changed";
  }
}
