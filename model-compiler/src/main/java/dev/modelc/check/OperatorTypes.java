package dev.modelc.check;

import dev.modelc.model.ColumnType;
import dev.modelc.model.Operator;
import dev.modelc.model.TypeKind;
import java.util.Optional;

/** Which query operators a column type has in PostgreSQL (a misfit is MC316). */
final class OperatorTypes {
  private OperatorTypes() {}

  /** Why {@code type} has no {@code operator}, or empty when it has. */
  static Optional<String> misfit(Operator operator, ColumnType type) {
    TypeKind k = type.kind();
    boolean array = type.array();
    String spelled = type.modelSpelling();
    return switch (operator) {
      case LIKE, ILIKE -> !array && k.textLike() ? Optional.empty()
          : Optional.of("pattern matching applies to text columns, not " + spelled);
      case CONTAINS, CONTAINED_BY -> array || k == TypeKind.JSONB ? Optional.empty()
          : Optional.of("containment applies to arrays and jsonb, not " + spelled);
      case OVERLAPS -> array ? Optional.empty() : Optional.of("overlap applies to arrays, not " + spelled);
      case MATCHES -> !array && k == TypeKind.TSVECTOR ? Optional.empty()
          : Optional.of("text search matches a tsvector column, not " + spelled);
      case IS_NULL, IS_NOT_NULL -> Optional.empty();
      case IN -> array ? Optional.of("'in' compares single values; compare an array with =, @>, <@ or &&")
          : k == TypeKind.XML ? Optional.of("xml has no comparison operators") : Optional.empty();
      default -> !array && k == TypeKind.XML ? Optional.of("xml has no comparison operators; compare an expression such as"
          + " (xpath(...))") : Optional.empty();
    };
  }
}
