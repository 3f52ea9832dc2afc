package dev.modelc.dialect;

import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.TypeKind;

/** Column types as PostgreSQL spells them, and which type changes need no table rewrite. */
public final class PostgresTypes {
  private PostgresTypes() {}

  public static String sql(String table, Column column) {
    return sql(table, column.name(), column.type());
  }

  public static String sql(String table, String column, ColumnType type) {
    TypeKind k = type.kind();
    String base = switch (k) {
      case ENUM -> PostgresNames.quote(PostgresNames.enumType(table, column));
      case VARCHAR, CHAR, BIT -> k.postgresName() + (type.length() != null ? "(" + type.length() + ")"
          : k == TypeKind.VARCHAR ? "" : "(1)");
      case VARBIT -> k.postgresName() + (type.length() != null ? "(" + type.length() + ")" : "");
      case NUMERIC -> k.postgresName() + (type.precision() != null
          ? "(" + type.precision() + (type.scale() != null ? "," + type.scale() : "") + ")" : "");
      case TIME, TIMESTAMP, TIMESTAMPTZ -> k.postgresName() + (type.precision() != null ? "(" + type.precision() + ")" : "");
      default -> k.postgresName();
    };
    return type.array() ? base + "[]" : base;
  }

  /** The type of a serial column's sequence and its {@code serial} spelling: {@code bigint} / {@code bigserial}. */
  public static String serialType(ColumnType type) {
    return switch (type.kind()) {
      case SMALLINT -> "smallserial";
      case INT -> "serial";
      default -> "bigserial";
    };
  }

  /**
   * The type as PostgreSQL's {@code format_type} prints it ({@code character varying(64)},
   * {@code timestamp with time zone}, {@code numeric(12,2)}), to compare with a live catalog.
   */
  public static String formatted(String table, String column, ColumnType type) {
    return baseFormatted(table, column, type) + (type.array() ? "[]" : "");
  }

  private static String baseFormatted(String table, String column, ColumnType type) {
    return switch (type.kind()) {
      case BOOL -> "boolean";
      case INT -> "integer";
      case VARCHAR -> "character varying" + (type.length() != null ? "(" + type.length() + ")" : "");
      case CHAR -> "character(" + (type.length() != null ? type.length() : 1) + ")";
      case NUMERIC -> "numeric" + (type.precision() != null
          ? "(" + type.precision() + "," + (type.scale() != null ? type.scale() : 0) + ")" : "");
      case TIME -> "time without time zone";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMPTZ -> "timestamp with time zone";
      case ENUM -> PostgresNames.quote(PostgresNames.enumType(table, column));
      default -> type.kind().postgresName();
    };
  }

  /**
   * True when PostgreSQL changes the type in the catalog only, without rewriting or scanning
   * the table: widening a varchar, varchar to text, raising numeric precision at the same scale.
   */
  public static boolean changesWithoutRewrite(ColumnType from, ColumnType to) {
    if (from.array() || to.array()) {
      return false;
    }
    if (from.kind() == TypeKind.VARCHAR && to.kind() == TypeKind.TEXT) {
      return true;
    }
    if (from.kind() == TypeKind.VARCHAR && to.kind() == TypeKind.VARCHAR) {
      return to.length() == null || (from.length() != null && to.length() >= from.length());
    }
    if (from.kind() == TypeKind.NUMERIC && to.kind() == TypeKind.NUMERIC) {
      if (to.precision() == null) {
        return true;
      }
      return from.precision() != null && to.precision() >= from.precision()
          && java.util.Objects.equals(from.scale(), to.scale());
    }
    return false;
  }

  /** The same for whole columns: a change of collation is never catalog-only (indexes on the column are rebuilt). */
  public static boolean changesWithoutRewrite(dev.modelc.model.Column from, dev.modelc.model.Column to) {
    return java.util.Objects.equals(from.collation(), to.collation()) && changesWithoutRewrite(from.type(), to.type());
  }

  /**
   * True when a default is evaluated once for {@code ADD COLUMN}: PostgreSQL 11+ then stores it
   * in the catalog instead of rewriting the table. Constants and stable functions qualify;
   * volatile ones ({@code gen_random_uuid()}, {@code random()}, {@code clock_timestamp()}) do not.
   */
  public static boolean isFastDefault(String defaultSql) {
    String d = defaultSql.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    if (!d.contains("(")) {
      return true;
    }
    return d.equals("now()") || d.equals("current_timestamp") || d.equals("current_date")
        || d.startsWith("'") || d.matches("-?[0-9.]+");
  }
}
