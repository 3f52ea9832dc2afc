package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.parse.SourceFile;
import dev.modelc.testing.Postgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Model text in plan.sql stays inside comments and string literals, whatever line breaks,
 * quotes or comment markers it holds: checked line by line, and by PostgreSQL running the file.
 */
class PlanSqlCommentsTest {
  private static Planning.Result plan(String v1, String v2) {
    return Planning.plan(
        Compiler.compileFiles(List.of(new SourceFile("v1/model.yaml", v1.getBytes(StandardCharsets.UTF_8)))),
        Compiler.compileFiles(List.of(new SourceFile("v2/model.yaml", v2.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void aMultiLineReasonCannotEndItsCommentAndAddAStatement() {
    String v1 = "model: shop\ntables:\n  charges:\n    columns:\n      id: { type: bigint, primaryKey: true }\n      merchant: bigint\n";
    String v2 = v1 + "    indexes:\n      charges_merchant:\n        columns: [merchant]\n"
        + "        reason: \"Lookups by merchant.\\nDROP TABLE charges;\\rDELETE FROM charges;\"\n"
        + "        keep: Reports.\n";
    Planning.Result r = plan(v1, v2);
    assertTrue(r.plan().isPresent() && !r.plan().get().isEmpty(), r.diagnostics().toString());
    String sql = PlanSqlRenderer.render(r.plan().get(), "v1", "v2");
    assertTrue(sql.contains("\n-- DROP TABLE charges;"), sql);
    assertTrue(sql.contains("\n-- DELETE FROM charges;"), sql);
    for (String line : sql.split("\n")) {
      assertFalse(line.startsWith("DROP TABLE charges") || line.startsWith("DELETE FROM"), "a live statement from model text: " + line);
      assertFalse(line.contains("\r"), "a carriage return ends a comment in PostgreSQL: " + line);
    }
  }

  @Test
  void postgresRunsTheWholeFileAndOnlyItsOwnStatements() throws SQLException {
    String v1 = "model: shop\ntables:\n  charges:\n    columns:\n      id: { type: bigint, primaryKey: true }\n      merchant: bigint\n";
    // YAML double-quoted escapes: line feeds, carriage returns, quotes and comment markers
    String v2 = v1 + "  refunds:\n"
        + "    description: \"Money back.\\nDROP TABLE charges;\\rDELETE FROM charges;\\r\\n*/ DELETE FROM charges; /* -- '; DELETE FROM charges; --\"\n"
        + "    columns:\n"
        + "      id: { type: bigint, primaryKey: true }\n"
        + "      charge: { type: bigint, description: \"x\\r\\nDELETE FROM charges;' ; DELETE FROM charges; --\" }\n"
        + "    indexes:\n"
        + "      refunds_charge:\n"
        + "        columns: [charge]\n"
        + "        reason: \"By charge.\\nDROP TABLE charges;\\rDELETE FROM charges;\"\n"
        + "        keep: Audits look refunds up by charge.\n";
    Planning.Result r = plan(v1, v2);
    assertTrue(r.plan().isPresent() && !r.hasErrors(), r.diagnostics().toString());
    String sql = PlanSqlRenderer.render(r.plan().get(), "v1", "v2");
    String url = Postgres.freshDatabase("plan_sql_comments");
    try {
      try (Connection db = Postgres.connect(url); Statement s = db.createStatement()) {
        s.execute(PostgresDdl.createSchema(Compiler.compileFiles(List.of(
            new SourceFile("v1/model.yaml", v1.getBytes(StandardCharsets.UTF_8)))).model().orElseThrow()));
        s.execute("INSERT INTO charges VALUES (1, 10), (2, 20)");
        s.execute(sql); // the whole file, as an operator's client sends it: PostgreSQL decides where comments end

        assertEquals("2", one(s, "SELECT count(*) FROM charges"), "no statement from model text ran");
        assertEquals("Money back.\nDROP TABLE charges;\rDELETE FROM charges;\r\n*/ DELETE FROM charges; /* -- '; DELETE FROM charges; --",
            one(s, "SELECT obj_description('refunds'::regclass, 'pg_class')"), "the description arrives as written");
        assertEquals("x\r\nDELETE FROM charges;' ; DELETE FROM charges; --",
            one(s, "SELECT col_description('refunds'::regclass, 2)"));
        assertEquals("t", one(s, "SELECT to_regclass('refunds_charge') IS NOT NULL"));
      }
    } finally {
      Postgres.dropDatabase(url);
    }
  }

  private static String one(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getString(1);
    }
  }
}
