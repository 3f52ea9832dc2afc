package dev.modelc.parse;

import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Model;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ModelLoader} produced: the model (absent when any error was found, so later
 * stages never see a half-read model), every diagnostic of the phase, and the source texts.
 */
public record LoadResult(Optional<Model> model, List<Diagnostic> diagnostics, SourceTexts sources) {
  public LoadResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
