package dev.modelc.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The names of constraints and objects the model does not name itself, following PostgreSQL's
 * own defaults ({@code orders_pkey}, {@code orders_email_key}, {@code orders_customer_id_fkey},
 * {@code orders_id_seq}) so that a schema created by hand and one created by modelc compare
 * equal. A name over 63 bytes keeps a prefix and a hash of the full name (PostgreSQL would cut
 * it silently, and two cut names can collide).
 */
public final class ConstraintNames {
  /** PostgreSQL's limit on identifiers, in bytes. */
  public static final int MAX_BYTES = 63;

  private ConstraintNames() {}

  public static String primaryKey(Table table) {
    return table.primaryKeyName() != null ? table.primaryKeyName() : defaultPrimaryKey(table.name());
  }

  /** The name PostgreSQL gives the primary key of {@code table} when the model does not name it. */
  public static String defaultPrimaryKey(String table) {
    return fit(table + "_pkey");
  }

  public static String unique(String table, UniqueConstraint unique) {
    return unique.name() != null ? unique.name() : fit(table + "_" + String.join("_", unique.columns()) + "_key");
  }

  public static String foreignKey(String table, ForeignKey key) {
    return key.name() != null ? key.name() : fit(table + "_" + String.join("_", key.columns()) + "_fkey");
  }

  /** The default name of the one-column unique constraint of {@code column}. */
  public static String uniqueColumn(String table, String column) {
    return fit(table + "_" + column + "_key");
  }

  /** The default name of the one-column foreign key of {@code column}. */
  public static String foreignKeyColumn(String table, String column) {
    return fit(table + "_" + column + "_fkey");
  }

  /** The sequence an identity or serial column owns. */
  public static String sequence(String table, Column column) {
    return column.generation() != null && column.generation().sequence() != null ? column.generation().sequence()
        : fit(table + "_" + column.name() + "_seq");
  }

  /** A default name for {@code columns} with a suffix, as PostgreSQL forms it. */
  public static String of(String table, List<String> columns, String suffix) {
    return fit(table + "_" + String.join("_", columns) + "_" + suffix);
  }

  /** {@code name} if it fits 63 bytes, else a prefix and a short hash of it. */
  public static String fit(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return name;
    }
    String hash = Integer.toHexString(name.hashCode() & 0x7fffffff);
    StringBuilder prefix = new StringBuilder();
    int budget = MAX_BYTES - hash.length() - 1;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      String ch = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
      if (prefix.toString().getBytes(StandardCharsets.UTF_8).length + ch.getBytes(StandardCharsets.UTF_8).length > budget) {
        break;
      }
      prefix.append(ch);
      i += Character.charCount(cp);
    }
    return prefix + "_" + hash;
  }
}
