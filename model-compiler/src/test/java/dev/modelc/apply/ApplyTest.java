package dev.modelc.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.testing.Cli;
import dev.modelc.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelc apply} against a real PostgreSQL (one server): the game-day plan end to end with
 * approvals, the deploy stop and the journal; refusals (gates, approvals, other plans, the lock,
 * a newer journal); retries after lock timeouts; an INVALID index rebuilt; the dry run writing
 * nothing.
 */
class ApplyTest {
  static final int ROWS = 3_000;
  static Path plan;
  static Path approvals;

  @TempDir
  static Path temp;

  @BeforeAll
  static void writePlan() throws Exception {
    plan = GameDay.writePlan(GameDay.SCENARIO, temp.resolve("plan"));
    approvals = temp.resolve("approvals.yaml");
    ReviewedPlan reviewed = PlanReader.read(plan).plan();
    List<String> ids = reviewed.steps().stream().filter(PlanStep::approvalRequired).map(PlanStep::id).toList();
    Files.writeString(approvals, "plan: " + reviewed.hash() + "\napprovals:\n  - by: alice@example.com\n    note: reviewed in the pull request\n"
        + "    steps: [" + String.join(", ", ids) + "]\n");
  }

  static String database(String name) throws Exception {
    String url = Postgres.freshDatabase(name);
    GameDay.seed(url, GameDay.SCENARIO, ROWS);
    return url;
  }

