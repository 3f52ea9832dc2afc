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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Game day: {@code kill -9} of the apply process at every step boundary of the 18-step game-day
 * plan (index replacement, column rename with backfill, type change, new foreign key validated),
 * between two batches of a backfill, while a backfill batch waits for a row lock, and while a
 * concurrent index build waits for an old snapshot. Each time a second apply completes the plan,
 * and the database must be v2's schema exactly, with every row and every renamed or retyped value.
 * A primary and a streaming replica serve; apply reads both for the usage gate.
 */
class ApplyKillTest {
  /** Rows of the boundary game days; the backfill game days use more, so a backfill takes several batches. */
  static final int ROWS = 2_000;
  static final int BACKFILL_ROWS = 20_000;
  static final int STEPS = 18;
  static final AtomicInteger KILLS = new AtomicInteger();
  static PostgresCluster cluster;
  static Path plan;
  static Path approvals;
  static String target;

  @TempDir
  static Path temp;

  @BeforeAll
  static void start() throws Exception {
    cluster = PostgresCluster.start(1);
    target = GameDay.target(cluster.primary().jdbcUrl(cluster.createDatabase("target")), GameDay.SCENARIO);
    plan = GameDay.writePlan(GameDay.SCENARIO, temp.resolve("plan"));
    ReviewedPlan reviewed = PlanReader.read(plan).plan();
    assertEquals(STEPS, reviewed.steps().size());
    approvals = temp.resolve("approvals.yaml");
    Files.writeString(approvals, "plan: " + reviewed.hash() + "\napprovals:\n  - by: game-day\n    steps: ["
        + String.join(", ", reviewed.steps().stream().filter(PlanStep::approvalRequired).map(PlanStep::id).toList()) + "]\n");
  }

  @AfterAll
  static void stop() {
    System.out.println("apply kill points exercised: " + KILLS.get());
    cluster.close();
  }

  static String database(String name, int rows) throws Exception {
    cluster.createDatabase(name);
    GameDay.seed(cluster.primary().jdbcUrl(name), GameDay.SCENARIO, rows);
    cluster.waitForReplay();
    return name;
  }

  static List<String> args(String db) {
    return new ArrayList<>(List.of(plan.toString(), "--url", cluster.primary().jdbcUrl(db), "--replica", cluster.replica().jdbcUrl(db),
        "--approvals", approvals.toString(), "--deployed", "--usage-window", "0s", "--progress", "plain", "--retry-delay", "50ms", "--stats-settle", "0s"));
  }

