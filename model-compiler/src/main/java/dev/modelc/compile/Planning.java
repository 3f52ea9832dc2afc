package dev.modelc.compile;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diff.ChangeSet;
import dev.modelc.diff.ModelDiff;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the migration between two compiled models: diff, then plan. Nothing is planned when
 * either model or the diff has errors; the diagnostics then say why.
 */
public final class Planning {
  /** The plan (absent when errors stopped planning) and every diagnostic of both models and the diff. */
  public record Result(Optional<Plan> plan, List<Diagnostic> diagnostics) {
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError)
          || plan.map(Plan::hasErrors).orElse(false);
    }
  }

  private Planning() {}

  public static Result plan(Compilation from, Compilation to) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    diagnostics.addAll(from.diagnostics().stream().filter(Diagnostic::isError).toList());
    diagnostics.addAll(to.diagnostics());
    if (from.coverage().isEmpty() || to.coverage().isEmpty() || diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return new Result(Optional.empty(), diagnostics);
    }
    // the baseline's catalog does not depend on the diff: it is built while the models are compared
    Planner.Baseline baseline = Planner.baseline(from.model().orElseThrow());
    ChangeSet changes = ModelDiff.diff(from.model().orElseThrow(), to.model().orElseThrow());
    if (changes.hasErrors()) {
      diagnostics.addAll(changes.diagnostics());
      return new Result(Optional.empty(), diagnostics);
    }
    Plan plan = Planner.plan(changes, from.coverage().get(), to.coverage().get(), baseline);
    diagnostics.addAll(plan.diagnostics());
    return new Result(Optional.of(plan), diagnostics);
  }
}
