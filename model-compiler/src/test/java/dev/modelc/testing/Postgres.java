package dev.modelc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (an embedded server from Maven Central, so a fresh
 * machine needs nothing installed; it also runs as root). Each test takes a fresh database.
 */
public final class Postgres {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private Postgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            // usage queries reads the statements it records (UsageQueriesTest)
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the server's temp folder is removed by the library
        }
      }));
    }
    return server;
  }

  /** Creates an empty database with a unique name and returns its JDBC URL. */
  public static String freshDatabase(String prefix) {
    String name = (prefix + "_" + COUNTER.incrementAndGet()).toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9_]", "_");
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** Drops the database {@code jdbcUrl} names (made by {@link #freshDatabase}); its connections must be closed. */
  public static void dropDatabase(String jdbcUrl) {
    String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop database " + name, e);
    }
  }

  /** A new autocommit connection (needed for CREATE INDEX CONCURRENTLY) to {@code jdbcUrl}. */
  public static Connection connect(String jdbcUrl) throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    c.setAutoCommit(true);
    return c;
  }
}
