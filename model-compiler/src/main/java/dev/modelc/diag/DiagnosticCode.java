package dev.modelc.diag;

/**
 * A stable diagnostic code with its metadata, kept in one place per rule family: each family is
 * an enum implementing this interface, whose constant names are the codes ({@code MC101});
 * {@link DiagnosticCodes} lists the families. Codes never change meaning once released;
 * docs/diagnostics.md documents each one.
 */
public interface DiagnosticCode {
  /** What a code says about itself. */
  record Meta(String summary, Severity severity) {
    public static Meta error(String summary) {
      return new Meta(summary, Severity.ERROR);
    }
  }

  /** The enum constant's name, which is the code. */
  String name();

  Meta meta();

  /** The stable identifier, e.g. {@code MC101}. */
  default String code() {
    return name();
  }

  /** The severity a diagnostic with this code has unless the rule says otherwise. */
  default Severity defaultSeverity() {
    return meta().severity();
  }

  /** One line saying what the rule checks. */
  default String summary() {
    return meta().summary();
  }
}
