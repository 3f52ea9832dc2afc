package dev.modelc.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A foreign key of a table: its {@code columns} point at {@code targetColumns} of
 * {@code targetTable}. {@code name} is null when the model leaves it to the default
 * ({@code <table>_<columns>_fkey}). {@code onDelete} and {@code onUpdate} are null for
 * {@code no action}, else {@code cascade}, {@code restrict}, {@code set null} or
 * {@code set default}; {@code matchFull} is {@code MATCH FULL}. {@code shortForm} tells that the
 * key was written as {@code references: table.column} on its column.
 */
public record ForeignKey(
    String name,
    List<String> columns,
    String targetTable,
    List<String> targetColumns,
    String onDelete,
    String onUpdate,
    boolean matchFull,
    boolean deferrable,
    boolean initiallyDeferred,
    boolean shortForm,
    SourceRef source) {

  /** The actions PostgreSQL offers for ON DELETE and ON UPDATE, as the model spells them. */
  public static final List<String> ACTIONS = List.of("cascade", "restrict", "set null", "set default", "no action");

  public ForeignKey {
    Objects.requireNonNull(columns, "columns == null");
    Objects.requireNonNull(targetTable, "targetTable == null");
    Objects.requireNonNull(source, "source == null");
    columns = List.copyOf(columns);
    targetColumns = List.copyOf(targetColumns);
  }

  /** The short form {@code references: table.column} (ON DELETE only) of one column. */
  public static ForeignKey ofColumn(String column, String targetTable, String targetColumn, String onDelete,
      String onUpdate, SourceRef source) {
    return new ForeignKey(null, List.of(column), targetTable, List.of(targetColumn), onDelete, onUpdate, false, false,
        false, true, source);
  }

  /** The same key under another table name (its columns and target unchanged). */
  public ForeignKey withTarget(String table) {
    return new ForeignKey(name, columns, table, targetColumns, onDelete, onUpdate, matchFull, deferrable,
        initiallyDeferred, shortForm, source);
  }

  /**
   * Same constraint in PostgreSQL: columns, target, actions, match and deferral; names and
   * where it was written do not count.
   */
  public boolean sameDefinition(ForeignKey other) {
    return columns.equals(other.columns) && targetTable.equals(other.targetTable)
        && targetColumns.equals(other.targetColumns) && Objects.equals(onDelete, other.onDelete)
        && Objects.equals(onUpdate, other.onUpdate) && matchFull == other.matchFull
        && deferrable == other.deferrable && initiallyDeferred == other.initiallyDeferred;
  }

  /** {@code (a, b) -> orders (x, y)} for messages and plans. */
  public String describe() {
    return (columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")") + " -> "
        + targetTable + (targetColumns.size() == 1 ? "." + targetColumns.get(0) : " (" + String.join(", ", targetColumns) + ")");
  }

  /** The action as SQL words: {@code SET NULL}. */
  public static String sqlAction(String action) {
    return action.toUpperCase(Locale.ROOT);
  }
}
