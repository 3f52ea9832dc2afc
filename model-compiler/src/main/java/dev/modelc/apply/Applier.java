package dev.modelc.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.dialect.MigrationSql;
import dev.modelc.dialect.PostgresMigrationSql;
import dev.modelc.live.Database;
import dev.modelc.live.NodeStatistics;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code modelc apply}: runs a reviewed plan against a live PostgreSQL, step by step, with every
 * gate enforced, under the one-applier lock, recording everything in the journal so that a rerun
 * after any interruption resumes at the first step not done (docs/apply.md).
 *
 * <p>Per step: a step the journal records as done is passed over; a step whose work the catalog
 * already shows ({@code appliedWhen}) is recorded as skipped-already-present; otherwise its gates
 * are checked (a failure stops apply before the step runs, exit 4), its approval looked up (exit
 * 6 when missing), and it runs. At the deploy step apply records the statistics the usage gates
 * will compare with, on the primary and every replica, and stops until the operator confirms
 * the deploy with {@code --deployed}.
 */
public final class Applier {
  private final ApplyOptions options;
  private final ReviewedPlan plan;
  private final Approvals approvals;
  private final Database primary;
  private final Nodes nodes;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Progress progress;
  private final Halt halt;
  private final MigrationSql sql = new PostgresMigrationSql();
  private final String who;

  private Applier(ApplyOptions options, ReviewedPlan plan, Approvals approvals, Database primary, List<Database> replicas,
      PrintWriter out, PrintWriter err, PrintStream haltOut) {
    this.options = options;
    this.plan = plan;
    this.approvals = approvals;
    this.primary = primary;
    this.nodes = new Nodes(primary, replicas);
    this.out = out;
    this.err = err;
    boolean live = options.progress() == ApplyOptions.ProgressStyle.LIVE
        || options.progress() == ApplyOptions.ProgressStyle.AUTO && System.console() != null
            && !"dumb".equals(options.environment().get("TERM"));
    this.progress = new Progress(out, live);
    this.halt = new Halt(options.environment().get(Halt.VARIABLE), haltOut);
    this.who = System.getProperty("user.name", "unknown") + "@" + host();
  }

