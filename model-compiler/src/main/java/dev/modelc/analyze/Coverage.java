package dev.modelc.analyze;

import dev.modelc.model.QueryPattern;
import dev.modelc.model.Traffic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every query's resolution, and the reverse view: which queries each index serves. */
public final class Coverage {
  private final Map<String, Resolution> byQuery = new LinkedHashMap<>();
  private final Map<String, List<QueryPattern>> byIndex = new HashMap<>();

  Coverage(List<Resolution> resolutions) {
    for (Resolution r : resolutions) {
      byQuery.put(r.query().name(), r);
      if (r.index() != null) {
        byIndex.computeIfAbsent(r.index().name(), k -> new java.util.ArrayList<>()).add(r.query());
      }
    }
    byIndex.replaceAll((k, v) -> List.copyOf(v));
  }

  /** The resolution of a query of the model; null for an unknown query name. */
  public Resolution resolution(String queryName) {
    return byQuery.get(queryName);
  }

  /** All resolutions, in the model's query order. */
  public List<Resolution> resolutions() {
    return List.copyOf(byQuery.values());
  }

  /** The queries that {@code indexName} is the chosen index of, in model order. */
  public List<QueryPattern> queriesServedBy(String indexName) {
    return byIndex.getOrDefault(indexName, List.of());
  }

  /** The highest traffic tier among the queries an index serves; empty when it serves none. */
  public Optional<Traffic> criticalityOf(String indexName) {
    return queriesServedBy(indexName).stream().map(QueryPattern::traffic)
        .min(java.util.Comparator.naturalOrder());
  }
}
