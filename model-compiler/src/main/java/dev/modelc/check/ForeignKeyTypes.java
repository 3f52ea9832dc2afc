package dev.modelc.check;

import dev.modelc.model.ColumnType;
import dev.modelc.model.TypeKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which column types a foreign key may pair, as PostgreSQL decides it: the key column must be
 * comparable with the referenced one through the referenced key's operator family, or convert
 * to its type implicitly. {@code ForeignKeyTypesTest} holds this table against a real
 * PostgreSQL for every pair of model types. Equal types are fine; other comparable pairs are a
 * warning (MC320) that says what the difference costs; the rest is an error (MC303).
 */
final class ForeignKeyTypes {
  private static final Set<TypeKind> INTEGERS = EnumSet.of(TypeKind.SMALLINT, TypeKind.INT, TypeKind.BIGINT);
  private static final Set<TypeKind> TEXTS = EnumSet.of(TypeKind.TEXT, TypeKind.VARCHAR, TypeKind.CHAR, TypeKind.CITEXT);
  private static final Set<TypeKind> DATES = EnumSet.of(TypeKind.DATE, TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ);

  private ForeignKeyTypes() {}

  /** Whether PostgreSQL accepts a key column of type {@code key} referencing a column of type {@code target}. */
  static boolean comparable(ColumnType key, ColumnType target) {
    if (key.array() || target.array()) {
      return key.array() && target.array() && key.kind() == target.kind() && key.kind() != TypeKind.ENUM;
    }
    TypeKind k = key.kind();
    return switch (target.kind()) {
      case SMALLINT, INT, BIGINT -> INTEGERS.contains(k);
      case NUMERIC -> INTEGERS.contains(k) || k == TypeKind.NUMERIC;
      case REAL, DOUBLE -> INTEGERS.contains(k) || k == TypeKind.NUMERIC || k == TypeKind.REAL || k == TypeKind.DOUBLE;
      case TEXT, VARCHAR -> TEXTS.contains(k);
      case CHAR -> TEXTS.contains(k) && k != TypeKind.CITEXT;
      case DATE, TIMESTAMP, TIMESTAMPTZ -> DATES.contains(k);
      case INTERVAL -> k == TypeKind.INTERVAL || k == TypeKind.TIME;
      case INET, CIDR -> k == TypeKind.INET || k == TypeKind.CIDR;
      case BIT, VARBIT -> k == TypeKind.BIT || k == TypeKind.VARBIT;
      default -> k == target.kind();
    };
  }

  /** Why two types differ in a foreign key, in words; empty when they are the same. */
  static Optional<String> difference(ColumnType key, ColumnType target) {
    if (key.sameBaseType(target)) {
      return Optional.empty();
    }
    TypeKind k = key.element().kind();
    TypeKind t = target.element().kind();
    if (k == t) {
      return Optional.of("the sizes differ, so values the target can hold may not fit the key column");
    }
    if (INTEGERS.contains(k) && INTEGERS.contains(t)) {
      return Optional.of(rank(k) < rank(t)
          ? "the key column is narrower and overflows once the referenced values outgrow it"
          : "the key column is wider than the values it can ever match");
    }
    if (TEXTS.contains(k) && TEXTS.contains(t)) {
      return Optional.of("every comparison converts between text types (char pads with spaces, citext ignores case)");
    }
    if (DATES.contains(k) && DATES.contains(t)) {
      return Optional.of("every comparison converts between dates and timestamps, through the session time zone"
          + " where timestamptz is involved");
    }
    return Optional.of("every comparison converts " + key.modelSpelling() + " to " + target.modelSpelling());
  }

  private static int rank(TypeKind integer) {
    return integer == TypeKind.SMALLINT ? 0 : integer == TypeKind.INT ? 1 : 2;
  }
}
