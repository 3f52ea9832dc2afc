package dev.modelc.cli;

import dev.modelc.live.Database;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command that reads a live database reaches it. The password never appears on the
 * command line: {@code --password-env} names the environment variable that holds it.
 */
final class ConnectionOptions {

  @Option(names = "--url", required = true, paramLabel = "JDBC_URL",
      description = "The database: jdbc:postgresql://HOST:PORT/DATABASE.")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "The user (default: the URL's, or the driver's).")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "The environment variable that holds the password.")
  String passwordEnv;

  @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "Longest any one statement may run: 500ms, 30s, 2min (a bare number is seconds); 0 for none (default 30s).")
  String statementTimeout;

  /** The database at {@code --url}, with the password read from the environment. */
  Database database(String applicationName) {
    return database(url, applicationName);
  }

  /** Another node reached with the same user and password (a replica). */
  Database database(String jdbcUrl, String applicationName) {
    return Database.of(jdbcUrl, user, passwordEnv, System.getenv(), applicationName);
  }

  /** What a command reads through a read-only connection; {@code where} is the database's {@code host:port/db}. */
  interface Reading<T> {
    T read(Connection connection, String where) throws SQLException;
  }

  /**
   * Opens a read-only connection to {@code --url}, runs {@code reading} on it and closes it;
   * empty, after saying why on {@code err}, when the options are wrong or the database fails.
   */
  <T> Optional<T> readOnly(String applicationName, PrintWriter err, Reading<T> reading) {
    try {
      Database database = database(applicationName);
      try (Connection c = database.connect(Database.Access.READ_ONLY, statementTimeoutMillis())) {
        return Optional.of(reading.read(c, database.describe()));
      }
    } catch (IllegalArgumentException | SQLException e) {
      err.println("modelc: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The statement timeout in milliseconds. */
  long statementTimeoutMillis() {
    return CliDuration.parse(statementTimeout)
        .orElseThrow(() -> new IllegalArgumentException(CliDuration.expected("--statement-timeout", statementTimeout)))
        .toMillis();
  }
}
