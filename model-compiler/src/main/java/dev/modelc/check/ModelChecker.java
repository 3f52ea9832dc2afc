package dev.modelc.check;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Model;
import java.util.List;

/** Runs every rule family of the check stage over a parsed model, in a fixed order. */
public final class ModelChecker {
  private ModelChecker() {}

  public static List<Diagnostic> check(Model model) {
    Diagnostics out = new Diagnostics();
    IdentifierCheck.check(model, out);
    ReferenceCheck.check(model, out);
    SqlCheck.check(model, out);
    LimitCheck.check(model, out);
    PlaceholderCheck.check(model, out);
    return out.sorted();
  }
}
