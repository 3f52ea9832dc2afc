package dev.modelc.analyze;

import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves every query of a model against its table's indexes (declared and implicit). */
public final class CoverageAnalysis {
  private CoverageAnalysis() {}

  public static Coverage analyze(Model model) {
    Map<String, List<dev.modelc.model.Index>> indexes = new HashMap<>();
    List<Resolution> resolutions = new ArrayList<>(model.queries().size());
    for (QueryPattern q : model.queries()) {
      Optional<Table> table = model.table(q.table());
      if (table.isEmpty()) {
        continue; // reported by the reference check; nothing to resolve against
      }
      List<dev.modelc.model.Index> candidates =
          indexes.computeIfAbsent(q.table(), k -> table.get().allIndexes());
      resolutions.add(QueryResolver.resolve(table.get(), q, candidates));
    }
    return new Coverage(resolutions);
  }
}
