package dev.modelc.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One applier per database at a time: a session-level advisory lock held on the apply's control
 * connection. It is taken with {@code pg_try_advisory_lock} in a loop with backoff (25 ms doubling
 * to 1 s) until a timeout, never with a blocking call, and never as a transaction lock (an open
 * transaction would make {@code CREATE INDEX CONCURRENTLY} wait for it). It dies with its
 * connection, so an apply killed with {@code kill -9} leaves nothing locked, unlike a lock row in
 * a table.
 */
public final class ApplierLock {
  /** The advisory lock key: "modelc" in ASCII. Documented in docs/apply.md. */
  public static final long KEY = 0x6d6f64656c63L;

  /** The session holding the lock, as PostgreSQL shows it. */
  public record Holder(int pid, String applicationName, String user, String clientAddress, Timestamp since, String state) {
    @Override
    public String toString() {
      return "pid " + pid + " (application_name '" + applicationName + "', user " + user
          + (clientAddress == null ? "" : ", from " + clientAddress) + ", connected since " + since.toInstant() + ")";
    }
  }

  private ApplierLock() {}

  /**
   * Takes the lock on {@code c}, trying until {@code wait} has passed; {@code waiting} hears once
   * about the holder when the first try fails. Returns the holder when the lock could not be taken.
   */
  public static Optional<Holder> acquire(Connection c, Duration wait, Consumer<Holder> waiting) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    long delay = 25;
    boolean told = false;
    Holder last = null;
    while (true) {
      if (tryLock(c)) {
        return Optional.empty();
      }
      last = holder(c).orElse(last);
      if (!told && last != null) {
        waiting.accept(last);
        told = true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.of(last != null ? last : new Holder(0, "?", "?", null, new Timestamp(0), "gone"));
      }
      Thread.sleep(Math.min(delay, Math.max(1, left / 1_000_000)));
      delay = Math.min(delay * 2, 1000);
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, KEY);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Who holds the lock in this database, if anyone. */
  public static Optional<Holder> holder(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT a.pid, a.application_name, a.usename, a.client_addr::text, a.backend_start, a.state "
        + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
        + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        + "AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid AND l.objsubid = 1 AND a.pid <> pg_backend_pid()")) {
      ps.setLong(1, KEY >>> 32);
      ps.setLong(2, KEY & 0xffffffffL);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5), rs.getString(6)));
      }
    }
  }
}
