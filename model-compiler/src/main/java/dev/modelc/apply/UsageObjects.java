package dev.modelc.apply;

import java.util.ArrayList;
import java.util.List;

/** The indexes and tables the plan's usage gates are about: what the deploy step records on every node. */
record UsageObjects(List<String> indexes, List<String> tables) {
  static UsageObjects of(ReviewedPlan plan) {
    List<String> indexes = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    for (PlanStep s : plan.steps()) {
      for (PlanStep.PlanGate g : s.gates()) {
        List<String> into = g.kind().equals("index-unused") ? indexes : g.kind().equals("table-unused") ? tables : null;
        if (into != null && !into.contains(g.object())) {
          into.add(g.object());
        }
      }
    }
    return new UsageObjects(List.copyOf(indexes), List.copyOf(tables));
  }

  String describe() {
    List<String> all = new ArrayList<>();
    indexes.forEach(i -> all.add("index " + i));
    tables.forEach(t -> all.add("table " + t));
    return all.isEmpty() ? "no objects (no usage gates)" : String.join(", ", all);
  }
}
