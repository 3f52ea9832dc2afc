package dev.modelc.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Model;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Scenarios;
import dev.modelc.render.PlanJsonRenderer;
import dev.modelc.testing.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database and plan of the apply game days: the {@code game-day} scenario (18 steps: the
 * incident's index replacement, a column rename with backfill, a type change, a new foreign key
 * validated) or the {@code index-replacement-under-load} scenario, v1's schema with rows whose
 * values follow from their ids, and the checks that a migrated database is v2's schema with every
 * row and value kept.
 */
final class GameDay {
  static final String SCENARIO = "game-day";
  /** The incident's index replacement on a table with the queries of a live application. */
  static final String INCIDENT = "index-replacement-under-load";
  static final int MERCHANTS = 100;

  private GameDay() {}

  /** Writes the scenario's plan.json into {@code dir} (as {@code modelc plan --out} would) and returns the folder. */
  static Path writePlan(String scenario, Path dir) {
    Plan plan = Scenarios.plan(Scenarios.ROOT.resolve(scenario)).plan().orElseThrow();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("plan.json"), PlanJsonRenderer.render(plan, "v1", "v2"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  static Model model(String scenario, String version) {
    return Scenarios.compile(Scenarios.ROOT.resolve(scenario), version).model().orElseThrow();
  }

  /** v1's schema and {@code charges} rows (plus the merchants they belong to), values derived from each id. */
  static void seed(String url, String scenario, int charges) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute(PostgresDdl.createSchema(model(scenario, "v1")));
      // the rows are made to fit their keys: loading skips the per-row foreign-key triggers (a superuser setting, for loading only)
      s.execute("SET session_replication_role = replica");
      s.execute("INSERT INTO merchants (id, name) SELECT ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'merchant ' || g "
          + "FROM generate_series(1, " + MERCHANTS + ") g");
      s.execute("INSERT INTO charges (id, merchant_id, amount, currency, " + (scenario.equals(SCENARIO) ? "memo, " : "") + "status, created_at) "
          + "SELECT ('00000000-0000-0000-0001-' || lpad(g::text, 12, '0'))::uuid, "
          + "('00000000-0000-0000-0000-' || lpad((1 + g % " + MERCHANTS + ")::text, 12, '0'))::uuid, (g::bigint * 7919) % 1000000, 'EUR', "
          + (scenario.equals(SCENARIO) ? "CASE WHEN g % 7 = 0 THEN NULL ELSE 'memo ' || g END, " : "")
          + "'pending', timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, " + charges + ") g");
      s.execute("RESET session_replication_role");
      s.execute("ANALYZE merchants; ANALYZE charges");
    }
  }

  /**
   * The migrated database holds v2's schema exactly (compared with v2 created from scratch in
   * {@code freshUrl}), all {@code charges} rows, and every value: the renamed column has the old
   * column's values, the retyped column its values in the new type.
   */
  static void assertMigrated(String url, String freshUrl, String scenario, int charges) throws SQLException {
    assertMigratedTo(url, target(freshUrl, scenario), scenario, charges);
  }

  /** The catalog of v2 created from scratch in the empty database {@code freshUrl}. */
  static String target(String freshUrl, String scenario) throws SQLException {
    try (Connection fresh = connect(freshUrl); Statement s = fresh.createStatement()) {
      s.execute(PostgresDdl.createSchema(model(scenario, "v2")));
      return Catalog.snapshot(fresh);
    }
  }

  /** As {@link #assertMigrated}, against a {@link #target} catalog taken once. */
  static void assertMigratedTo(String url, String targetCatalog, String scenario, int charges) throws SQLException {
    try (Connection migrated = connect(url)) {
      assertEquals(targetCatalog, Catalog.snapshot(migrated), "the migrated schema is v2's");
      assertEquals(charges, count(migrated, "SELECT count(*) FROM charges WHERE right(id::text, 12)::bigint BETWEEN 1 AND " + charges),
          "no charge is lost");
      assertEquals(MERCHANTS, count(migrated, "SELECT count(*) FROM merchants"), "no merchant is lost");
      String memo = scenario.equals(SCENARIO) ? " OR description IS DISTINCT FROM CASE WHEN g % 7 = 0 THEN NULL ELSE 'memo ' || g END" : "";
      assertEquals(0, count(migrated, "SELECT count(*) FROM (SELECT c.*, right(id::text, 12)::bigint AS g FROM charges c) x "
          + "WHERE g <= " + charges + " AND (amount IS DISTINCT FROM (g * 7919) % 1000000" + memo + ")"),
          "every renamed or retyped column keeps its values");
    }
  }

  static Connection connect(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url, "postgres", "postgres");
    c.setAutoCommit(true);
    return c;
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every row's first column, one per line (an EXPLAIN, for example). */
  static String lines(Connection c, String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }

  static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
