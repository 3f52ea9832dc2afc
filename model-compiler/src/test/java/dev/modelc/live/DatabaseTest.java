package dev.modelc.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.testing.Postgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  @Test
  void describesHostPortAndDatabaseOnly() {
    assertEquals("db.internal:6543/shop", Database.describe("jdbc:postgresql://db.internal:6543/shop?password=hunter2"));
    assertEquals("localhost:5432/shop", Database.describe("jdbc:postgresql:///shop"));
    assertEquals("jdbc:postgresql://h/d?user=u&password=***", Database.redact("jdbc:postgresql://h/d?user=u&password=hunter2"));
  }

  @Test
  void refusesOtherUrlsAndMissingPasswordVariables() {
    IllegalArgumentException notPg = assertThrows(IllegalArgumentException.class,
        () -> Database.of("jdbc:mysql://h/d?password=s3cret", null, null, Map.of(), "modelc"));
    assertFalse(notPg.getMessage().contains("s3cret"));
    IllegalArgumentException noEnv = assertThrows(IllegalArgumentException.class,
        () -> Database.of("jdbc:postgresql://h/d", "u", "MODELC_PW", Map.of(), "modelc"));
    assertTrue(noEnv.getMessage().contains("MODELC_PW"));
  }

  @Test
  void anUnreachableServerIsNamedWithoutThePassword() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Database db = Database.of("jdbc:postgresql://127.0.0.1:" + port + "/shop", "u", "PW", Map.of("PW", "hunter2"), "modelc");
    SQLException e = assertThrows(SQLException.class, () -> db.connect(Database.Access.READ_ONLY, 1000));
    assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + "/shop: "), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void readOnlyConnectionsCannotWrite() throws Exception {
    Database db = Database.of(Postgres.freshDatabase("live"), "postgres", "postgres");
    try (Connection c = db.connect(Database.Access.READ_ONLY, 5000); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute("create table t (id int)"));
      assertEquals("25006", e.getSQLState());
      try (ResultSet r = s.executeQuery("show statement_timeout")) {
        r.next();
        assertEquals("5s", r.getString(1));
      }
    }
  }
}
