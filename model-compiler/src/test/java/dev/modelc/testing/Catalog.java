package dev.modelc.testing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A text snapshot of a database's public schema (see {@link SchemaCatalog}: tables, columns with
 * types, nullability, defaults, identity and generation, constraints, indexes with definitions,
 * enum types, comments, sequences, extensions, views, triggers, functions), for comparing a
 * migrated database with one created from scratch. Column order is left out: a migration appends
 * columns where a fresh schema lists them in model order.
 */
public final class Catalog {
  private Catalog() {}

  public static String snapshot(Connection c) throws SQLException {
    return String.join("\n", SchemaCatalog.snapshot(c, "public")) + "\n";
  }
}
