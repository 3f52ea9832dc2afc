package dev.modelc.diag;

/** How bad a diagnostic is. Any {@link #ERROR} fails the run (exit code 1). */
public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
