package dev.modelc.live;

import java.util.Objects;

/**
 * A column: its type, nullability, default ({@code pg_get_expr} text, null for none), identity,
 * stored generation expression, collation when it differs from the type's (its name, and the
 * schema it lives in unless that is {@code pg_catalog}), and comment. {@code ownedSequence}
 * names the sequence owned by the column (serial or identity), if any.
 */
public record LiveColumn(
    String name,
    int position,
    LiveType type,
    boolean notNull,
    String defaultExpression,
    Identity identity,
    String generatedExpression,
    char generatedKind,
    String collation,
    String collationSchema,
    String comment,
    String ownedSequence) {

  /** {@code attidentity}. */
  public enum Identity { NONE, ALWAYS, BY_DEFAULT }

  public LiveColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(identity, "identity");
  }

  public boolean generated() {
    return generatedExpression != null;
  }
}
