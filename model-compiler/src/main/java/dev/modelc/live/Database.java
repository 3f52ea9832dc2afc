package dev.modelc.live;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a live PostgreSQL is and how modelc connects to it: the one place that opens
 * connections for the commands that read or change a database ({@code import}, {@code apply},
 * {@code drift}, {@code usage}, {@code verify}).
 *
 * <p>Passwords come from an environment variable, never from the command line (where {@code ps}
 * shows them) and never into a message: {@link #describe()} names host, port and database only.
 */
public final class Database {
  /** What a connection is for; a read-only connection cannot change the database by mistake. */
  public enum Access { READ_ONLY, READ_WRITE }

  private final String url;
  private final String user;
  private final String password;
  private final String applicationName;

  private Database(String url, String user, String password, String applicationName) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.applicationName = applicationName;
  }

  /**
   * A database at {@code jdbcUrl}, with {@code user} (or the URL's or driver's default when
   * null) and the password read from the environment variable {@code passwordEnv} (none when
   * null).
   *
   * @throws IllegalArgumentException when the URL is not a {@code jdbc:postgresql:} URL or the
   *     named environment variable is not set; the message is meant for the user
   */
  public static Database of(String jdbcUrl, String user, String passwordEnv, Map<String, String> environment,
      String applicationName) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL (expected jdbc:postgresql://HOST:PORT/DATABASE): "
          + redact(jdbcUrl));
    }
    String password = null;
    if (passwordEnv != null) {
      password = environment.get(passwordEnv);
      if (password == null) {
        throw new IllegalArgumentException("the environment variable " + passwordEnv
            + " (named by --password-env) is not set");
      }
    }
    return new Database(jdbcUrl, user, password, applicationName);
  }

  /** A database reached with the URL alone (tests, and URLs that carry their own user). */
  public static Database of(String jdbcUrl, String user, String password) {
    return new Database(jdbcUrl, user, password, "modelc");
  }

  /**
   * Opens a connection in autocommit mode. {@code statementTimeoutMillis} bounds every statement
   * (0 means none); a read-only connection starts every transaction read-only.
   *
   * @throws SQLException with a message that names host, port and database and the driver's
   *     reason, never the password
   */
  public Connection connect(Access access, long statementTimeoutMillis) throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", applicationName);
    props.setProperty("connectTimeout", "10");
    Connection c;
    try {
      c = DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw new SQLException("cannot connect to " + describe() + ": " + firstLine(e.getMessage()), e.getSQLState(), e);
    }
    try {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("SET statement_timeout = " + Math.max(0, statementTimeoutMillis));
        if (access == Access.READ_ONLY) {
          s.execute("SET default_transaction_read_only = on");
        }
      }
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** {@code host:port/database} for messages; never the user's password. */
  public String describe() {
    return describe(url);
  }

  /** The JDBC URL with any password parameter removed, for messages. */
  public String redactedUrl() {
    return redact(url);
  }

  static String describe(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:".length());
    try {
      URI uri = URI.create(rest.replace("postgresql:///", "postgresql://localhost/"));
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "(default database)" : uri.getPath().substring(1);
      return host + ":" + port + "/" + path;
    } catch (IllegalArgumentException e) {
      return redact(jdbcUrl);
    }
  }

  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    String line = message.lines().findFirst().orElse(message);
    return line.toLowerCase(Locale.ROOT).contains("password") && line.contains("=") ? "authentication failed" : line;
  }
}
