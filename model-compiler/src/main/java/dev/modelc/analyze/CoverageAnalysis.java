package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves every query of a model against its table's indexes, declared and implicit. Linear
 * in the size of the model: each table's index list is built once, however many queries read it.
 */
public final class CoverageAnalysis {
  /** Below this many queries a parallel stream costs more than it saves. */
  private static final int PARALLEL_FROM = 512;

  private CoverageAnalysis() {}

  public static Coverage analyze(Model model) {
    Objects.requireNonNull(model, "model == null");
    return analyze(model, model.queries().size() > PARALLEL_FROM);
  }

  /** As {@link #analyze(Model)}, resolving on every core or on this thread. */
  static Coverage analyze(Model model, boolean parallel) {
    Map<String, List<Index>> indexesByTable = new HashMap<>();
    for (Table t : model.tables()) {
      indexesByTable.putIfAbsent(t.name(), t.allIndexes());
    }
    // queries resolve independently: on large models on every core, in the model's order
    List<QueryPattern> queries = model.queries();
    List<Resolution> resolutions = (parallel ? queries.parallelStream() : queries.stream())
        .map(query -> {
          Optional<Table> table = model.table(query.table());
          // an unknown table is the reference check's to report; nothing to resolve
          return table.isEmpty() ? null : QueryResolver.resolve(table.get(), query, indexesByTable.get(query.table()));
        })
        .filter(Objects::nonNull)
        .toList();
    return new Coverage(resolutions);
  }
}
