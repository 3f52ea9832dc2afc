package dev.modelc.apply;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code modelc apply} is told on its command line (docs/apply.md has each option and
 * its default). {@code lockRetries} overrides the plan's policy when not null. {@code modelcVersion}
 * is recorded with each run in the journal.
 */
public record ApplyOptions(
    Path plan,
    String url,
    String user,
    String passwordEnv,
    List<String> replicas,
    boolean untilDeploy,
    boolean deployed,
    boolean rebaseline,
    Path approvals,
    Mode mode,
    String abandonReason,
    Duration lockWait,
    Integer lockRetries,
    Duration retryDelay,
    Duration retryMaxDelay,
    int buildAttempts,
    Duration batchTime,
    Duration usageWindow,
    Duration statsSettle,
    ProgressStyle progress,
    Map<String, String> environment,
    String modelcVersion) {

  /** What the command does. */
  public enum Mode { APPLY, DRY_RUN, STATUS, ABANDON }

  /** How progress is shown: a live line on a terminal, plain lines otherwise, or decided by the terminal. */
  public enum ProgressStyle { AUTO, LIVE, PLAIN }

  public ApplyOptions {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(url, "url");
    replicas = List.copyOf(replicas);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(modelcVersion, "modelcVersion");
  }
}
