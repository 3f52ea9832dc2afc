package dev.modelc.diag;

import dev.modelc.model.SourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of a phase, like javac: report everything, then stop. */
public final class Diagnostics {
  private static final Comparator<Diagnostic> ORDER = Comparator
      .comparing((Diagnostic d) -> d.position().file())
      .thenComparingInt(d -> d.position().line())
      .thenComparingInt(d -> d.position().column())
      .thenComparing(Diagnostic::code)
      .thenComparing(Diagnostic::message);

  private final List<Diagnostic> items = new ArrayList<>();
  /** Kept as items arrive: readers ask for it around every element they read. */
  private int errors;

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
    if (diagnostic.isError()) {
      errors++;
    }
  }

  public void addAll(List<Diagnostic> diagnostics) {
    diagnostics.forEach(this::add);
  }

  public void report(DiagnosticCode code, SourceRef position, String message) {
    add(Diagnostic.of(code, position, message));
  }

  public void report(DiagnosticCode code, Severity severity, SourceRef position, String message) {
    add(Diagnostic.of(code, severity, position, message));
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  /** How many errors were reported so far: a reader compares counts to tell whether an element was read cleanly. */
  public int errorCount() {
    return errors;
  }

  public int size() {
    return items.size();
  }

  /** All diagnostics in a stable order: file, line, column, code, message. */
  public List<Diagnostic> sorted() {
    return items.stream().sorted(ORDER).distinct().toList();
  }
}
