package dev.modelc.diag;

/**
 * A stable diagnostic code with its metadata, kept in one place per rule family (each family
 * is an enum implementing this interface; {@link DiagnosticCodes} lists the families).
 * Codes never change meaning once released; docs/diagnostics.md documents each one.
 */
public interface DiagnosticCode {
  /** The stable identifier, e.g. {@code MC101}. */
  String code();

  /** The severity a diagnostic with this code has unless the rule says otherwise. */
  Severity defaultSeverity();

  /** One line saying what the rule checks. */
  String summary();
}
