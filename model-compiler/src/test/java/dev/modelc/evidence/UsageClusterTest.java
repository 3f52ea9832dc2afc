package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.evidence.UsageReport.Verdict;
import dev.modelc.live.Database;
import dev.modelc.model.Model;
import dev.modelc.render.UsageRenderer;
import dev.modelc.testing.Cli;
import dev.modelc.testing.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelc usage} against a real primary and a streaming replica: a workload runs between
 * two snapshots, on the primary and on the replica; the report must see the replica's scans
 * (the primary knows nothing of them), and must answer "unknown", never "unused", once a node's
 * counters were reset (pg_stat_reset on the primary, a crash of the replica) inside the window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageClusterTest {
  static final String MODEL = """
      model: usage
      policy:
        usage: { ignoreSmallerThan: 0B }
      tables:
        events:
          rows: 10000
          columns:
            id:         { type: bigint, primaryKey: true }
            account_id: { type: bigint }
            kind:       { type: text }
            amount:     { type: bigint }
            region:     { type: int }
            created_at: { type: timestamptz }
          indexes:
            events_account: { columns: [account_id], reason: r }
            events_kind:    { columns: [kind], reason: r }
            events_amount:  { columns: [amount], reason: r, keep: reports }
            events_region:  { columns: [region], reason: r }
      queries:
        byAccount: { table: events, where: { account_id: "=" } }
        byKind:    { table: events, where: { kind: "=" } }
        byRegion:  { table: events, where: { region: "=" }, traffic: critical }
      """;

  static PostgresCluster cluster;
  static Model model;
  static Compilation compilation;
  static Path dir;
  static Path history;
  static final String DB = "usage";
  static Snapshot firstPrimary;

  @BeforeAll
  static void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Files.writeString(tmp.resolve("usage.yaml"), MODEL);
    compilation = Compiler.compile(List.of(tmp.resolve("usage.yaml")));
    model = compilation.model().orElseThrow(() -> new AssertionError(compilation.diagnostics().toString()));
    history = tmp.resolve("usage.jsonl");
    cluster = PostgresCluster.start(1);
    cluster.createDatabase(DB);
    cluster.primary().execute(DB, PostgresDdl.createSchema(model));
    // an index no declared query serves, and rows to scan
    cluster.primary().execute(DB, "CREATE INDEX events_created ON events (created_at)");
    cluster.primary().execute(DB, "INSERT INTO events SELECT i, i % 100, 'k' || (i % 7), i, i % 10,"
        + " now() - i * interval '1 minute' FROM generate_series(1, 5000) i; ANALYZE events");
    cluster.waitForReplay();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Snapshot snapshot(PostgresCluster.Node node) throws Exception {
    return UsageRecorder.snapshot(node.name(), Database.of(node.jdbcUrl(DB), null, null), 30_000);
  }

  /** Runs queries on {@code node} with the sequential scan off, so each one scans its index. */
  private static void workload(PostgresCluster.Node node, String... queries) throws Exception {
    try (Connection c = node.connect(DB); Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      s.execute("SET enable_bitmapscan = off");
      for (String q : queries) {
        for (int i = 0; i < 5; i++) {
          s.execute(q);
        }
      }
      s.execute("SELECT pg_stat_force_next_flush()");
      s.execute("SELECT 1");
    }
  }

  private static void record(List<Snapshot> snapshots) throws Exception {
    UsageHistory.append(history, snapshots);
    Thread.sleep(1100); // the window is counted in whole seconds
  }

  private static UsageReport.Report reportSince(Snapshot baseline) throws Exception {
    UsageHistory.Read read = UsageHistory.read(history);
    assertTrue(read.diagnostics().isEmpty(), read.diagnostics().toString());
    Instant to = read.snapshots().get(read.snapshots().size() - 1).taken();
    Duration window = Duration.ofSeconds(Duration.between(baseline.taken(), to).toSeconds());
    return UsageReport.report(model, compilation.coverage().orElseThrow(), read.snapshots(), window, to);
  }

  private static void waitForScans(PostgresCluster.Node node, String index, long atLeast) {
    node.waitUntil(DB, "SELECT idx_scan >= " + atLeast + " FROM pg_stat_user_indexes WHERE indexrelname = '"
        + index + "'", 30);
  }

  @Test
  @Order(1)
  void replicaOnlyUseShowsAsUsed() throws Exception {
    firstPrimary = snapshot(cluster.primary());
    record(List.of(firstPrimary, snapshot(cluster.replica())));
    workload(cluster.primary(), "SELECT * FROM events WHERE account_id = 7",
        "SELECT * FROM events WHERE created_at > now() - interval '1 hour'");
    workload(cluster.replica(), "SELECT * FROM events WHERE kind = 'k3'");
    waitForScans(cluster.primary(), "events_account", 5);
    waitForScans(cluster.replica(), "events_kind", 5);
    record(List.of(snapshot(cluster.primary()), snapshot(cluster.replica())));

    UsageReport.Report report = reportSince(firstPrimary);
    String text = UsageRenderer.text(report);
    UsageReport.Entry kind = report.entry("events", "events_kind").orElseThrow();
    assertEquals(Verdict.USED, kind.verdict(), text);
    NodeUsage onPrimary = kind.nodes().stream().filter(n -> n.node().equals("primary")).findFirst().orElseThrow();
    NodeUsage onReplica = kind.nodes().stream().filter(n -> n.node().equals("replica1")).findFirst().orElseThrow();
    assertEquals(0L, onPrimary.scans(), text);
    assertTrue(onReplica.standby() && onReplica.scans() >= 5, text);
    assertEquals(Verdict.USED, report.entry("events", "events_account").orElseThrow().verdict(), text);
    assertEquals(Verdict.USED_UNDECLARED, report.entry("events", "events_created").orElseThrow().verdict(), text);
    assertEquals(Verdict.SUSPECT, report.entry("events", "events_region").orElseThrow().verdict(), text);
    assertEquals(Verdict.UNUSED, report.entry("events", "events_amount").orElseThrow().verdict(), text);
    assertEquals(Verdict.KEPT_BY_POLICY, report.entry("events", "events_pkey").orElseThrow().verdict(), text);
    assertEquals(java.util.Set.of("MC970", "MC971", "MC972"),
        report.diagnostics().stream().map(d -> d.code()).collect(java.util.stream.Collectors.toSet()), text);

    // the command line reads the same history
    Cli.Result cli = Cli.run("usage", "report", dir.resolve("usage.yaml").toString(), "--history", history.toString(),
        "--window", report.window().toSeconds() + "s", "--as-of", report.to().toString());
    assertEquals(3, cli.exitCode(), cli.all());
    assertTrue(cli.out().contains("unused on every node"), cli.out());

    // plan --usage retiring the index only the replica scanned: the summary shows the replica's scans next to the drop
    String retired = MODEL.replace("      events_kind:    { columns: [kind], reason: r }\n", "")
        .replace("      events_amount:  { columns: [amount], reason: r, keep: reports }\n", "")
        .replace("  byKind:    { table: events, where: { kind: \"=\" } }\n", "")
        + "retired:\n  indexes:\n"
        + "    events.events_kind: { reason: Kinds moved., droppedDespiteUse: \"The replica's reports read the warehouse now.\" }\n"
        + "    events.events_amount: { reason: No reader. }\n";
    Files.writeString(dir.resolve("retired.yaml"), retired);
    Cli.Result plan = Cli.run("plan", "--from", dir.resolve("usage.yaml").toString(), "--to", dir.resolve("retired.yaml").toString(),
        "--usage", history.toString(), "--usage-window", report.window().toSeconds() + "s", "--usage-as-of", report.to().toString(),
        "--format", "summary");
    assertEquals(3, plan.exitCode(), plan.all());
    assertTrue(plan.out().contains(", for the 2 drops of indexes and tables: 1 used inside the window (1 dropped despite use,"
        + " for the reason its tombstone gives), 1 unused."), plan.out());
    assertTrue(plan.out().matches("(?s).*\\| `drop-index:events_kind` \\|[^\n]*\\| \\*\\*used\\*\\*: scans primary 0, replica1"
        + " \\(standby\\) [1-9][0-9]*; last used 20[^\n]*; dropped despite use: The replica's reports read the warehouse now\\. \\|\n.*"),
        plan.out());
    assertTrue(plan.out().matches("(?s).*\\| `drop-index:events_amount` \\|[^\n]*\\| unused: scans primary 0, replica1 \\(standby\\) 0;"
        + " last used never recorded \\|\n.*"), plan.out());
  }

  @Test
  @Order(2)
  void aResetInsideTheWindowGivesUnknownNeverUnused() throws Exception {
    cluster.primary().execute(DB, "SELECT pg_stat_reset()");
    record(List.of(snapshot(cluster.primary()), snapshot(cluster.replica())));
    UsageReport.Report report = reportSince(firstPrimary);
    String text = UsageRenderer.text(report);
    UsageReport.Entry amount = report.entry("events", "events_amount").orElseThrow();
    assertEquals(Verdict.UNKNOWN, amount.verdict(), text);
    assertTrue(amount.why().contains("primary") && amount.why().contains("reset"), text);
    assertTrue(report.diagnostics().stream().anyMatch(d -> d.code().equals("MC973")
        && d.message().contains("events_amount")), report.diagnostics().toString());
    // use proven before the reset still counts: the replica's scans
    assertEquals(Verdict.USED, report.entry("events", "events_kind").orElseThrow().verdict(), text);
  }

  @Test
  @Order(3)
  void aCrashedReplicaGivesUnknown() throws Exception {
    Snapshot before = snapshot(cluster.replica());
    record(List.of(snapshot(cluster.primary()), before));
    cluster.replica().crashAndRestart();
    cluster.waitForReplay();
    Snapshot after = snapshot(cluster.replica());
    assertNotEquals(before.statistics().sharedStatsReset(), after.statistics().sharedStatsReset(),
        "the replica discarded its statistics in crash recovery");
    record(List.of(snapshot(cluster.primary()), after));
    UsageReport.Report report = reportSince(before);
    String text = UsageRenderer.text(report);
    UsageReport.Entry amount = report.entry("events", "events_amount").orElseThrow();
    assertEquals(Verdict.UNKNOWN, amount.verdict(), text);
    assertTrue(amount.why().contains("replica1"), text);
  }
}
