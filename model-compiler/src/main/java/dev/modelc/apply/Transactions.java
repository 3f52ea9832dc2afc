package dev.modelc.apply;

import java.sql.Connection;
import java.sql.SQLException;

/** Work that commits as a whole on one connection, or not at all; the connection is left in autocommit mode. */
final class Transactions {
  /** The work of one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  private Transactions() {}

  static <T> T run(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
