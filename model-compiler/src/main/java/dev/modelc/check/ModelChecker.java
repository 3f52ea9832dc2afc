package dev.modelc.check;

import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Futures;
import dev.modelc.model.Model;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Runs every rule family of the check stage over a parsed model, in a fixed order. */
public final class ModelChecker {
  /** Below this many tables the checks take milliseconds: no second thread. */
  private static final int PARALLEL_FROM_TABLES = 256;

  private ModelChecker() {}

  public static List<Diagnostic> check(Model model) {
    return check(model, new Broken());
  }

  /**
   * Checks {@code model}, of which the elements {@code broken} names had errors when read:
   * references to elements that could not be read are skipped and counted, and every element
   * found broken here is added, so that the analysis skips only what depends on them.
   */
  public static List<Diagnostic> check(Model model, Broken broken) {
    return check(model, broken, model.tables().size() > PARALLEL_FROM_TABLES);
  }

  /** As {@link #check(Model, Broken)}, with the independent families on a second core or on this thread. */
  static List<Diagnostic> check(Model model, Broken broken, boolean parallel) {
    // the families that neither read nor mark broken elements run beside the ones that do, on
    // large models; the diagnostics are sorted, so the result does not depend on which ends first
    Supplier<Diagnostics> independent = () -> {
      Diagnostics d = new Diagnostics();
      IdentifierCheck.check(model, d);
      LimitCheck.check(model, d);
      PlaceholderCheck.check(model, d);
      return d;
    };
    CompletableFuture<Diagnostics> aside = parallel
        ? CompletableFuture.supplyAsync(independent) : CompletableFuture.completedFuture(independent.get());
    Diagnostics out = new Diagnostics();
    ReferenceCheck.check(model, out, broken);
    SqlCheck.check(model, out, broken);
    out.addAll(Futures.join(aside).sorted());
    return out.sorted();
  }
}
