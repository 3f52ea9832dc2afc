package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Model;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelc verify} on the command line: formats, exit codes, and what a database that differs does. */
class VerifyCommandTest {
  static final String MODEL = """
      model: shop
      tables:
        orders:
          rows: 5_000_000
          columns:
            id:       { type: bigint, primaryKey: true }
            customer: { type: bigint }
            placed:   { type: timestamptz }
          indexes:
            orders_customer: { columns: [customer, placed desc], reason: r }
      queries:
        orderById:        { table: orders, where: { id: "=" }, traffic: critical }
        recentForCustomer: { table: orders, where: { customer: "=" }, orderBy: [placed desc], limit: 20, traffic: critical }
      %s
      """;

  static Path dir;
  static String url;

  @BeforeAll
  static void load(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Files.writeString(tmp.resolve("shop.yaml"), String.format(MODEL, ""));
    Model model = Compiler.compile(List.of(tmp.resolve("shop.yaml"))).model().orElseThrow();
    url = Postgres.freshDatabase("verify_cli");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      s.execute("INSERT INTO orders SELECT i, i % 2000, timestamptz '2026-01-01' + i * interval '1 minute'"
          + " FROM generate_series(1, 60000) i");
      s.execute("ANALYZE orders");
    }
  }

  private static Cli.Result verify(String file, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("verify", dir.resolve(file).toString(), "--url",
        url + "&user=postgres"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void agreementIsExitZeroInEveryFormat() throws Exception {
    Cli.Result text = verify("shop.yaml");
    assertEquals(0, text.exitCode(), text.all());
    assertTrue(text.out().contains("2 queries: 2 agree"), text.out());
    Cli.Result json = verify("shop.yaml", "--format", "json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertEquals(2, root.path("summary").path("agree").asInt(), json.out());
    Cli.Result sarif = verify("shop.yaml", "--format", "sarif");
    assertEquals(0, new ObjectMapper().readTree(sarif.out()).path("runs").get(0).path("results").size(), sarif.out());
  }

  @Test
  void aMissingIndexOfACriticalQueryFailsTheRun() throws Exception {
    // the model declares an index the database does not have
    Files.writeString(dir.resolve("extra.yaml"), String.format(MODEL, "").replace(
        "orders_customer: { columns: [customer, placed desc], reason: r }",
        "orders_customer: { columns: [customer, placed desc], reason: r }\n      orders_by_id_customer: { columns: [id, customer], reason: r, keep: k }")
        .replace("orderById:        { table: orders, where: { id: \"=\" }, traffic: critical }",
            "orderById:        { table: orders, where: { id: \"=\", customer: \"=\" }, traffic: critical, index: orders_by_id_customer }"));
    Cli.Result r = verify("extra.yaml");
    assertEquals(3, r.exitCode(), r.all());
    assertTrue(r.out().contains("error[MC950]: query 'orderById': modelc claims index 'orders_by_id_customer' serves it"),
        r.out());
  }

  @Test
  void aQueryTheDatabaseCannotPlanDisagrees() throws Exception {
    Files.writeString(dir.resolve("newer.yaml"), String.format(MODEL, "").replace(
        "placed:   { type: timestamptz }", "placed:   { type: timestamptz }\n      note:     { type: text, nullable: true }")
        + "  notesOf: { table: orders, where: { note: \"=\" }, traffic: batch }\n");
    Cli.Result r = verify("newer.yaml");
    // every accessor reads the new column, so the critical queries fail to plan too
    assertEquals(3, r.exitCode(), r.all());
    assertTrue(r.out().contains("warning[MC954]: PostgreSQL cannot plan query 'notesOf'"), r.out());
    assertTrue(r.out().contains("error[MC954]: PostgreSQL cannot plan query 'orderById'"), r.out());
    assertTrue(r.out().contains("column \"note\" does not exist"), r.out());

    String fresh = Postgres.freshDatabase("verify_unanalyzed");
    Model model = Compiler.compile(List.of(dir.resolve("shop.yaml"))).model().orElseThrow();
    try (Connection c = Postgres.connect(fresh); Statement s = c.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
    }
    Cli.Result unanalyzed = Cli.run("verify", dir.resolve("shop.yaml").toString(), "--url", fresh + "&user=postgres");
    assertTrue(unanalyzed.out().contains("note[MC955]: table 'orders' has never been analyzed"), unanalyzed.out());
  }

  @Test
  void aBadUrlIsAnErrorWithoutAStackTrace() {
    Cli.Result r = Cli.run("verify", dir.resolve("shop.yaml").toString(), "--url", "postgresql://nowhere");
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().startsWith("modelc: not a PostgreSQL JDBC URL"), r.err());
  }
}
