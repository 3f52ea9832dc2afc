package dev.modelc.model;

import java.util.Objects;

/**
 * {@code references: table.column} on a column. {@code onDelete} is null (no action),
 * {@code cascade}, {@code restrict}, {@code set null} or {@code set default}.
 */
public record ForeignKeyRef(String table, String column, String onDelete, SourceRef source) {
  public ForeignKeyRef {
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(column, "column == null");
    Objects.requireNonNull(source, "source == null");
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
