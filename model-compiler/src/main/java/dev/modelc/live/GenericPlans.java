package dev.modelc.live;

import dev.modelc.dialect.PostgresQuerySql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.QueryExecutor;

/**
 * The plans PostgreSQL makes for a statement whatever its parameter values:
 * {@code EXPLAIN (GENERIC_PLAN)}, PostgreSQL 16 and newer. The statement is planned, never run,
 * so this works on a read-only connection and on a standby, and an update or delete changes
 * nothing.
 */
public final class GenericPlans {
  /** PostgreSQL 16, the first with {@code EXPLAIN (GENERIC_PLAN)}. */
  public static final int MINIMUM_VERSION = 160000;

  private GenericPlans() {}

  /** {@code server_version_num}: 170006 for 17.6. */
  public static int serverVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** {@code 17.6} from {@code 170006}. */
  public static String versionLabel(int versionNum) {
    return (versionNum / 10000) + "." + (versionNum % 10000);
  }

  /**
   * The generic plan of {@code sql}, whose parameters are written {@code ?} as the generated
   * accessors send them.
   *
   * @throws SQLException when PostgreSQL cannot plan the statement (a missing table or column,
   *     a type mismatch): the message is PostgreSQL's
   */
  public static QueryPlan explain(Connection connection, String sql) throws SQLException {
    return explain(connection, sql, List.of());
  }

  /**
   * The generic plan of {@code sql} with planner methods switched off for this one statement
   * ({@code enable_seqscan}, {@code enable_sort}, ...: {@code SET LOCAL} in a transaction rolled
   * back afterwards): what PostgreSQL can do when the plans it prefers are discouraged.
   */
  public static QueryPlan explain(Connection connection, String sql, List<String> disabled) throws SQLException {
    if (disabled.isEmpty()) {
      return explainNow(connection, sql);
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (Statement s = connection.createStatement()) {
        for (String setting : disabled) {
          if (!setting.matches("enable_[a-z_]+")) {
            throw new IllegalArgumentException("not a planner method setting: " + setting);
          }
          s.execute("SET LOCAL " + setting + " = off");
        }
      }
      return explainNow(connection, sql);
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  private static QueryPlan explainNow(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      // The simple query protocol: with the extended one the server would expect values for $1...
      s.unwrap(BaseStatement.class).executeWithFlags(PostgresQuerySql.explainGeneric(sql),
          QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
      try (ResultSet rs = s.getResultSet()) {
        rs.next();
        return QueryPlan.parse(rs.getString(1));
      }
    }
  }
}
