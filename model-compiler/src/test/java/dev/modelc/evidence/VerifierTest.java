package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.analyze.Coverage;
import dev.modelc.analyze.OrderSort;
import dev.modelc.analyze.Resolution;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.dialect.PostgresQuerySql;
import dev.modelc.live.Database;
import dev.modelc.live.GenericPlans;
import dev.modelc.live.QueryPlan;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.testing.Postgres;
import dev.modelc.testing.RealisticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver faults the comparison with PostgreSQL found, checked against a real planner: the
 * claim modelc used to make is a disagreement (so verify would have caught it), and the claim it
 * makes now agrees. The table holds 60,000 skewed rows, analyzed.
 */
class VerifierTest {
  static final String MODEL = """
      model: faults
      tables:
        events:
          rows: 2_000_000_000
          columns:
            id:         { type: bigint, primaryKey: true }
            account_id: { type: bigint }
            region:     { type: int }
            kind:       { type: text }
            amount:     { type: bigint }
            created_at: { type: timestamptz }
            deleted_at: { type: timestamptz, nullable: true }
          indexes:
            events_region_deleted_created: { columns: [region, deleted_at, created_at desc], reason: r }
            events_big: { columns: [created_at], where: "amount > 100.5", reason: r }
            events_account_kind: { columns: [account_id, kind], reason: r }
      queries:
        liveInRegion:
          table: events
          where: { region: "=", deleted_at: is null }
          orderBy: [created_at desc]
          limit: 50
        bigSince:
          table: events
          where: { amount: "> 200", created_at: ">" }
          orderBy: [created_at]
          limit: 10
        accountByKind:
          table: events
          where: { account_id: "=" }
          orderBy: [kind, created_at]
          limit: 20
      """;

  static Path dir;
  static Model model;
  static Coverage coverage;
  static Connection connection;

  @BeforeAll
  static void load(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Files.writeString(tmp.resolve("faults.yaml"), MODEL);
    Compilation c = Compiler.compile(List.of(tmp.resolve("faults.yaml")));
    model = c.model().orElseThrow(() -> new AssertionError(c.diagnostics().toString()));
    coverage = c.coverage().orElseThrow();
    String url = Postgres.freshDatabase("verifier");
    try (Connection admin = Postgres.connect(url); Statement s = admin.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      RealisticData.fill(model, admin);
    }
    connection = Database.of(url, "postgres", null).connect(Database.Access.READ_ONLY, 30_000);
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  private static List<Diagnostic> againstPlanner(Resolution claim) throws Exception {
    Table table = model.table("events").orElseThrow();
    String sql = PostgresQuerySql.of(table, claim.query());
    List<Diagnostic> found = Verifier.compare(table, claim, GenericPlans.explain(connection, sql));
    List<String> off = Verifier.discouraged(claim);
    if (found.isEmpty() || off.isEmpty()) {
      return found;
    }
    // what verify does: a difference that disappears when the preferred methods are off is one of cost
    return Verifier.compare(table, claim, GenericPlans.explain(connection, sql, off)).isEmpty() ? List.of() : found;
  }

  private static Resolution oldClaim(String query, String index, OrderSort sort, List<String> condition) {
    Resolution now = coverage.resolution(query);
    Table table = model.table("events").orElseThrow();
    return new Resolution(now.query(), table.index(index).orElseThrow(), false, sort, condition, List.of("old claim"),
        List.of());
  }

  @Test
  void isNullDoesNotFixTheOrder() throws Exception {
    Resolution now = coverage.resolution("liveInRegion");
    assertEquals(null, now.index(), now.reasons().toString());
    assertEquals(OrderSort.FULL, now.sort());
    assertEquals(List.of(), againstPlanner(now));
    List<Diagnostic> old = againstPlanner(oldClaim("liveInRegion", "events_region_deleted_created", OrderSort.NONE,
        List.of("region", "deleted_at")));
    assertEquals(List.of("MC951"), old.stream().map(Diagnostic::code).toList(), old.toString());
  }

  @Test
  void aDecimalPredicateCastsTheIntegerColumn() throws Exception {
    Resolution now = coverage.resolution("bigSince");
    assertEquals(null, now.index(), now.reasons().toString());
    assertEquals(List.of(), againstPlanner(now));
    List<Diagnostic> old = againstPlanner(oldClaim("bigSince", "events_big", OrderSort.NONE, List.of("created_at")));
    assertFalse(old.isEmpty(), "PostgreSQL cannot prove that amount > 200 implies (amount)::numeric > 100.5: " + old);
  }

  @Test
  void incrementalSortIsItsOwnVerdict() throws Exception {
    Resolution now = coverage.resolution("accountByKind");
    assertEquals("events_account_kind", now.index().name());
    assertEquals(OrderSort.INCREMENTAL, now.sort());
    assertEquals(List.of(), againstPlanner(now));
    Resolution old = new Resolution(now.query(), null, false, OrderSort.FULL, List.of(), List.of("old claim"), List.of());
    List<Diagnostic> found = againstPlanner(old);
    assertEquals(List.of("MC953"), found.stream().map(Diagnostic::code).toList(), found.toString());
  }

  @Test
  void readsPlansInJson() throws Exception {
    QueryPlan plan = GenericPlans.explain(connection,
        "SELECT id FROM events WHERE region = ? AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 50");
    assertNotNull(plan.root());
    assertTrue(plan.summary().startsWith("Limit > "), plan.summary());
    assertEquals(java.util.Set.of("deleted_at", "kind", "region"),
        QueryPlan.columnsIn("((region = $1) AND (deleted_at IS NULL) AND ((kind)::text = 'a''b x'::text))"));
  }

  @Test
  void anIndexConditionMissingAClaimedColumnDisagrees() throws Exception {
    Resolution now = coverage.resolution("accountByKind");
    Resolution wrong = new Resolution(now.query(), now.index(), false, now.sort(), List.of("account_id", "kind"),
        List.of("wrong claim"), List.of());
    List<Diagnostic> found = againstPlanner(wrong);
    assertEquals(List.of("MC952"), found.stream().map(Diagnostic::code).toList(), found.toString());
  }

  @Test
  void anotherIndexThanTheClaimedOneDisagrees() throws Exception {
    Resolution now = coverage.resolution("accountByKind");
    Resolution wrong = new Resolution(now.query(), model.table("events").orElseThrow().index("events_big").orElseThrow(),
        false, OrderSort.NONE, List.of(), List.of("wrong claim"), List.of());
    List<Diagnostic> found = againstPlanner(wrong);
    assertEquals(List.of("MC950"), found.stream().map(Diagnostic::code).toList(), found.toString());
  }
}
