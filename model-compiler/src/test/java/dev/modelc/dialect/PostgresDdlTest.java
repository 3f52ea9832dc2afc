package dev.modelc.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.model.Model;
import dev.modelc.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresDdlTest {
  static Model example(String name) {
    return Compiler.compile(List.of(Path.of("../example-models", name))).model().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"payments", "logistics"})
  void exampleSchemasLoadIntoARealPostgres(String name) throws Exception {
    Model model = example(name);
    String ddl = PostgresDdl.createSchema(model);
    assertEquals(ddl, PostgresDdl.createSchema(example(name)), "deterministic");
    String url = Postgres.freshDatabase("ddl_" + name);
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
      s.execute(ddl);
      try (ResultSet rs = s.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
        rs.next();
        assertEquals(model.tables().size(), rs.getInt(1));
      }
      int declared = model.tables().stream().mapToInt(t -> t.allIndexes().size()).sum();
      try (ResultSet rs = s.executeQuery("select count(*) from pg_indexes where schemaname = 'public'")) {
        rs.next();
        assertEquals(declared, rs.getInt(1), "every declared and implicit index exists, with modelc's names");
      }
      try (ResultSet rs = s.executeQuery("select pg_get_indexdef('charges_pending'::regclass)")) {
        if (name.equals("payments")) {
          rs.next();
          assertTrue(rs.getString(1).contains("WHERE (status = 'pending'::charges_status)"), rs.getString(1));
        }
      } catch (java.sql.SQLException e) {
        assertTrue(name.equals("logistics"), e.getMessage());
      }
    }
  }
}
