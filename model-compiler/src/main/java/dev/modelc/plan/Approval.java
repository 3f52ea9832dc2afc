package dev.modelc.plan;

import java.util.List;

/** Whether the model's policy asks a human to approve a step, and why. */
public record Approval(boolean required, List<String> reasons) {
  public static final Approval NONE = new Approval(false, List.of());

  public Approval {
    reasons = List.copyOf(reasons);
  }
}
