package dev.modelc.live;

import java.util.List;
import java.util.Objects;

/** An enum type with its labels in {@code enumsortorder}. */
public record LiveEnumType(String name, List<String> labels, String comment) {
  public LiveEnumType {
    Objects.requireNonNull(name, "name");
    labels = List.copyOf(labels);
  }
}
