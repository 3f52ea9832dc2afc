package dev.modelc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresSmokeTest {
  @Test
  void startsARealServerAndIsolatesDatabases() throws Exception {
    String a = Postgres.freshDatabase("smoke");
    String b = Postgres.freshDatabase("smoke");
    try (Connection c = Postgres.connect(a); Statement s = c.createStatement()) {
      s.execute("create table t (id int primary key)");
      s.execute("insert into t values (1)");
      try (ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) >= 170000, "expected PostgreSQL 17 or newer");
      }
    }
    try (Connection c = Postgres.connect(b); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_tables where tablename = 't'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "databases are isolated");
    }
  }
}
