package dev.modelc.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements {@code pg_stat_statements} recorded for the current database: the normalised
 * text (constants replaced by {@code $1, $2, ...}), calls, rows and time, and since when it
 * counts. The extension ships with PostgreSQL; it needs
 * {@code shared_preload_libraries = 'pg_stat_statements'} and {@code CREATE EXTENSION} in the
 * database.
 */
public record StatementStatistics(Instant taken, Instant since, List<Statement> statements) {

  /** One normalised statement. */
  public record Statement(String query, long calls, long rows, double totalMillis, double meanMillis) {}

  public StatementStatistics {
    statements = List.copyOf(statements);
  }

  /** How long the counters have run. */
  public Duration period() {
    return Duration.between(since, taken);
  }

  /**
   * Reads the top-level statements of the current database, most called first.
   *
   * @throws SQLException when the extension is missing (the message says how to add it)
   */
  public static StatementStatistics read(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
            + " WHERE e.extname = 'pg_stat_statements'");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("pg_stat_statements is not installed in this database: add"
            + " shared_preload_libraries = 'pg_stat_statements' to the server's configuration, restart it,"
            + " and run CREATE EXTENSION pg_stat_statements");
      }
    }
    Instant taken;
    Instant since;
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT clock_timestamp(), coalesce((SELECT stats_reset FROM pg_stat_statements_info), pg_postmaster_start_time())");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      taken = instant(rs.getTimestamp(1));
      since = instant(rs.getTimestamp(2));
    }
    List<Statement> out = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT query, calls, rows, total_exec_time, mean_exec_time FROM pg_stat_statements"
            + " WHERE dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) AND toplevel"
            + " ORDER BY calls DESC, query");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new Statement(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5)));
      }
    }
    return new StatementStatistics(taken, since, out);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
