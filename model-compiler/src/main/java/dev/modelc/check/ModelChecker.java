package dev.modelc.check;

import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Model;
import java.util.List;

/** Runs every rule family of the check stage over a parsed model, in a fixed order. */
public final class ModelChecker {
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
    Diagnostics out = new Diagnostics();
    IdentifierCheck.check(model, out);
    ReferenceCheck.check(model, out, broken);
    SqlCheck.check(model, out, broken);
    LimitCheck.check(model, out);
    PlaceholderCheck.check(model, out);
    return out.sorted();
  }
}
