package dev.modelc.model;

import java.util.List;
import java.util.Objects;

/**
 * A column's type. {@code length} is set for varchar(n)/char(n); {@code precision} and
 * {@code scale} for numeric(p,s) (both optional); {@code enumValues} for enum, in order.
 */
public record ColumnType(TypeKind kind, Integer length, Integer precision, Integer scale,
    List<String> enumValues) {

  public ColumnType {
    Objects.requireNonNull(kind, "kind == null");
    enumValues = List.copyOf(enumValues);
  }

  public static ColumnType of(TypeKind kind) {
    return new ColumnType(kind, null, null, null, List.of());
  }

  public static ColumnType enumOf(List<String> values) {
    return new ColumnType(TypeKind.ENUM, null, null, null, values);
  }

  /** The type as the model spells it: {@code varchar(64)}, {@code numeric(12,2)}, {@code enum}. */
  public String modelSpelling() {
    String base = kind.modelName();
    if (length != null) {
      return base + "(" + length + ")";
    }
    if (precision != null) {
      return base + "(" + precision + (scale != null ? "," + scale : "") + ")";
    }
    return base;
  }

  /** Same type for comparisons that ignore enum values (used for foreign-key checks). */
  public boolean sameBaseType(ColumnType other) {
    return kind == other.kind && Objects.equals(length, other.length)
        && Objects.equals(precision, other.precision) && Objects.equals(scale, other.scale);
  }
}
