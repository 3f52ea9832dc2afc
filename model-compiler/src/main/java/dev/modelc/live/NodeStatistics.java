package dev.modelc.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one PostgreSQL node's cumulative statistics say about the use of some indexes and tables,
 * and the facts that tell whether two readings of the same node can be compared at all.
 *
 * <p>Statistics are kept per node (a hot standby counts the scans of the queries it serves), and
 * they restart from zero after crash recovery, an immediate shutdown, {@code pg_stat_reset()}, or
 * a rebuild of the node. A clean restart keeps them. So each reading carries the node's system
 * identifier, the start time of its postmaster, and two reset times: the database's
 * ({@code pg_stat_database.stats_reset}, set by {@code pg_stat_reset()}) and the shared
 * statistics' ({@code pg_stat_archiver.stats_reset}, set again whenever the server discards its
 * statistics at startup after a crash, and on a node started from a base backup).
 */
public final class NodeStatistics {
  /** Who the node is, and when its statistics last started from zero. */
  public record Identity(String node, String systemIdentifier, Instant postmasterStart, Instant databaseStatsReset,
      Instant sharedStatsReset, boolean inRecovery, int serverVersion, Instant readAt) {
    /** PostgreSQL 16 added the time of the last scan ({@code last_idx_scan}). */
    public boolean hasLastScanTimes() {
      return serverVersion >= 160000;
    }
  }

  /**
   * The use of one object: {@code counter} is {@code idx_scan} of an index, or the scans and
   * written rows of a table; {@code lastUsed} the last scan (PostgreSQL 16+, else null);
   * {@code found} is false when the node has no statistics for it (it does not exist there).
   */
  public record Usage(String kind, String object, boolean found, long counter, Instant lastUsed) {
    public static final String INDEX = "index";
    public static final String TABLE = "table";
  }

  /** One reading of one node. */
  public record Reading(Identity identity, Map<String, Usage> usage) {
    public Usage of(String kind, String object) {
      return usage.get(kind + ":" + object);
    }
  }

  private NodeStatistics() {}

  /** Reads the node's identity and the use of {@code indexes} and {@code tables}, named as the plan names them. */
  public static Reading read(Connection c, String node, List<String> indexes, List<String> tables) throws SQLException {
    Identity identity = identity(c, node);
    Map<String, Usage> usage = new LinkedHashMap<>();
    String lastIndexScan = identity.hasLastScanTimes() ? "last_idx_scan" : "NULL::timestamptz";
    for (String index : indexes) {
      usage.put(Usage.INDEX + ":" + index, usage(c, Usage.INDEX, index,
          "SELECT idx_scan, " + lastIndexScan + " FROM pg_stat_user_indexes WHERE indexrelid = to_regclass(?)"));
    }
    String lastTableScan = identity.hasLastScanTimes() ? "greatest(last_seq_scan, last_idx_scan)" : "NULL::timestamptz";
    for (String table : tables) {
      usage.put(Usage.TABLE + ":" + table, usage(c, Usage.TABLE, table,
          "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) + n_tup_ins + n_tup_upd + n_tup_del, " + lastTableScan
              + " FROM pg_stat_user_tables WHERE relid = to_regclass(?)"));
    }
    return new Reading(identity, usage);
  }

  /** The node's identity and reset times. */
  public static Identity identity(Connection c, String node) throws SQLException {
    try (Statement s = c.createStatement()) {
      String systemIdentifier = null;
      try (ResultSet rs = s.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
        if (rs.next()) {
          systemIdentifier = rs.getString(1);
        }
      } catch (SQLException e) {
        // pg_control_system() needs pg_monitor or superuser; the other facts still tell resets apart
        if (!"42501".equals(e.getSQLState())) {
          throw e;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT pg_postmaster_start_time(), "
          + "(SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()), "
          + "(SELECT stats_reset FROM pg_stat_archiver), pg_is_in_recovery(), current_setting('server_version_num')::int, now()")) {
        rs.next();
        return new Identity(node, systemIdentifier, instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
            rs.getBoolean(4), rs.getInt(5), instant(rs.getTimestamp(6)));
      }
    }
  }

  private static Usage usage(Connection c, String kind, String object, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, object);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new Usage(kind, object, false, 0, null);
        }
        return new Usage(kind, object, true, rs.getLong(1), instant(rs.getTimestamp(2)));
      }
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
