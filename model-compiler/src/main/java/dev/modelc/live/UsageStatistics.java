package dev.modelc.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cumulative statistics of one PostgreSQL node at one moment: per index its scans
 * ({@code idx_scan}, {@code last_idx_scan} since PostgreSQL 16) and size, per table its scans and
 * row counters. Statistics are kept per node: a standby counts the scans that run on it, the
 * primary knows nothing of them. {@code statsReset} is when the database's counters were last
 * reset ({@code pg_stat_reset()}), {@code sharedStatsReset} when the server's shared statistics
 * last started from zero ({@code pg_stat_archiver.stats_reset}: set again when the server discards
 * its statistics at startup after a crash or an immediate shutdown, and on a node started from a
 * base backup), {@code postmasterStart} when the server started. A clean restart keeps the
 * counters; any of the others restarts them, which shows as a changed reset time or as counters
 * that went down.
 */
public record UsageStatistics(
    Instant taken,
    String server,
    boolean standby,
    Instant statsReset,
    Instant sharedStatsReset,
    Instant postmasterStart,
    List<IndexStatistics> indexes,
    List<TableStatistics> tables) {

  /** One index: {@code lastScan} is null before PostgreSQL 16 and for an index never scanned. */
  public record IndexStatistics(String schema, String table, String index, long scans, Instant lastScan,
      long sizeBytes, boolean unique, boolean primary, boolean valid) {
    public IndexStatistics {
      Objects.requireNonNull(schema, "schema == null");
      Objects.requireNonNull(table, "table == null");
      Objects.requireNonNull(index, "index == null");
    }
  }

  /**
   * One table's counters ({@code pg_stat_user_tables}); {@code lastSeqScan} and
   * {@code lastIdxScan} are null before PostgreSQL 16 and for a table never scanned so.
   */
  public record TableStatistics(String schema, String table, long seqScan, long seqTupRead, long idxScan,
      long idxTupFetch, long nTupIns, long nTupUpd, long nTupDel, long nTupHotUpd, long nLiveTup, long nDeadTup,
      Instant lastSeqScan, Instant lastIdxScan) {
    public TableStatistics {
      Objects.requireNonNull(schema, "schema == null");
      Objects.requireNonNull(table, "table == null");
    }
  }

  public UsageStatistics {
    Objects.requireNonNull(taken, "taken == null");
    Objects.requireNonNull(server, "server == null");
    indexes = List.copyOf(indexes);
    tables = List.copyOf(tables);
  }

  /**
   * Reads the node's statistics for the current database: four catalog queries, whatever the
   * number of tables.
   */
  public static UsageStatistics read(Connection connection) throws SQLException {
    int version = GenericPlans.serverVersion(connection);
    boolean lastScan = version >= GenericPlans.MINIMUM_VERSION;
    Instant taken;
    boolean standby;
    Instant statsReset;
    Instant sharedReset;
    Instant started;
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT clock_timestamp(), pg_is_in_recovery(), d.stats_reset, pg_postmaster_start_time(),"
            + " (SELECT a.stats_reset FROM pg_catalog.pg_stat_archiver a)"
            + " FROM pg_catalog.pg_stat_database d WHERE d.datname = current_database()");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the current database has no row in pg_stat_database");
      }
      taken = instant(rs.getTimestamp(1));
      standby = rs.getBoolean(2);
      statsReset = instant(rs.getTimestamp(3));
      started = instant(rs.getTimestamp(4));
      sharedReset = instant(rs.getTimestamp(5));
    }
    List<IndexStatistics> indexes = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT s.schemaname, s.relname, s.indexrelname, s.idx_scan, "
            + (lastScan ? "s.last_idx_scan" : "NULL::timestamptz")
            + ", pg_catalog.pg_relation_size(s.indexrelid), i.indisunique, i.indisprimary, i.indisvalid"
            + " FROM pg_catalog.pg_stat_user_indexes s JOIN pg_catalog.pg_index i ON i.indexrelid = s.indexrelid"
            + " ORDER BY s.schemaname, s.relname, s.indexrelname");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        indexes.add(new IndexStatistics(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            instant(rs.getTimestamp(5)), rs.getLong(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9)));
      }
    }
    List<TableStatistics> tables = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT schemaname, relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0),"
            + " n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd, n_live_tup, n_dead_tup, "
            + (lastScan ? "last_seq_scan, last_idx_scan" : "NULL::timestamptz, NULL::timestamptz")
            + " FROM pg_catalog.pg_stat_user_tables ORDER BY schemaname, relname");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        tables.add(new TableStatistics(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
            instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14))));
      }
    }
    return new UsageStatistics(taken, GenericPlans.versionLabel(version), standby, statsReset, sharedReset, started,
        indexes, tables);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
