package dev.modelc.cli;

import dev.modelc.apply.Applier;
import dev.modelc.apply.ApplyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelc apply PLAN --url JDBC_URL [--replica JDBC_URL ...] [--until deploy] [--deployed]
 * [--approvals FILE] [--dry-run | --status | --abandon REASON]}. docs/apply.md has every option,
 * the exit codes and the runbook.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Apply a reviewed plan (a plan folder or its plan.json) to a live PostgreSQL, with every gate enforced, "
        + "one applier at a time, and a journal that resumes after any interruption.",
        "Exit 0: done; 1: a step failed or a database error; 2: usage; 4: a gate failed; 5: waiting for --deployed; "
            + "6: an approval is missing; 7: another apply holds the lock; 8: the journal refuses this plan."})
final class ApplyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "The reviewed plan: a folder written by modelc plan --out, or its plan.json.")
  Path plan;

  @Option(names = "--url", required = true, paramLabel = "JDBC_URL", description = "The primary: jdbc:postgresql://HOST:PORT/DATABASE.")
  String url;

  @Option(names = "--replica", paramLabel = "JDBC_URL", description = "A replica that serves reads (repeat for each): the usage gates read its statistics too.")
  List<String> replicas = new ArrayList<>();

  @Option(names = "--user", paramLabel = "USER", description = "Database user (default: the URL's or the driver's).")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password (never on the command line).")
  String passwordEnv;

  @Option(names = "--until", paramLabel = "deploy", description = "Stop at the deploy: run the expand steps and record the statistics the contract gates need.")
  String until;

  @Option(names = "--deployed", description = "Confirm that the application built against the new model serves all traffic; the contract steps may follow.")
  boolean deployed;

  @Option(names = "--rebaseline",
      description = "After the statistics of a node were reset (a usage gate failed closed): record new readings on every node and start the usage window again.")
  boolean rebaseline;

  @Option(names = "--approvals", paramLabel = "FILE", description = "YAML file of approvals (approver and step ids) for steps the policy marks.")
  Path approvals;

  @Option(names = "--dry-run", description = "Evaluate the gates and print what would run; write nothing.")
  boolean dryRun;

  @Option(names = "--status", description = "Print where the plan stands on the database, from the journal.")
  boolean status;

  @Option(names = "--abandon", paramLabel = "REASON", description = "Mark the plan in progress as abandoned, so another plan can be applied.")
  String abandon;

  @Option(names = "--usage-window", defaultValue = "15m", paramLabel = "DURATION",
      description = "Evidence a usage gate needs: time since the deploy was confirmed with no use of the old object on any node (default ${DEFAULT-VALUE}).")
  String usageWindow;

  @Option(names = "--stats-settle", defaultValue = "11s", paramLabel = "DURATION",
      description = "How long PostgreSQL may hold back a session's scan counts: apply waits this long before a reading the usage gates rely on (default ${DEFAULT-VALUE}).")
  String statsSettle;

  @Option(names = "--lock-wait", defaultValue = "10s", paramLabel = "DURATION",
      description = "How long to wait for another apply's lock before giving up (default ${DEFAULT-VALUE}).")
  String lockWait;

  @Option(names = "--lock-retries", paramLabel = "N", description = "Retries after a lock timeout (default: the plan's policy.lockRetries).")
  Integer lockRetries;

  @Option(names = "--retry-delay", defaultValue = "1s", paramLabel = "DURATION", description = "First delay before a retry, doubling (default ${DEFAULT-VALUE}).")
  String retryDelay;

  @Option(names = "--retry-max-delay", defaultValue = "60s", paramLabel = "DURATION", description = "Longest delay between retries (default ${DEFAULT-VALUE}).")
  String retryMaxDelay;

  @Option(names = "--build-attempts", defaultValue = "3", paramLabel = "N",
      description = "Builds of a concurrent index that ends INVALID before apply gives up (default ${DEFAULT-VALUE}).")
  int buildAttempts;

  @Option(names = "--batch-time", defaultValue = "1s", paramLabel = "DURATION",
      description = "Backfill batches are sized to take half of this; one running past five times it is cancelled and split (default ${DEFAULT-VALUE}).")
  String batchTime;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|live|plain",
      description = "A live progress line (terminals) or plain lines (logs); auto picks by the terminal.")
  String progress;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int modes = (dryRun ? 1 : 0) + (status ? 1 : 0) + (abandon != null ? 1 : 0);
    refuseIf(modes > 1, "--dry-run, --status and --abandon exclude each other");
    refuseIf(until != null && !until.equals("deploy"), "--until takes 'deploy' (the only point a plan stops at), not '" + until + "'");
    refuseIf(until != null && deployed, "--until deploy stops before the deploy is confirmed; --deployed confirms it: give one");
    refuseIf(rebaseline && (until != null || modes > 0), "--rebaseline goes with a plain apply (it starts the usage evidence again)");
    refuseIf(abandon != null && abandon.isBlank(), "--abandon needs a reason, for the journal");
    refuseIf(buildAttempts < 1 || lockRetries != null && (lockRetries < 0 || lockRetries > 100),
        "--build-attempts must be at least 1 and --lock-retries between 0 and 100");
    ApplyOptions.ProgressStyle style;
    try {
      style = ApplyOptions.ProgressStyle.valueOf(progress.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usageError("--progress takes auto, live or plain, not '" + progress + "'");
    }
    ApplyOptions.Mode mode = dryRun ? ApplyOptions.Mode.DRY_RUN : status ? ApplyOptions.Mode.STATUS
        : abandon != null ? ApplyOptions.Mode.ABANDON : ApplyOptions.Mode.APPLY;
    ApplyOptions options = new ApplyOptions(plan, url, user, passwordEnv, replicas, until != null, deployed, rebaseline, approvals, mode, abandon,
        duration("--lock-wait", lockWait), lockRetries, duration("--retry-delay", retryDelay), duration("--retry-max-delay", retryMaxDelay),
        buildAttempts, duration("--batch-time", batchTime), duration("--usage-window", usageWindow),
        duration("--stats-settle", statsSettle), style, System.getenv(), Version.current());
    return Applier.run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Stops the command as a usage error (exit 2, with the usage hint) when {@code wrong}. */
  private void refuseIf(boolean wrong, String message) {
    if (wrong) {
      throw usageError(message);
    }
  }

  private CommandLine.ParameterException usageError(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private Duration duration(String option, String text) {
    Optional<Duration> d = CliDuration.parse(text);
    refuseIf(d.isEmpty(), CliDuration.expected(option, text));
    return d.get();
  }
}