  /** Runs the command; returns its exit code. */
  public static int run(ApplyOptions options, PrintWriter out, PrintWriter err) {
    PlanReader.Result read = PlanReader.read(options.plan());
    if (!read.ok()) {
      Messages.diagnostics(err, read.problems());
      err.println("modelc apply: nothing applied: the plan cannot be used");
      return ApplyExit.USAGE.code();
    }
    ReviewedPlan plan = read.plan();
    Approvals approvals = Approvals.none();
    if (options.approvals() != null) {
      List<dev.modelc.diag.Diagnostic> problems = new ArrayList<>();
      Optional<Approvals> a = Approvals.read(options.approvals(), plan, problems);
      if (a.isEmpty()) {
        Messages.diagnostics(err, problems);
        err.println("modelc apply: nothing applied: the approvals file cannot be used");
        return ApplyExit.USAGE.code();
      }
      approvals = a.get();
    }
    Database primary;
    List<Database> replicas = new ArrayList<>();
    try {
      String app = "modelc apply " + plan.model();
      primary = Database.of(options.url(), options.user(), options.passwordEnv(), options.environment(), app);
      for (String r : options.replicas()) {
        replicas.add(Database.of(r, options.user(), options.passwordEnv(), options.environment(), app));
      }
    } catch (IllegalArgumentException e) {
      err.println("modelc apply: " + e.getMessage());
      return ApplyExit.USAGE.code();
    }
    Applier applier = new Applier(options, plan, approvals, primary, replicas, out, err, System.err);
    try {
      return switch (options.mode()) {
        case APPLY -> applier.apply().code();
        case DRY_RUN -> new DryRun(plan, approvals, primary, applier.nodes, options, out).run().code();
        case STATUS -> StatusReport.print(plan, primary, out).code();
        case ABANDON -> applier.abandon().code();
      };
    } catch (SQLException e) {
      err.println("modelc apply: " + StepExecutor.describe(e));
      return ApplyExit.ERROR.code();
    } catch (Journal.JournalException e) {
      err.println("modelc apply: " + e.getMessage());
      return ApplyExit.ERROR.code();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("modelc apply: interrupted; run apply again to resume");
      return ApplyExit.ERROR.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  // ---- apply -----------------------------------------------------------------------------------

  private ApplyExit apply() throws SQLException, InterruptedException {
    try (Connection control = primary.connect(Database.Access.READ_WRITE, 60_000)) {
      watchClient(control);
      if (!lock(control)) {
        return ApplyExit.LOCKED;
      }
      Journal journal = Journal.open(control, true, who).orElseThrow();
      Optional<ApplyExit> refused = admit(journal);
      if (refused.isPresent()) {
        return refused.get();
      }
      long runId = journal.startRun(plan.hash(), who, host(), backendPid(control), options.modelcVersion(), describeOptions());
      ApplyExit exit = ApplyExit.ERROR;
      try (Connection exec = primary.connect(Database.Access.READ_WRITE, 0)) {
        watchClient(exec);
        exit = steps(journal, runId, exec);
        return exit;
      } finally {
        try {
          journal.finishRun(runId, exit.name().toLowerCase(java.util.Locale.ROOT));
        } catch (SQLException e) {
          err.println("modelc apply: could not record the end of the run: " + StepExecutor.describe(e));
        }
      }
    }
  }

  /** Takes the one-applier lock, or says who holds it. */
  private boolean lock(Connection control) throws SQLException, InterruptedException {
    Optional<ApplierLock.Holder> holder = ApplierLock.acquire(control, options.lockWait(), h -> progress.line(
        "modelc apply: another apply holds the lock on " + primary.describe() + ": " + h + "; waiting up to "
            + UsageJudge.human(options.lockWait())));
    if (holder.isEmpty()) {
      return true;
    }
    String run = "";
    try {
      Optional<Journal> journal = Journal.open(control, false, who);
      if (journal.isPresent()) {
        run = journal.get().runOf(holder.get().pid()).map(r -> "; it is " + r).orElse("");
      }
    } catch (SQLException | Journal.JournalException e) {
      // the holder is named by PostgreSQL already; the journal only adds detail
    }
    err.println("modelc apply: another apply holds the lock on " + primary.describe() + ": " + holder.get() + run
        + "; gave up after waiting " + UsageJudge.human(options.lockWait()) + " (exit " + ApplyExit.LOCKED.code() + ")");
    return false;
  }

  /** Whether the journal lets this plan run: the same plan resumes, a plan continuing the one in progress takes over. */
  private Optional<ApplyExit> admit(Journal journal) throws SQLException {
    Optional<Journal.PlanRecord> known = journal.plan(plan.hash());
    if (known.isPresent()) {
      Journal.PlanRecord p = known.get();
      switch (p.status()) {
        case "complete" -> {
          progress.line("modelc apply: plan " + plan.shortHash() + " of model " + plan.model() + " was applied completely at "
              + p.finishedAt() + "; nothing to do");
          return Optional.of(ApplyExit.DONE);
        }
        case "abandoned", "superseded" -> {
          err.println("modelc apply: plan " + plan.shortHash() + " was " + p.status() + " at " + p.finishedAt()
              + (p.note() == null ? "" : " (" + p.note() + ")") + "; a plan that was " + p.status()
              + " is not applied again: plan and review again from the database as it is (exit " + ApplyExit.REFUSED.code() + ")");
          return Optional.of(ApplyExit.REFUSED);
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    Optional<Journal.PlanRecord> other = journal.inProgress();
    if (other.isEmpty()) {
      journal.register(plan, who);
      return Optional.empty();
    }
    Journal.PlanRecord old = other.get();
    String mismatch = continuation(old, journal.steps(old.hash()));
    if (mismatch != null) {
      err.println("modelc apply: plan " + old.hash().substring(0, 12) + " of model " + old.model() + " (" + old.file() + ") is in progress on "
          + primary.describe() + " since " + old.startedAt() + " by " + old.startedBy() + ", and this plan does not continue it: "
          + mismatch + ". Finish that plan, or abandon it (modelc apply " + old.file() + " --url ... --abandon REASON) and plan again "
          + "from the database as it is (exit " + ApplyExit.REFUSED.code() + ")");
      return Optional.of(ApplyExit.REFUSED);
    }
    journal.supersede(old, plan, who);
    progress.line("modelc apply: continues plan " + old.hash().substring(0, 12) + ": its finished steps are the first steps of this plan");
    return Optional.empty();
  }

  /** Why {@code plan} does not continue the plan in progress, or null when the old plan's finished steps are its first steps. */
  private String continuation(Journal.PlanRecord old, Map<Integer, Journal.StepRecord> records) {
    for (Journal.StepRecord r : records.values()) {
      if (r.position() >= plan.steps().size()) {
        return "the plan in progress has " + r.status() + " step " + (r.position() + 1) + " '" + r.stepId() + "', and this plan has only "
            + plan.steps().size() + " steps";
      }
      PlanStep mine = plan.steps().get(r.position());
      boolean same = mine.fingerprint().equals(r.fingerprint());
      if (r.finished() && !same) {
        return "its step " + (r.position() + 1) + " '" + r.stepId() + "' is " + r.status() + ", but step " + mine.number() + " of this plan is '"
            + mine.id() + "'" + (mine.id().equals(r.stepId()) ? " with other statements" : "");
      }
      if (r.status().equals(Journal.STARTED) && !same) {
        return "its step " + (r.position() + 1) + " '" + r.stepId() + "' was started and not finished, and this plan has '" + mine.id()
            + "' there";
      }
    }
    return null;
  }

  private ApplyExit steps(Journal journal, long runId, Connection exec) throws SQLException, InterruptedException {
    LockRetry retry = new LockRetry(new LockRetry.Settings(options.lockRetries() != null ? options.lockRetries() : plan.policy().lockRetries(),
        options.retryDelay(), options.retryMaxDelay()));
    BackfillRunner backfills = new BackfillRunner(exec, journal, plan, retry, progress, halt, sql,
        new BackfillRunner.Settings(options.batchTime(), 3));
    StepExecutor executor = new StepExecutor(exec, journal, plan, runId, retry, progress, halt, sql, options.buildAttempts(),
        options.lockWait(), backfills);
    GateEvaluator gates = new GateEvaluator(exec, nodes, options.usageWindow(), options.statsSettle(), progress::line);
    if (options.rebaseline()) {
      ApplyExit refused = rebaseline(journal, runId);
      if (refused != null) {
        return refused;
      }
    }
    Map<Integer, Journal.StepRecord> records = journal.steps(plan.hash());
    progress.line("modelc apply: plan " + plan.shortHash() + " of model " + plan.model() + ", " + plan.steps().size() + " steps, on "
        + describeNodes());
    int n = plan.steps().size();
    for (PlanStep step : plan.steps()) {
      String head = String.format(java.util.Locale.ROOT, "[%" + String.valueOf(n).length() + "d/%d] %s", step.number(), n, step.id());
      Journal.StepRecord record = records.get(step.position());
      if (record != null && record.finished()) {
        progress.line(head + ": " + record.status() + " earlier");
        continue;
      }
      if (step.isDeploy()) {
        ApplyExit stop = deploy(step, journal, runId, gates, head);
        if (stop != null) {
          return stop;
        }
        if (options.untilDeploy()) {
          progress.line("modelc apply: stopped after the deploy step, as --until deploy asked");
          return ApplyExit.DONE;
        }
        halt.at("after:" + step.number());
        continue;
      }
      if (alreadyApplied(step, exec)) {
        journal.finished(plan.hash(), step, Journal.SKIPPED, runId, null);
        progress.line(head + ": already present in the database: skipped");
        continue;
      }
      List<GateEvaluator.Result> results = gates.evaluate(step, baselines(journal));
      ObjectNode gateJson = GateEvaluator.json(results);
      List<GateEvaluator.Result> failed = results.stream().filter(r -> !r.passed()).toList();
      if (!failed.isEmpty()) {
        journal.failed(plan.hash(), step, runId, "gate failed: " + failed.get(0).gate().description() + ": " + failed.get(0).reason(), gateJson);
        journal.event(plan.hash(), runId, step.position(), "gate-failed", gateJson);
        Messages.gateFailed(err, step, failed);
        return ApplyExit.GATE_FAILED;
      }
      ObjectNode approvalJson = null;
      if (step.approvalRequired()) {
        Optional<Approvals.Approval> approval = approvals.of(step.id());
        if (approval.isEmpty()) {
          journal.failed(plan.hash(), step, runId, "approval missing: " + String.join("; ", step.approvalReasons()), gateJson);
          Messages.approvalMissing(err, step, plan, approvals.file());
          return ApplyExit.APPROVAL_MISSING;
        }
        approvalJson = GateEvaluator.JSON.createObjectNode().put("by", approval.get().by()).put("note", approval.get().note())
            .put("file", approvals.file()).put("plan", plan.hash());
      }
      halt.at("step:" + step.number());
      journal.started(plan.hash(), step, runId, gateJson, approvalJson);
      progress.line(head + ": " + step.summary() + (approvalJson == null ? "" : " (approved by " + approvalJson.get("by").asText() + ")"));
      long t0 = System.nanoTime();
      try {
        executor.run(step, gateJson);
      } catch (StepExecutor.StepFailure e) {
        journal.failed(plan.hash(), step, runId, e.getMessage(), gateJson);
        err.println("modelc apply: step " + step + " failed: " + e.getMessage());
        err.println("  the journal records it; fix the cause and run apply again to retry it (docs/apply.md, runbook)");
        return ApplyExit.ERROR;
      }
      progress.line(head + ": done in " + UsageJudge.human(Duration.ofNanos(System.nanoTime() - t0)));
      halt.at("after:" + step.number());
    }
    journal.finishPlan(plan.hash(), "complete", null);
    progress.line("modelc apply: plan " + plan.shortHash() + " is applied completely");
    return ApplyExit.DONE;
  }

  /**
   * The deploy step: its gates, then the usage baselines on every node (once), then the
   * operator's confirmation. Returns the exit to stop with, or null to go on with the contract.
   */
  private ApplyExit deploy(PlanStep step, Journal journal, long runId, GateEvaluator gates, String head)
      throws SQLException, InterruptedException {
    List<GateEvaluator.Result> results = gates.evaluate(step, null);
    ObjectNode gateJson = GateEvaluator.json(results);
    List<GateEvaluator.Result> failed = results.stream().filter(r -> !r.passed()).toList();
    if (!failed.isEmpty()) {
      journal.failed(plan.hash(), step, runId, "gate failed: " + failed.get(0).gate().description(), gateJson);
      Messages.gateFailed(err, step, failed);
      return ApplyExit.GATE_FAILED;
    }
    UsageObjects objects = UsageObjects.of(plan);
    if (journal.readings(plan.hash(), "deploy").isEmpty()) {
      Map<String, String> unreadable = new LinkedHashMap<>();
      Map<String, NodeStatistics.Reading> readings = nodes.read(objects.indexes(), objects.tables(), unreadable);
      if (!unreadable.isEmpty()) {
        err.println("modelc apply: cannot record the statistics of every node at the deploy: " + unreadable
            + "; the usage gates would have no baseline there (exit " + ApplyExit.ERROR.code() + ")");
        return ApplyExit.ERROR;
      }
      for (NodeStatistics.Reading r : readings.values()) {
        journal.storeReading(plan.hash(), "deploy", r);
      }
      journal.event(plan.hash(), runId, step.position(), "deploy-baselines", GateEvaluator.JSON.createObjectNode()
          .put("nodes", String.join(", ", readings.keySet())));
      progress.line(head + ": recorded the use of " + objects.describe() + " on " + String.join(", ", readings.keySet()));
    }
    Journal.PlanRecord record = journal.plan(plan.hash()).orElseThrow();
    if (record.deployConfirmedAt() == null) {
      if (!options.deployed() || options.untilDeploy()) {
        journal.waiting(plan.hash(), step, runId, gateJson);
        progress.line(head + ": the expand steps are done; roll out the application built against model '" + plan.model() + "'");
        progress.line("modelc apply: stopped at the deploy. When the new version serves all traffic, run: modelc apply "
            + plan.file() + " --url ... " + (nodes.all().size() > 1 ? "--replica ... " : "") + "--deployed");
        return options.untilDeploy() ? ApplyExit.DONE : ApplyExit.WAITING_FOR_DEPLOY;
      }
      settle();
      Map<String, String> unreadable = new LinkedHashMap<>();
      Map<String, NodeStatistics.Reading> readings = nodes.read(objects.indexes(), objects.tables(), unreadable);
      if (!unreadable.isEmpty()) {
        err.println("modelc apply: cannot read the statistics of every node to confirm the deploy: " + unreadable + " (exit "
            + ApplyExit.ERROR.code() + ")");
        return ApplyExit.ERROR;
      }
      for (NodeStatistics.Reading r : readings.values()) {
        journal.storeReading(plan.hash(), "confirmed", r);
      }
      Instant at = primaryNow();
      journal.confirmDeploy(plan.hash(), at, who);
      journal.event(plan.hash(), runId, step.position(), "deploy-confirmed", GateEvaluator.JSON.createObjectNode().put("by", who)
          .put("at", at.toString()));
      progress.line(head + ": deploy confirmed by " + who + " at " + at + "; the usage gates count from here"
          + (options.usageWindow().isZero() ? "" : " and need " + UsageJudge.human(options.usageWindow()) + " of evidence"));
    } else if (options.untilDeploy()) {
      progress.line(head + ": deploy confirmed earlier, at " + record.deployConfirmedAt());
    }
    journal.finished(plan.hash(), step, Journal.DONE, runId, gateJson);
    return null;
  }

  /** {@code --rebaseline}: new readings on every node, the usage window starting now. */
  private ApplyExit rebaseline(Journal journal, long runId) throws SQLException {
    if (journal.plan(plan.hash()).map(Journal.PlanRecord::deployConfirmedAt).isEmpty()) {
      err.println("modelc apply: --rebaseline starts the usage evidence again after the deploy was confirmed; this plan's deploy is not "
          + "confirmed yet (exit " + ApplyExit.USAGE.code() + ")");
      return ApplyExit.USAGE;
    }
    UsageObjects objects = UsageObjects.of(plan);
    settle();
    Map<String, String> unreadable = new LinkedHashMap<>();
    Map<String, NodeStatistics.Reading> readings = nodes.read(objects.indexes(), objects.tables(), unreadable);
    if (!unreadable.isEmpty()) {
      err.println("modelc apply: cannot read the statistics of every node: " + unreadable + " (exit " + ApplyExit.ERROR.code() + ")");
      return ApplyExit.ERROR;
    }
    Instant at = primaryNow();
    journal.rebaseline(plan.hash(), readings.values(), at, who);
    journal.event(plan.hash(), runId, null, "rebaseline", GateEvaluator.JSON.createObjectNode().put("by", who).put("at", at.toString()));
    progress.line("modelc apply: new readings of " + objects.describe() + " on " + String.join(", ", readings.keySet())
        + "; the usage gates count from " + at);
    return null;
  }

  /** Waits until the scans made before now have reached the statistics, so a reading taken next counts them. */
  private void settle() {
    if (options.statsSettle().isZero()) {
      return;
    }
    progress.line("      waiting " + UsageJudge.human(options.statsSettle()) + " for the scans made until now to reach the statistics");
    try {
      Thread.sleep(options.statsSettle().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Instant primaryNow() throws SQLException {
    try (Connection c = primary.connect(Database.Access.READ_ONLY, 10_000); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT now()")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  private GateEvaluator.Baselines baselines(Journal journal) throws SQLException {
    Map<String, NodeStatistics.Reading> deploy = journal.readings(plan.hash(), "deploy");
    Map<String, NodeStatistics.Reading> confirmed = journal.readings(plan.hash(), "confirmed");
    Instant at = journal.plan(plan.hash()).map(Journal.PlanRecord::deployConfirmedAt).orElse(null);
    return new GateEvaluator.Baselines(deploy, confirmed, at);
  }

  private boolean alreadyApplied(PlanStep step, Connection exec) throws SQLException {
    if (step.appliedWhen() == null) {
      return false;
    }
    StepExecutor.reset(exec, plan.policy().statementTimeout());
    try (Statement s = exec.createStatement(); ResultSet rs = s.executeQuery(step.appliedWhen())) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  // ---- abandon ---------------------------------------------------------------------------------

  private ApplyExit abandon() throws SQLException, InterruptedException {
    try (Connection control = primary.connect(Database.Access.READ_WRITE, 60_000)) {
      if (!lock(control)) {
        return ApplyExit.LOCKED;
      }
      Optional<Journal> journal = Journal.open(control, false, who);
      Optional<Journal.PlanRecord> record = journal.isPresent() ? journal.get().plan(plan.hash()) : Optional.empty();
      if (record.isEmpty() || !record.get().status().equals("in-progress")) {
        err.println("modelc apply: plan " + plan.shortHash() + " is not in progress on " + primary.describe()
            + record.map(r -> " (it is " + r.status() + ")").orElse(" (the journal does not know it)") + ": nothing to abandon");
        return ApplyExit.USAGE;
      }
      journal.get().finishPlan(plan.hash(), "abandoned", "abandoned by " + who + ": " + options.abandonReason());
      progress.line("modelc apply: plan " + plan.shortHash() + " is abandoned; what it changed stays in the database (docs/apply.md, "
          + "\"Abandoning a plan\")");
      return ApplyExit.DONE;
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The session stops by itself within seconds once apply is gone (PostgreSQL 14+), instead of finishing an orphaned statement. */
  static void watchClient(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("SET client_connection_check_interval = '2s'");
    } catch (SQLException e) {
      // before PostgreSQL 14 the server notices a vanished client when it next writes to it
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private String describeNodes() {
    return String.join(", ", nodes.all().stream().map(Nodes.Node::name).toList());
  }

  private String describeOptions() {
    return (options.untilDeploy() ? "--until deploy " : "") + (options.deployed() ? "--deployed " : "")
        + (options.approvals() != null ? "--approvals " + options.approvals() + " " : "") + "--usage-window "
        + UsageJudge.human(options.usageWindow()) + " replicas=" + options.replicas().size();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
