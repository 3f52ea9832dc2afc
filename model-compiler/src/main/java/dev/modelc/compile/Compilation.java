package dev.modelc.compile;

import dev.modelc.analyze.Coverage;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Model;
import dev.modelc.parse.SourceTexts;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Compiler}: the model when it could be read, its query coverage when it
 * also passed the checks, every diagnostic in a stable order, and the source texts for display.
 */
public record Compilation(Optional<Model> model, Optional<Coverage> coverage,
    List<Diagnostic> diagnostics, SourceTexts sources) {
  public Compilation {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
