package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.Database;
import dev.modelc.model.Model;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --usage}: a plan that retires an index scanned inside the window is refused
 * (MC620) until its tombstone says why; every drop step of plan.md shows its evidence.
 */
class PlanUsageTest {
  static final String V1 = """
      model: shop
      tables:
        orders:
          columns:
            id:       { type: bigint, primaryKey: true }
            customer: { type: bigint }
            state:    { type: text }
          indexes:
            orders_customer: { columns: [customer], reason: r }
            orders_state:    { columns: [state], reason: r }
      queries:
        byCustomer: { table: orders, where: { customer: "=" } }
        byState:    { table: orders, where: { state: "=" } }
      """;
  static final String V2 = """
      model: shop
      tables:
        orders:
          columns:
            id:       { type: bigint, primaryKey: true }
            customer: { type: bigint }
            state:    { type: text }
      queries:
        byId: { table: orders, where: { id: "=" } }
      retired:
        indexes:
          orders.orders_customer: { reason: Customers page moved to the search service.%s }
          orders.orders_state:    { reason: No reader left. }
      """;

  static Path dir;
  static Path history;
  static String window;
  static String asOf;

  @BeforeAll
  static void recordAroundAWorkload(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Files.writeString(tmp.resolve("v1.yaml"), V1);
    Model v1 = Compiler.compile(List.of(tmp.resolve("v1.yaml"))).model().orElseThrow();
    String url = Postgres.freshDatabase("plan_usage");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute(PostgresDdl.createSchema(v1));
      s.execute("INSERT INTO orders SELECT i, i % 50, 's' || (i % 5) FROM generate_series(1, 2000) i");
    }
    history = tmp.resolve("usage.jsonl");
    Database db = Database.of(url, "postgres", null);
    Snapshot before = UsageRecorder.snapshot("primary", db, 10_000);
    UsageHistory.append(history, List.of(before));
    Thread.sleep(1100);
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      s.execute("SELECT * FROM orders WHERE customer = 7");
      s.execute("SELECT pg_stat_force_next_flush()");
    }
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      for (int i = 0; i < 100; i++) {
        var rs = s.executeQuery("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'orders_customer'");
        rs.next();
        if (rs.getLong(1) > 0) {
          break;
        }
        Thread.sleep(100);
      }
    }
    Snapshot after = UsageRecorder.snapshot("primary", db, 10_000);
    UsageHistory.append(history, List.of(after));
    window = Duration.between(before.taken(), after.taken()).toSeconds() + "s";
    asOf = after.taken().toString();
  }

  private static Cli.Result plan(String droppedDespiteUse, String... more) throws Exception {
    Files.writeString(dir.resolve("v2.yaml"), String.format(V2, droppedDespiteUse));
    List<String> args = new java.util.ArrayList<>(List.of("plan", "--from", dir.resolve("v1.yaml").toString(), "--to",
        dir.resolve("v2.yaml").toString(), "--usage", history.toString(), "--usage-window", window, "--usage-as-of", asOf));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void droppingAnIndexUsedInTheWindowNeedsAReason() throws Exception {
    Cli.Result refused = plan("");
    assertEquals(1, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("error[MC620]: the plan drops index 'orders_customer', which was used inside"),
        refused.err());
    assertTrue(refused.err().contains("no plan: it drops what the usage history shows in use"), refused.err());
    assertTrue(refused.out().isEmpty(), "nothing is printed: " + refused.out());
  }

  @Test
  void theReasonLetsThePlanThroughWithTheEvidenceNextToEachDrop() throws Exception {
    Cli.Result planned = plan(", droppedDespiteUse: \"The search service serves it now; the last scans are its backfill.\"");
    assertEquals(3, planned.exitCode(), planned.all());
    String md = planned.out();
    assertTrue(md.contains("- **Usage evidence:** scans over the last " + UsageReport.describe(
        Duration.ofSeconds(Long.parseLong(window.replace("s", "")))) + ": primary 1; last used 20"), md);
    assertTrue(md.contains("USED inside the window; dropped despite use: The search service serves it now"), md);
    assertTrue(md.contains("primary 0; last used never recorded; unused on every node"), md);
  }

  @Test
  void theSummaryShowsTheSameEvidenceNextToEachDrop() throws Exception {
    Cli.Result planned = plan(", droppedDespiteUse: \"The search service serves it now; the last scans are its backfill.\"",
        "--format", "summary");
    assertEquals(3, planned.exitCode(), planned.all());
    String summary = planned.out();
    assertTrue(summary.contains("**Usage evidence** over the last " + UsageReport.describe(
        Duration.ofSeconds(Long.parseLong(window.replace("s", "")))) + ", for the 2 drops of indexes and tables: 1 used inside"
        + " the window (1 dropped despite use, for the reason its tombstone gives), 1 unused."), summary);
    assertTrue(summary.contains("| # | step | phase | why listed | lock | usage evidence |"), summary);
    assertTrue(summary.matches("(?s).*\\| `drop-index:orders_customer` \\|[^\n]*\\| \\*\\*used\\*\\*: scans primary 1; last used 20[^\n]*;"
        + " dropped despite use: The search service serves it now; the last scans are its backfill\\. \\|\n.*"), summary);
    assertTrue(summary.matches("(?s).*\\| `drop-index:orders_state` \\|[^\n]*\\| unused: scans primary 0; last used never recorded \\|\n.*"),
        summary);
    assertTrue(summary.length() <= dev.modelc.render.PlanSummaryRenderer.MAX_CHARS, summary.length() + " characters");
  }

  @Test
  void unknownUseIsAWarningNextToTheDrop() throws Exception {
    // a 30-day window reaches back before the test server's statistics began: nothing can be proven unused
    Files.writeString(dir.resolve("v2.yaml"), String.format(V2, ", droppedDespiteUse: \"Moved.\""));
    Cli.Result planned = Cli.run("plan", "--from", dir.resolve("v1.yaml").toString(), "--to",
        dir.resolve("v2.yaml").toString(), "--usage", history.toString(), "--usage-window", "30d");
    assertEquals(3, planned.exitCode(), planned.all());
    assertTrue(planned.err().contains("warning[MC621]: the plan drops index 'orders_state', whose use over the last 30 days"
        + " is unknown"), planned.err());
    assertTrue(planned.out().contains("primary 0; last used never recorded; unknown: "), planned.out());
    Cli.Result summary = Cli.run("plan", "--from", dir.resolve("v1.yaml").toString(), "--to", dir.resolve("v2.yaml").toString(),
        "--usage", history.toString(), "--usage-window", "30d", "--format", "summary");
    assertEquals(3, summary.exitCode(), summary.all());
    assertTrue(summary.out().contains(" | **unknown**: scans primary 0; last used never recorded; "), summary.out());
    assertTrue(summary.out().contains("**Usage evidence** over the last 30 days, for the 2 drops of indexes and tables: "),
        summary.out());
  }
}
