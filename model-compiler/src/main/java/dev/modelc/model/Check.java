package dev.modelc.model;

import java.util.Objects;

/** A table-level {@code CHECK} constraint: {@code checks: { positive_amount: { expression: amount > 0 } }}. */
public record Check(String name, String expression, String reason, SourceRef source) {
  public Check {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(expression, "expression == null");
    Objects.requireNonNull(source, "source == null");
  }
}
