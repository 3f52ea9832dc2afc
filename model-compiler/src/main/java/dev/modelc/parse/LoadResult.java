package dev.modelc.parse;

import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Model;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ModelLoader} produced: the model (absent when any error was found), every
 * diagnostic of the phase, and the source texts. {@code partial} is the model as far as it could
 * be read, also when some of it had errors, and {@code broken} names the elements that had them:
 * the check stage runs on the rest, so one run reports every independent problem.
 */
public record LoadResult(Optional<Model> model, Optional<Model> partial, Broken broken, List<Diagnostic> diagnostics,
    SourceTexts sources) {
  public LoadResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
