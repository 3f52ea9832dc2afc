package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Traffic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every query's resolution, and the reverse views: which queries each index is chosen for,
 * and which it could serve. Built in one pass over the resolutions; lookups are constant time.
 */
public final class Coverage {
  private final List<Resolution> resolutions;
  private final Map<String, Resolution> byQuery = new HashMap<>();
  private final Map<String, List<QueryPattern>> servedBy = new HashMap<>();
  private final Map<String, List<QueryPattern>> servableBy = new HashMap<>();
  private final Map<String, Traffic> criticality = new HashMap<>();

  /** {@code resolutions} in the model's query order. */
  public Coverage(List<Resolution> resolutions) {
    Objects.requireNonNull(resolutions, "resolutions == null");
    this.resolutions = List.copyOf(resolutions);
    Map<String, List<QueryPattern>> served = new HashMap<>();
    Map<String, List<QueryPattern>> servable = new HashMap<>();
    for (Resolution r : this.resolutions) {
      QueryPattern q = r.query();
      byQuery.putIfAbsent(q.name(), r); // like Model.query: the first of a duplicated name
      if (r.index() == null) {
        continue;
      }
      String name = r.index().name();
      served.computeIfAbsent(name, k -> new ArrayList<>()).add(q);
      servable.computeIfAbsent(name, k -> new ArrayList<>()).add(q);
      criticality.merge(name, q.traffic(), (a, b) -> b.higherThan(a) ? b : a);
      for (Index alternative : r.alternatives()) {
        servable.computeIfAbsent(alternative.name(), k -> new ArrayList<>()).add(q);
      }
    }
    served.forEach((k, v) -> servedBy.put(k, List.copyOf(v)));
    servable.forEach((k, v) -> servableBy.put(k, List.copyOf(v)));
  }

  /** The resolution of a query; null for a name the analysis did not resolve. */
  public Resolution resolution(String queryName) {
    return byQuery.get(queryName);
  }

  /** All resolutions, in the model's query order. */
  public List<Resolution> resolutions() {
    return resolutions;
  }

  /** The queries {@code indexName} is the chosen index of, in model order. */
  public List<QueryPattern> queriesServedBy(String indexName) {
    return servedBy.getOrDefault(indexName, List.of());
  }

  /**
   * The queries {@code indexName} could serve, chosen or runner-up, in model order: what would
   * lose an index (or fall back to another) if it were dropped.
   */
  public List<QueryPattern> queriesServableBy(String indexName) {
    return servableBy.getOrDefault(indexName, List.of());
  }

  /** The highest traffic tier among the queries an index is chosen for; empty when none. */
  public Optional<Traffic> criticalityOf(String indexName) {
    return Optional.ofNullable(criticality.get(indexName));
  }
}
