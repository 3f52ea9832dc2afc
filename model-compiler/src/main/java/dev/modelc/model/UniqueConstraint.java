package dev.modelc.model;

import java.util.List;
import java.util.Objects;

/**
 * A unique constraint of a table: {@code unique: true} on a column ({@code shortForm}) or an
 * entry of the table's {@code uniques:}. {@code name} is null when the model leaves it to the
 * default ({@code <table>_<columns>_key}).
 */
public record UniqueConstraint(String name, List<String> columns, boolean nullsNotDistinct, boolean shortForm,
    SourceRef source) {
  public UniqueConstraint {
    Objects.requireNonNull(source, "source == null");
    columns = List.copyOf(columns);
  }

  public boolean sameDefinition(UniqueConstraint other) {
    return columns.equals(other.columns) && nullsNotDistinct == other.nullsNotDistinct;
  }
}
