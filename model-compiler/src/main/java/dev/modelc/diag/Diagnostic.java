package dev.modelc.diag;

import dev.modelc.model.SourceRef;
import java.util.Objects;

/**
 * One finding of the compiler: a value, never an exception. {@code message} says what is
 * wrong and what to do about it; {@code position} is where in the model it is.
 */
public record Diagnostic(String code, Severity severity, String message, SourceRef position) {
  public Diagnostic {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(severity, "severity == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(position, "position == null");
  }

  public static Diagnostic of(DiagnosticCode code, SourceRef position, String message) {
    return new Diagnostic(code.code(), code.defaultSeverity(), message, position);
  }

  public static Diagnostic of(DiagnosticCode code, Severity severity, SourceRef position,
      String message) {
    return new Diagnostic(code.code(), severity, message, position);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
