package dev.modelc.model;

import java.util.Objects;

/**
 * How PostgreSQL fills a column by itself: an identity ({@code identity: always | byDefault}), a
 * serial type (an owned sequence and a {@code nextval} default) or a stored generated column
 * ({@code generated: expression}). {@code sequence} names the owned sequence of an identity or
 * serial column when it is not the default {@code <table>_<column>_seq}; {@code expression} is
 * the SQL of a generated column.
 */
public record Generation(Kind kind, String sequence, String expression) {
  public enum Kind {
    IDENTITY_ALWAYS,
    IDENTITY_BY_DEFAULT,
    SERIAL,
    STORED
  }

  public Generation {
    Objects.requireNonNull(kind, "kind == null");
  }

  public boolean isIdentity() {
    return kind == Kind.IDENTITY_ALWAYS || kind == Kind.IDENTITY_BY_DEFAULT;
  }

  /** Whether the column has a sequence of its own (identity and serial columns). */
  public boolean hasSequence() {
    return kind != Kind.STORED;
  }

  /** Whether an application may write the column: not a generated column nor an {@code always} identity. */
  public boolean writable() {
    return kind == Kind.IDENTITY_BY_DEFAULT || kind == Kind.SERIAL;
  }
}
