package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import java.util.ArrayList;
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
  private CoverageAnalysis() {}

  public static Coverage analyze(Model model) {
    Objects.requireNonNull(model, "model == null");
    Map<String, List<Index>> indexesByTable = new HashMap<>();
    List<Resolution> resolutions = new ArrayList<>(model.queries().size());
    for (QueryPattern query : model.queries()) {
      Optional<Table> table = model.table(query.table());
      if (table.isEmpty()) {
        continue; // an unknown table is the reference check's to report; nothing to resolve
      }
      List<Index> candidates = indexesByTable.computeIfAbsent(query.table(), k -> table.get().allIndexes());
      resolutions.add(QueryResolver.resolve(table.get(), query, candidates));
    }
    return new Coverage(resolutions);
  }
}
