package dev.modelc.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.testing.Cli;
import dev.modelc.testing.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Game days on a primary and a streaming replica: the incident replayed (a query still uses the
 * old index after the deploy, on the replica only: apply refuses the drop, naming the replica and
 * the scans), and an immediate shutdown of the primary in the middle of apply (after the restart
 * apply completes, but only once the usage gate, which fails closed on the discarded statistics,
 * has new evidence).
 */
class ApplyClusterTest {
  static PostgresCluster cluster;

  @TempDir
  static Path temp;

  @BeforeAll
  static void start() {
    cluster = PostgresCluster.start(1);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static Path approvals(Path plan, String name) throws Exception {
    ReviewedPlan reviewed = PlanReader.read(plan).plan();
    Path file = temp.resolve(name + "-approvals.yaml");
    Files.writeString(file, "plan: " + reviewed.hash() + "\napprovals:\n  - by: oncall@example.com\n    steps: ["
        + String.join(", ", reviewed.steps().stream().filter(PlanStep::approvalRequired).map(PlanStep::id).toList()) + "]\n");
    return file;
  }

  static Cli.Result apply(Path plan, Path approvals, String db, String... more) {
    List<String> args = new ArrayList<>(List.of("apply", plan.toString(), "--url", cluster.primary().jdbcUrl(db), "--replica",
        cluster.replica().jdbcUrl(db), "--approvals", approvals.toString(), "--progress", "plain", "--retry-delay", "50ms", "--stats-settle", "1s"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void theIncidentReplayedApplyRefusesToDropAnIndexTheReplicaStillUses() throws Exception {
    String scenario = GameDay.INCIDENT;
    String db = cluster.createDatabase("incident");
    GameDay.seed(cluster.primary().jdbcUrl(db), scenario, 5_000);
    cluster.waitForReplay();
    Path plan = GameDay.writePlan(scenario, temp.resolve("incident"));
    Path approvals = approvals(plan, "incident");

    Cli.Result expand = apply(plan, approvals, db, "--until", "deploy");
    assertEquals(0, expand.exitCode(), expand.all());
    assertTrue(expand.out().contains("recorded the use of index charges_merchant_created on primary localhost:" + cluster.primary().port()
        + "/incident, replica localhost:" + cluster.replica().port() + "/incident"), expand.out());
    Cli.Result confirm = apply(plan, approvals, db, "--deployed", "--usage-window", "1h");
    assertEquals(4, confirm.exitCode(), "no evidence yet right after the confirmation: " + confirm.all());
    assertTrue(confirm.err().contains("of evidence since the deploy was confirmed"), confirm.err());

    // after the deploy, a reporting query on the replica still uses the old index
    cluster.waitForReplay();
    try (Connection replica = cluster.replica().connect(db)) {
      // the old version's report reads charges in (merchant, oldest first) order: only the old index has that order
      String query = "SELECT merchant_id, created_at FROM charges ORDER BY merchant_id, created_at LIMIT 10";
      String explained = GameDay.lines(replica, "EXPLAIN " + query);
      assertTrue(explained.contains("using charges_merchant_created on charges"), "the replica's query uses the old index: " + explained);
      for (int i = 0; i < 3; i++) {
        GameDay.lines(replica, query);
      }
    }
    cluster.replica().waitUntil(db, "SELECT idx_scan >= 3 FROM pg_stat_user_indexes WHERE indexrelname = 'charges_merchant_created'", 30);
    Thread.sleep(2_000); // the usage window has passed: only the evidence decides now

    Cli.Result drop = apply(plan, approvals, db, "--usage-window", "2s");
    assertEquals(4, drop.exitCode(), drop.all());
    assertTrue(drop.err().contains("step 3. drop-index:charges_merchant_created did not run: a gate failed (exit 4)"), drop.err());
    assertTrue(drop.err().contains("index charges_merchant_created was scanned 3 times on replica localhost:" + cluster.replica().port()
        + "/incident since the deploy was confirmed"), drop.err());
    assertTrue(drop.err().contains("primary localhost:" + cluster.primary().port() + "/incident: 0 scans since the deploy"), drop.err());
    try (Connection primary = cluster.primary().connect(db)) {
      assertEquals(1, GameDay.count(primary, "SELECT count(*) FROM pg_indexes WHERE indexname = 'charges_merchant_created'"),
          "the old index is still there");
      assertTrue(GameDay.text(primary, "SELECT error FROM modelc.steps WHERE step_id = 'drop-index:charges_merchant_created'")
          .contains("scanned 3 times on replica"), "the journal records why");
    }

    // the reporting job is moved to the new index; the evidence starts again, and this time nothing uses the old index
    Cli.Result again = apply(plan, approvals, db, "--rebaseline", "--usage-window", "1h");
    assertEquals(4, again.exitCode(), again.all());
    assertTrue(again.err().contains("of evidence since the deploy was confirmed"), again.err());
    Thread.sleep(2_000);
    Cli.Result done = apply(plan, approvals, db, "--usage-window", "2s");
    assertEquals(0, done.exitCode(), done.all());
    try (Connection primary = cluster.primary().connect(db)) {
      assertTrue(GameDay.text(primary, "SELECT indexdef FROM pg_indexes WHERE indexname = 'charges_merchant_created'").contains("DESC"),
          "the replacement took the name");
    }
  }

  @Test
  void anImmediateShutdownMidApplyThenRestartCompletesAndTheUsageGateFailsClosedOnTheReset() throws Exception {
    String db = cluster.createDatabase("crash");
    String url = cluster.primary().jdbcUrl(db);
    GameDay.seed(url, GameDay.SCENARIO, 20_000);
    cluster.waitForReplay();
    Path plan = GameDay.writePlan(GameDay.SCENARIO, temp.resolve("crash"));
    Path approvals = approvals(plan, "crash");

    // 1. the primary goes down in the middle of the concurrent index build (expand), which waits for an old snapshot
    crashWhileWaiting(url, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM merchants",
        "SELECT count(*) > 0 FROM pg_stat_progress_create_index WHERE phase = 'waiting for old snapshots'",
        () -> apply(plan, approvals, db, "--until", "deploy"));
    Cli.Result expand = apply(plan, approvals, db, "--until", "deploy");
    assertEquals(0, expand.exitCode(), expand.all());
    assertTrue(expand.out().contains("index charges_merchant_created__new is INVALID"), "the crash left the build INVALID: " + expand.out());

    // 2. the primary goes down while the swap of the retyped column waits for its lock (contract)
    crashWhileWaiting(url, "LOCK TABLE charges IN ACCESS SHARE MODE",
        "SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DROP TRIGGER%modelc_sync_charges_amount__trg%'",
        () -> apply(plan, approvals, db, "--deployed", "--usage-window", "0s", "--lock-retries", "50"));

    // 3. after the restart the plan goes on, but the drop of the old index stops: the primary's statistics were discarded
    Cli.Result after = apply(plan, approvals, db, "--usage-window", "0s");
    assertEquals(4, after.exitCode(), after.all());
    assertTrue(after.err().contains("step 17. drop-index:charges_merchant_created did not run"), after.err());
    assertTrue(after.err().contains("primary localhost:" + cluster.primary().port() + "/crash discarded its statistics when it started at"),
        after.err());
    assertTrue(after.err().contains("crash recovery after a crash or an immediate shutdown"), after.err());

    // 4. new evidence from now on, on every node; then the plan completes with every row and value
    Cli.Result rebaseline = apply(plan, approvals, db, "--rebaseline", "--usage-window", "1h");
    assertEquals(4, rebaseline.exitCode(), rebaseline.all());
    Thread.sleep(2_000);
    Cli.Result done = apply(plan, approvals, db, "--usage-window", "2s");
    assertEquals(0, done.exitCode(), done.all());
    String fresh = cluster.createDatabase("crash_fresh");
    GameDay.assertMigrated(url, cluster.primary().jdbcUrl(fresh), GameDay.SCENARIO, 20_000);
  }

  /**
   * Holds {@code lock} in a transaction until the boolean query {@code waiting} shows apply waiting
   * behind it, then stops the primary immediately (a crash) and starts it again.
   */
  static void crashWhileWaiting(String url, String lock, String waiting, java.util.function.Supplier<Cli.Result> apply) throws Exception {
    Connection blocker = GameDay.connect(url);
    blocker.setAutoCommit(false);
    try (Statement s = blocker.createStatement()) {
      s.execute(lock);
    }
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(apply);
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Connection watch = GameDay.connect(url)) {
      while (!"t".equals(GameDay.text(watch, waiting))) {
        assertTrue(System.nanoTime() < deadline && !run.isDone(), "apply never waited: " + waiting + (run.isDone() ? "\n" + run.get().all() : ""));
        Thread.sleep(20);
      }
    }
    cluster.primary().stopImmediate();
    try {
      blocker.close();
    } catch (java.sql.SQLException closedByTheCrash) {
      // the blocker's connection died with the server
    }
    Cli.Result crashed = run.get(60, TimeUnit.SECONDS);
    assertEquals(1, crashed.exitCode(), "apply reports the lost server as an error: " + crashed.all());
    cluster.primary().start();
    cluster.waitForReplay();
  }
}
