package dev.modelc.diff;

import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Model;
import java.util.List;

/** The changes from one model version to the next, and the problems found comparing them. */
public record ChangeSet(Model from, Model to, List<Change> changes, List<Diagnostic> diagnostics) {
  public ChangeSet {
    changes = List.copyOf(changes);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
