package dev.modelc.evidence;

import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.Database;
import dev.modelc.live.UsageStatistics;
import java.sql.Connection;
import java.sql.SQLException;

/** {@code modelc usage record}: one snapshot of one node, read over a read-only connection. */
public final class UsageRecorder {
  private UsageRecorder() {}

  /** The statistics of {@code database} now, named {@code node} in the history. */
  public static Snapshot snapshot(String node, Database database, long statementTimeoutMillis) throws SQLException {
    try (Connection c = database.connect(Database.Access.READ_ONLY, statementTimeoutMillis)) {
      return snapshot(node, database.describe(), c);
    }
  }

  /** The statistics read over an open connection. */
  public static Snapshot snapshot(String node, String database, Connection connection) throws SQLException {
    return new Snapshot(node, database, UsageStatistics.read(connection));
  }
}
