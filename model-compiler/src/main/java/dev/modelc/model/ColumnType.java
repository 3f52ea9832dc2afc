package dev.modelc.model;

import java.util.List;
import java.util.Objects;

/**
 * A column's type. {@code length} is set for varchar(n), char(n), bit(n) and varbit(n);
 * {@code precision} and {@code scale} for numeric(p,s) (both optional), {@code precision} alone
 * for the fractional seconds of time(p), timestamp(p) and timestamptz(p); {@code enumValues} for
 * enum, in order. {@code array} makes it an array of that type ({@code text[]}).
 */
public record ColumnType(TypeKind kind, Integer length, Integer precision, Integer scale,
    List<String> enumValues, boolean array) {

  public ColumnType {
    Objects.requireNonNull(kind, "kind == null");
    enumValues = List.copyOf(enumValues);
  }

  public ColumnType(TypeKind kind, Integer length, Integer precision, Integer scale, List<String> enumValues) {
    this(kind, length, precision, scale, enumValues, false);
  }

  public static ColumnType of(TypeKind kind) {
    return new ColumnType(kind, null, null, null, List.of());
  }

  /** The array of this type. */
  public ColumnType arrayOf() {
    return new ColumnType(kind, length, precision, scale, enumValues, true);
  }

  /** The element type of an array type (the type itself otherwise). */
  public ColumnType element() {
    return new ColumnType(kind, length, precision, scale, enumValues, false);
  }

  public static ColumnType enumOf(List<String> values) {
    return new ColumnType(TypeKind.ENUM, null, null, null, values);
  }

  /** The type as the model spells it: {@code varchar(64)}, {@code numeric(12,2)}, {@code enum}. */
  public String modelSpelling() {
    String base = kind.modelName();
    if (length != null) {
      base = base + "(" + length + ")";
    } else if (precision != null) {
      base = base + "(" + precision + (scale != null ? "," + scale : "") + ")";
    }
    return array ? base + "[]" : base;
  }

  /** Same type for comparisons that ignore enum values (used for foreign-key checks). */
  public boolean sameBaseType(ColumnType other) {
    return kind == other.kind && Objects.equals(length, other.length)
        && Objects.equals(precision, other.precision) && Objects.equals(scale, other.scale) && array == other.array;
  }
}
