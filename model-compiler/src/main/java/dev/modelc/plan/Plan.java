package dev.modelc.plan;

import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Policy;
import dev.modelc.model.Traffic;
import java.util.List;

/**
 * An ordered, dependency-aware migration plan from one model version to the next. Steps are
 * in a valid execution order (every step after the steps it depends on).
 */
public record Plan(String model, Policy policy, List<Step> steps, List<QueryChange> queries, List<Diagnostic> diagnostics) {
  public Plan {
    java.util.Objects.requireNonNull(policy, "policy == null");
    steps = List.copyOf(steps);
    queries = List.copyOf(queries);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** True when there is nothing to do (no steps other than the deploy marker). */
  public boolean isEmpty() {
    return steps.stream().allMatch(s -> s.kind() == StepKind.DEPLOY);
  }

  public long approvalsRequired() {
    return steps.stream().filter(s -> s.approval().required()).count();
  }

  /** The highest criticality any step touches; null when no step touches served objects. */
  public Traffic highestCriticality() {
    Traffic best = null;
    for (Step s : steps) {
      Traffic t = s.criticality();
      if (t != null && (best == null || t.higherThan(best))) {
        best = t;
      }
    }
    return best;
  }
}
