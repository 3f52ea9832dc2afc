package dev.modelc.model;

import java.util.Objects;

/**
 * A table column. {@code defaultValue} is the SQL expression text ({@code now()}, {@code 0},
 * {@code 'pending'}) or null. {@code generation} is null for a column the application fills
 * itself, else how PostgreSQL fills it (identity, serial, stored generated). {@code collation}
 * is null for the database default. Keys, unique constraints and foreign keys are the table's
 * ({@link Table#primaryKey()}, {@link Table#uniques()}, {@link Table#foreignKeys()}), also when
 * the model writes them on the column.
 */
public record Column(
    String name,
    ColumnType type,
    boolean nullable,
    String defaultValue,
    boolean primaryKey,
    String description,
    String renamedFrom,
    Generation generation,
    String collation,
    SourceRef source) {

  public Column {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(source, "source == null");
  }

  /** A plain column: no generation, the default collation. */
  public Column(String name, ColumnType type, boolean nullable, String defaultValue, boolean primaryKey,
      String description, String renamedFrom, SourceRef source) {
    this(name, type, nullable, defaultValue, primaryKey, description, renamedFrom, null, null, source);
  }

  /** Whether an insert or update may set the column (generated and {@code always} identity columns may not). */
  public boolean writable() {
    return generation == null || generation.writable();
  }

  /** Whether PostgreSQL fills the column when an insert leaves it out (a default, identity or generated value). */
  public boolean filledByDatabase() {
    return defaultValue != null || generation != null;
  }

  /** The same column under another name (its definition unchanged). */
  public Column renamed(String newName) {
    return new Column(newName, type, nullable, defaultValue, primaryKey, description, renamedFrom, generation,
        collation, source);
  }
}