  static Cli.Result apply(String url, String... more) {
    List<String> args = new ArrayList<>(List.of("apply", plan.toString(), "--url", url, "--progress", "plain", "--approvals",
        approvals.toString(), "--retry-delay", "50ms", "--stats-settle", "0s"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void theGameDayPlanStopsAtTheDeployThenCompletesWithEveryValueKept() throws Exception {
    String url = database("apply_e2e");
    Cli.Result expand = apply(url, "--until", "deploy");
    assertEquals(0, expand.exitCode(), expand.all());
    assertTrue(expand.out().contains("stopped at the deploy"), expand.out());
    try (Connection c = GameDay.connect(url)) {
      assertEquals(12, GameDay.count(c, "SELECT count(*) FROM modelc.steps WHERE status = 'done'"), "the 12 expand steps are done");
      assertEquals("started", GameDay.text(c, "SELECT status FROM modelc.steps WHERE step_id = 'deploy:application'"));
      assertTrue(GameDay.count(c, "SELECT count(*) FROM modelc.usage_baselines WHERE taken = 'deploy' "
          + "AND object = 'charges_merchant_created'") == 1, "the old index's use is recorded at the deploy");
      assertEquals("alice@example.com", GameDay.text(c, "SELECT approval->>'by' FROM modelc.steps WHERE step_id = "
          + "'build-index:charges_merchant_created__new'"), "the approval is stored with the step");
    }
    Cli.Result status = Cli.run("apply", plan.toString(), "--url", url, "--status");
    assertEquals(0, status.exitCode(), status.all());
    assertTrue(status.out().contains("statistics recorded, waiting for --deployed"), status.out());

    Cli.Result again = apply(url);
    assertEquals(5, again.exitCode(), "without --deployed the plan waits at the deploy: " + again.all());

    Cli.Result contract = apply(url, "--deployed", "--usage-window", "0s");
    assertEquals(0, contract.exitCode(), contract.all());
    assertTrue(contract.out().contains("is applied completely"), contract.out());
    GameDay.assertMigrated(url, Postgres.freshDatabase("apply_e2e_fresh"), GameDay.SCENARIO, ROWS);
    try (Connection c = GameDay.connect(url)) {
      assertEquals(18, GameDay.count(c, "SELECT count(*) FROM modelc.steps WHERE status = 'done'"));
      assertEquals("complete", GameDay.text(c, "SELECT status FROM modelc.plans"));
      String gates = GameDay.text(c, "SELECT gates::text FROM modelc.steps WHERE step_id = 'drop-index:charges_merchant_created'");
      assertTrue(gates.contains("\"kind\": \"index-unused\"") && gates.contains("0 scans since the deploy"),
          "the usage gate's result and value are in the journal: " + gates);
      assertTrue(GameDay.count(c, "SELECT rows_done FROM modelc.backfills WHERE step_id = 'backfill:charges.description'") > 0);
    }
    Cli.Result rerun = apply(url);
    assertEquals(0, rerun.exitCode(), rerun.all());
    assertTrue(rerun.out().contains("was applied completely"), rerun.out());
  }

  @Test
  void aStepThePolicyMarksDoesNotRunWithoutAnApproval() throws Exception {
    String url = database("apply_approval");
    Cli.Result r = Cli.run("apply", plan.toString(), "--url", url, "--progress", "plain");
    assertEquals(6, r.exitCode(), r.all());
    assertTrue(r.err().contains("needs an approval"), r.err());
    assertTrue(r.err().contains("steps: [add-column:charges.amount__new]"), r.err());
    try (Connection c = GameDay.connect(url)) {
      assertEquals("approval missing: touches an object that serves critical traffic",
          GameDay.text(c, "SELECT error FROM modelc.steps WHERE step_id = 'add-column:charges.amount__new'"));
      assertEquals(0, GameDay.count(c, "SELECT count(*) FROM pg_attribute WHERE attname = 'amount__new'"), "the step did not run");
    }
  }

  @Test
  void anApprovalsFileNamingAnUnknownStepIsADiagnosticAtItsPosition() throws Exception {
    Path bad = temp.resolve("bad-approvals.yaml");
    Files.writeString(bad, "approvals:\n  - by: bob\n    steps: [drop-index:no_such_index]\n");
    Cli.Result r = Cli.run("apply", plan.toString(), "--url", "jdbc:postgresql://localhost:1/none", "--approvals", bad.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains("bad-approvals.yaml:3:13: error[MC903]: names no step of the plan: 'drop-index:no_such_index'"), r.err());
  }

  @Test
  void aFailingGateStopsApplyBeforeTheStepWithItsValueAndExitCode4() throws Exception {
    String url = database("apply_gate");
    try (Connection c = GameDay.connect(url); Statement s = c.createStatement()) {
      // a charge of a merchant that does not exist: the new foreign key cannot be validated
      s.execute("INSERT INTO charges (id, merchant_id, amount, currency, status) VALUES (gen_random_uuid(), gen_random_uuid(), 1, 'EUR', 'pending')");
    }
    Cli.Result r = apply(url);
    assertEquals(4, r.exitCode(), r.all());
    assertTrue(r.err().contains(". validate-constraint:charges.charges_merchant_id_fkey did not run: a gate failed (exit 4)"), r.err());
    assertTrue(r.err().contains("gate: no row of charges points at a missing merchants.id"), r.err());
    assertTrue(r.err().contains("value: false"), r.err());
    try (Connection c = GameDay.connect(url)) {
      assertEquals("f", GameDay.text(c, "SELECT convalidated FROM pg_constraint WHERE conname = 'charges_merchant_id_fkey'"),
          "the validation did not run");
      String validate = "step_id = 'validate-constraint:charges.charges_merchant_id_fkey'";
      assertEquals("failed", GameDay.text(c, "SELECT status FROM modelc.steps WHERE " + validate));
      assertTrue(GameDay.text(c, "SELECT gates::text FROM modelc.steps WHERE " + validate).contains("\"value\": \"false\""));
    }
  }

  @Test
  void aLockTimeoutIsRetriedWithBackoffUntilTheLockIsFree() throws Exception {
    String url = database("apply_retry");
    try (Connection blocker = GameDay.connect(url); Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("LOCK TABLE charges IN ACCESS SHARE MODE"); // adding a column needs ACCESS EXCLUSIVE: it waits
      CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> apply(url, "--until", "deploy", "--lock-retries", "20"));
      Thread.sleep(7_000); // longer than the plan's lock_timeout of 5 s: at least one timeout
      blocker.commit();
      Cli.Result r = run.get(120, TimeUnit.SECONDS);
      assertEquals(0, r.exitCode(), r.all());
      assertTrue(r.out().contains("canceling statement due to lock timeout (SQLSTATE 55P03): retry 1 of 20"), r.out());
    }
    try (Connection c = GameDay.connect(url)) {
      assertTrue(GameDay.count(c, "SELECT max(attempts) FROM modelc.steps") >= 2, "the journal counts the attempts");
      assertTrue(GameDay.count(c, "SELECT count(*) FROM modelc.events WHERE event = 'retry'") >= 1);
    }
  }

  @Test
  void anInvalidIndexLeftByAFailedBuildIsDroppedAndBuiltAgain() throws Exception {
    String url = database("apply_invalid");
    try (Connection c = GameDay.connect(url); Statement s = c.createStatement()) {
      // what an interrupted CREATE INDEX CONCURRENTLY leaves: the index, marked invalid
      s.execute("CREATE INDEX charges_merchant_created__new ON charges (merchant_id)");
      s.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'charges_merchant_created__new'::regclass");
    }
    Cli.Result r = apply(url, "--until", "deploy");
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.out().contains("index charges_merchant_created__new is INVALID"), r.out());
    try (Connection c = GameDay.connect(url)) {
      assertEquals("t", GameDay.text(c, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'charges_merchant_created__new'::regclass"));
      assertTrue(GameDay.text(c, "SELECT pg_get_indexdef('charges_merchant_created__new'::regclass)").contains("created_at DESC"),
          "built from the plan, not the leftover's definition");
    }
  }

  @Test
  void aDifferentPlanIsRefusedWhileAnotherIsInProgressUnlessItContinuesIt() throws Exception {
    String url = database("apply_prefix");
    assertEquals(0, apply(url, "--until", "deploy").exitCode());
    Path other = GameDay.writePlan("column-rename", temp.resolve("other"));
    Cli.Result r = Cli.run("apply", other.toString(), "--url", url, "--progress", "plain");
    assertEquals(8, r.exitCode(), r.all());
    assertTrue(r.err().contains("is in progress on"), r.err());
    assertTrue(r.err().contains("its step 1 'add-column:charges.amount__new' is done, but step 1 of this plan is "
        + "'add-column:charges.amount_minor'"), r.err());

    // the same steps under another plan file (another hash): it continues where the first stopped
    Path same = temp.resolve("same");
    Files.createDirectories(same);
    Files.writeString(same.resolve("plan.json"), Files.readString(plan.resolve("plan.json")).replace("\"from\" : \"v1\"", "\"from\" : \"v1 again\""));
    Cli.Result c = Cli.run("apply", same.toString(), "--url", url, "--progress", "plain", "--approvals", temp.resolve("same-approvals.yaml")
        .toString(), "--deployed", "--usage-window", "0s", "--stats-settle", "0s");
    assertEquals(2, c.exitCode(), "approvals are bound to the reviewed plan's hash: " + c.all());
    Files.writeString(temp.resolve("same-approvals.yaml"), Files.readString(approvals).replaceFirst("plan: .*\n", ""));
    c = Cli.run("apply", same.toString(), "--url", url, "--progress", "plain", "--approvals", temp.resolve("same-approvals.yaml").toString(),
        "--deployed", "--usage-window", "0s", "--stats-settle", "0s");
    assertEquals(0, c.exitCode(), c.all());
    assertTrue(c.out().contains("continues plan"), c.out());
    assertTrue(c.out().contains("[ 1/18] add-column:charges.amount__new: done earlier"), c.out());
  }

  @Test
  void anAbandonedPlanFreesTheJournalForAnother() throws Exception {
    String url = database("apply_abandon");
    assertEquals(0, apply(url, "--until", "deploy").exitCode());
    Cli.Result a = Cli.run("apply", plan.toString(), "--url", url, "--abandon", "superseded by a new model version");
    assertEquals(0, a.exitCode(), a.all());
    Cli.Result again = apply(url);
    assertEquals(8, again.exitCode(), again.all());
    assertTrue(again.err().contains("was abandoned"), again.err());
  }

  @Test
  void theDryRunEvaluatesGatesAndWritesNothing() throws Exception {
    String url = database("apply_dry");
    Cli.Result r = apply(url, "--dry-run");
    assertEquals(5, r.exitCode(), "apply would stop at the deploy: " + r.all());
    assertTrue(r.out().contains("stop until the deploy is confirmed (--deployed)"), r.out());
    assertTrue(r.out().contains(". add-foreign-key:charges.charges_merchant_id_fkey (after the steps above): Add foreign key"), r.out());
    assertTrue(r.out().contains("gate passes: no row of charges points at a missing merchants.id [true]"), r.out());
    assertTrue(r.out().contains("would set charges.description = (memo)::text where description IS DISTINCT FROM (memo)::text, in batches"),
        r.out());
    assertTrue(r.out().contains("gate not true yet (the steps before it run first): the sync trigger exists [false]"), r.out());
    assertTrue(r.out().contains("gate not judged yet: index charges_merchant_created had no scans since the deploy"), r.out());
    try (Connection c = GameDay.connect(url)) {
      assertEquals(0, GameDay.count(c, "SELECT count(*) FROM pg_namespace WHERE nspname = 'modelc'"), "no journal was created");
      assertEquals(0, GameDay.count(c, "SELECT count(*) FROM pg_constraint WHERE conname = 'charges_merchant_id_fkey'"));
    }
    Cli.Result unapproved = Cli.run("apply", plan.toString(), "--url", url, "--dry-run");
    assertEquals(6, unapproved.exitCode(), "the dry run says which exit apply would stop with: " + unapproved.all());
  }

  @Test
  void aSecondApplyWaitsForTheLockThenNamesItsHolder() throws Exception {
    String url = database("apply_lock");
    try (Connection holder = GameDay.connect(url); Statement s = holder.createStatement()) {
      s.execute("SET application_name = 'modelc apply shop'");
      s.execute("SELECT pg_advisory_lock(" + ApplierLock.KEY + ")");
      long t0 = System.nanoTime();
      Cli.Result r = apply(url, "--lock-wait", "2s");
      long waited = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(7, r.exitCode(), r.all());
      assertTrue(waited >= 2000, "it waited for the lock: " + waited + " ms");
      String pid = GameDay.text(holder, "SELECT pg_backend_pid()");
      assertTrue(r.err().contains("another apply holds the lock on localhost:"), r.err());
      assertTrue(r.err().contains("pid " + pid + " (application_name 'modelc apply shop', user postgres"), r.err());
      assertTrue(r.err().contains("connected since "), r.err());
    }
    Cli.Result free = apply(url, "--until", "deploy", "--lock-wait", "2s");
    assertEquals(0, free.exitCode(), "the lock died with its session: " + free.all());
  }

  @Test
  void aJournalNewerThanThisModelcIsLeftAlone() throws Exception {
    String url = database("apply_newer");
    assertEquals(0, apply(url, "--until", "deploy").exitCode());
    try (Connection c = GameDay.connect(url); Statement s = c.createStatement()) {
      s.execute("UPDATE modelc.journal_version SET version = 99");
    }
    Cli.Result r = apply(url);
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("has version 99, newer than this modelc writes (1)"), r.err());
  }

  @Test
  void aPlanThatIsNotAPlanIsADiagnostic() throws Exception {
    Path bad = temp.resolve("bad.json");
    Files.writeString(bad, "{\"formatVersion\": 2, \"steps\": []}");
    Cli.Result r = Cli.run("apply", bad.toString(), "--url", "jdbc:postgresql://localhost:1/none");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains("bad.json:1:1: error[MC902]: has formatVersion 2, but this modelc applies format 1"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