  /** Runs apply to the end (in this JVM) and checks the result against v2 created from scratch. */
  static void completes(String db, int rows) throws Exception {
    Cli.Result rerun = Cli.run(Stream.concat(Stream.of("apply"), args(db).stream()).toArray(String[]::new));
    assertEquals(0, rerun.exitCode(), rerun.all());
    assertTrue(rerun.out().contains("is applied completely"), rerun.all());
    GameDay.assertMigratedTo(cluster.primary().jdbcUrl(db), target, GameDay.SCENARIO, rows);
    try (Connection c = GameDay.connect(cluster.primary().jdbcUrl(db))) {
      assertEquals(0, GameDay.count(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), "nothing is left locked");
      assertEquals(0, GameDay.count(c, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"), "no INVALID index is left");
    }
  }

  /** Kills apply where it halts (the environment variable stops it there), then completes with a new apply. */
  static void killAt(String db, String point) throws Exception {
    ApplyProcess p = ApplyProcess.start(args(db), point);
    p.awaitHalt(point, 120);
    p.kill9();
    KILLS.incrementAndGet();
  }

  @TestFactory
  Stream<DynamicTest> killedAtEveryStepBoundaryItResumesAndCompletes() {
    List<String> points = new ArrayList<>(List.of("step:1"));
    IntStream.rangeClosed(1, STEPS).forEach(k -> points.add("after:" + k));
    return points.stream().map(point -> DynamicTest.dynamicTest(point, () -> {
      String db = database("kill_" + point.replace(':', '_'), ROWS);
      killAt(db, point);
      if (point.startsWith("after:")) {
        int k = Integer.parseInt(point.substring("after:".length()));
        try (Connection c = GameDay.connect(cluster.primary().jdbcUrl(db))) {
          assertEquals(k, GameDay.count(c, "SELECT count(*) FROM modelc.steps WHERE status IN ('done', 'skipped-already-present')"),
              "the journal holds exactly the steps done before the kill");
        }
      }
      completes(db, ROWS);
      try (Connection c = GameDay.connect(cluster.primary().jdbcUrl(db))) {
        assertEquals(0, GameDay.count(c, "SELECT count(*) FROM modelc.steps WHERE kind <> 'deploy' AND attempts > 1 "
            + "AND kind NOT IN ('backfill', 'build-index', 'drop-index')"), "a transactional step recorded done never runs twice");
      }
    }));
  }

  @Test
  void killedBetweenTwoBatchesOfABackfillItResumesAfterTheLastCommittedBatch() throws Exception {
    String db = database("kill_between_batches", BACKFILL_ROWS);
    killAt(db, "batch:backfill:charges.description:1");
    long done;
    try (Connection c = GameDay.connect(cluster.primary().jdbcUrl(db))) {
      assertEquals(1, GameDay.count(c, "SELECT batches FROM modelc.backfills WHERE step_id = 'backfill:charges.description'"));
      done = GameDay.count(c, "SELECT rows_done FROM modelc.backfills WHERE step_id = 'backfill:charges.description'");
      assertTrue(done > 0 && done < BACKFILL_ROWS, "the first batch did part of the work: " + done);
      assertEquals(done, GameDay.count(c, "SELECT count(*) FROM charges WHERE description IS NOT DISTINCT FROM memo AND memo IS NOT NULL"),
          "the journal's count is what the committed batch wrote");
    }
    Cli.Result rerun = Cli.run(Stream.concat(Stream.of("apply"), args(db).stream()).toArray(String[]::new));
    assertEquals(0, rerun.exitCode(), rerun.all());
    assertTrue(rerun.out().contains("resuming after batch 1"), rerun.all());
    GameDay.assertMigratedTo(cluster.primary().jdbcUrl(db), target, GameDay.SCENARIO, BACKFILL_ROWS);
  }

  @Test
  void killedWhileABackfillBatchIsRunningItCompletes() throws Exception {
    String db = database("kill_in_batch", BACKFILL_ROWS);
    killAt(db, "after:" + (number("backfill:charges.amount__new") - 1)); // the sync trigger is in place; the backfill is next
    String url = cluster.primary().jdbcUrl(db);
    try (Connection blocker = GameDay.connect(url); Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("SELECT * FROM charges WHERE ctid = '(0,1)' FOR UPDATE"); // the first batch waits for this row
      ApplyProcess p = ApplyProcess.start(args(db), null);
      waitUntil(url, "SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE%charges%amount__new%'", p);
      p.kill9();
      KILLS.incrementAndGet();
      blocker.rollback();
    }
    completes(db, BACKFILL_ROWS);
  }

  @Test
  void killedWhileAConcurrentIndexBuildWaitsItDropsTheInvalidIndexAndBuildsAgain() throws Exception {
    String db = database("kill_in_build", ROWS);
    killAt(db, "after:" + (number("build-index:charges_merchant_created__new") - 1)); // the concurrent build is next
    String url = cluster.primary().jdbcUrl(db);
    try (Connection blocker = GameDay.connect(url); Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("SELECT count(*) FROM merchants"); // an old snapshot: the build waits for it before it can finish
      ApplyProcess p = ApplyProcess.start(args(db), null);
      waitUntil(url, "SELECT count(*) > 0 FROM pg_stat_progress_create_index WHERE phase = 'waiting for old snapshots'", p);
      p.kill9();
      KILLS.incrementAndGet();
      // the server notices within seconds that apply is gone (client_connection_check_interval) and ends the build
      waitUntil(url, "SELECT count(*) = 0 FROM pg_stat_progress_create_index", null);
      blocker.rollback();
    }
    try (Connection c = GameDay.connect(url)) {
      assertEquals("f", GameDay.text(c, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'charges_merchant_created__new'::regclass"),
          "the interrupted build left an INVALID index");
    }
    completes(db, ROWS);
  }

  @Test
  void twoConcurrentAppliesOneRunsTheOtherWaitsAndNamesTheHolder() throws Exception {
    String db = database("two_applies", ROWS);
    ApplyProcess first = ApplyProcess.start(args(db), "step:3");
    first.awaitHalt("step:3", 120);
    List<String> second = args(db);
    second.addAll(List.of("--lock-wait", "2s"));
    ApplyProcess other = ApplyProcess.start(second, null);
    assertEquals(7, other.await(60), other.output());
    String pid;
    try (Connection c = GameDay.connect(cluster.primary().jdbcUrl(db))) {
      pid = GameDay.text(c, "SELECT backend_pid FROM modelc.runs WHERE finished_at IS NULL");
    }
    assertTrue(other.output().contains("another apply holds the lock on localhost:" + cluster.primary().port() + "/" + db + ": pid " + pid
        + " (application_name 'modelc apply shop', user postgres"), other.output());
    assertTrue(other.output().contains("applying plan " + PlanReader.read(plan).plan().shortHash() + " of model shop since "), other.output());
    assertTrue(other.output().contains("gave up after waiting 2.0 s (exit 7)"), other.output());
    first.kill9();
    KILLS.incrementAndGet();
    completes(db, ROWS); // the lock died with the killed process's connection
  }

  /** The 1-based number of the step {@code id} in the plan. */
  static int number(String id) {
    return PlanReader.read(plan).plan().step(id).orElseThrow().number();
  }

  /** Polls a boolean query until it is true; fails if {@code process} ends first. */
  static void waitUntil(String url, String query, ApplyProcess process) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Connection c = GameDay.connect(url)) {
      while (System.nanoTime() < deadline) {
        if ("t".equals(GameDay.text(c, query))) {
          return;
        }
        if (process != null && !process.alive()) {
          throw new AssertionError("apply ended before: " + query + "\n" + process.output());
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("never true: " + query + (process == null ? "" : "\n" + process.output()));
  }
}
