package dev.modelc.analyze;

import dev.modelc.model.Model;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import java.util.stream.Collectors;

/** The text of {@code modelc explain QUERY}: the query's shape, the serving index, and why. */
public final class Explainer {
  private Explainer() {}

  /** Deterministic text; null when the model has no such query. */
  public static String explain(Model model, Coverage coverage, String queryName) {
    Resolution r = coverage.resolution(queryName);
    if (r == null) {
      return null;
    }
    QueryPattern q = r.query();
    StringBuilder out = new StringBuilder();
    out.append("query ").append(q.name()).append(" (").append(q.source()).append(")\n");
    out.append("  ").append(q.kind().modelName()).append(" on ").append(q.table());
    if (!q.where().isEmpty()) {
      out.append(" where ").append(q.where().stream().map(Explainer::condition).collect(Collectors.joining(" and ")));
    }
    if (!q.orderBy().isEmpty()) {
      out.append(" order by ").append(q.orderBy().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
    if (q.limit() != null) {
      out.append(" limit ").append(q.limit());
    }
    out.append('\n');
    out.append("  traffic: ").append(q.traffic().modelName());
    if (q.rate() != null) {
      out.append(", rate ").append(q.rate());
    }
    if (q.owner() != null) {
      out.append(", owner ").append(q.owner());
    }
    out.append('\n');
    if (!q.endpoints().isEmpty()) {
      out.append("  endpoints: ").append(String.join(", ", q.endpoints())).append('\n');
    }
    if (q.index() != null) {
      out.append("  pinned index: ").append(q.index()).append('\n');
    }
    if (r.index() != null) {
      out.append("served by ").append(r.index().name()).append(r.atMostOneRow() ? " (at most one row)" : "").append('\n');
    } else if (r.served()) {
      out.append("needs no index\n");
    } else {
      out.append("NOT SERVED by any index");
      String suggestion = CoverageCheck.suggestedColumns(q);
      out.append(suggestion.isEmpty() ? "\n" : "; an index on (" + suggestion + ") would serve it\n");
    }
    for (String reason : r.reasons()) {
      out.append("  - ").append(reason).append('\n');
    }
    return out.toString();
  }

  private static String condition(Predicate p) {
    String value = p.operator().isUnary() ? "" : " " + (p.literal() != null ? p.literal() : "?");
    return p.column() + " " + p.operator().symbol() + value;
  }
}
