package dev.modelc.model;

import java.util.Objects;

/**
 * A table column. {@code defaultValue} is the SQL expression text ({@code now()}, {@code 0},
 * {@code 'pending'}) or null. {@code references} is null when the column is no foreign key.
 */
public record Column(
    String name,
    ColumnType type,
    boolean nullable,
    String defaultValue,
    boolean primaryKey,
    boolean unique,
    ForeignKeyRef references,
    String description,
    String renamedFrom,
    SourceRef source) {

  public Column {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(source, "source == null");
  }
}
