package dev.modelc.apply;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The plan as {@code modelc apply} reads it from the reviewed {@code plan.json}: only what it
 * needs to run the steps, never re-planned. {@code hash} is the SHA-256 of the file's bytes: the
 * journal knows a plan by it.
 */
public record ReviewedPlan(Path file, String hash, String model, Policy policy, List<PlanStep> steps) {
  public ReviewedPlan {
    steps = List.copyOf(steps);
  }

  /** The policy the plan was made under: lock timeout, retries after a lock timeout, statement timeout. */
  public record Policy(String lockTimeout, int lockRetries, String statementTimeout) {
    public static final Policy DEFAULTS = new Policy("5s", 5, "0");
  }

  /** The first 12 hex digits of the hash, for messages. */
  public String shortHash() {
    return hash.substring(0, 12);
  }

  public Optional<PlanStep> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public int deployIndex() {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).isDeploy()) {
        return i;
      }
    }
    return -1;
  }
}
