package dev.modelc.dialect;

import dev.modelc.model.Table;

/**
 * PostgreSQL names of the objects modelc creates, following PostgreSQL's own defaults
 * ({@code orders_pkey}, {@code orders_email_key}, {@code orders_customer_id_fkey}) so that a
 * schema created by hand and one created by modelc compare equal.
 */
public final class PostgresNames {

  private PostgresNames() {}

  /** An identifier as SQL text: plain when safe, otherwise double-quoted with quotes doubled. */
  public static String quote(String identifier) {
    if (isPlain(identifier) && !PostgresReserved.isReserved(identifier)) {
      return identifier;
    }
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Whether {@code identifier} matches {@code [a-z_][a-z0-9_]*}: checked by hand, as every name of every statement passes here. */
  private static boolean isPlain(String identifier) {
    if (identifier.isEmpty()) {
      return false;
    }
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A string literal: single quotes doubled. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  public static String primaryKey(Table table) {
    return table.primaryKeyConstraint();
  }

  public static String unique(String table, dev.modelc.model.UniqueConstraint unique) {
    return dev.modelc.model.ConstraintNames.unique(table, unique);
  }

  public static String foreignKey(String table, dev.modelc.model.ForeignKey key) {
    return dev.modelc.model.ConstraintNames.foreignKey(table, key);
  }

  /** The enum type of an enum column. */
  public static String enumType(String table, String column) {
    return fit(table + "_" + column);
  }

  /** The not-null check used on the way to {@code SET NOT NULL}. */
  public static String notNullCheck(String table, String column) {
    return fit(table + "_" + column + "_not_null");
  }

  /** A temporary companion name ({@code charges_x__new}) that stays within 63 bytes. */
  public static String companion(String name, String suffix) {
    return fit(name + "__" + suffix);
  }

  /**
   * Names over 63 bytes are shortened the way that keeps them unique and recognisable: a
   * prefix and a short hash of the full name (PostgreSQL would silently truncate instead).
   */
  public static String fit(String name) {
    return dev.modelc.model.ConstraintNames.fit(name);
  }
}
