package dev.modelc.model;

import java.util.Objects;

/**
 * A {@code retired:} entry: the record that an object was removed on purpose, and why.
 * For a table, {@code table} is its name and {@code name} is null; for a column or an index,
 * {@code table} is the owning table and {@code name} the object's name. {@code replacedBy}
 * names the index that takes over a retired index's queries (optional).
 * {@code droppedDespiteUse} says why an index or table is dropped although the usage history
 * shows it was used inside the window ({@code plan --usage}); null when not given.
 */
public record Tombstone(Kind kind, String table, String name, String reason, String replacedBy,
    String droppedDespiteUse, SourceRef source) {

  public enum Kind {
    TABLE,
    COLUMN,
    INDEX
  }

  public Tombstone {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(source, "source == null");
  }

  /** A tombstone without a reason to drop despite use. */
  public Tombstone(Kind kind, String table, String name, String reason, String replacedBy, SourceRef source) {
    this(kind, table, name, reason, replacedBy, null, source);
  }

  /** {@code table}, {@code table.column} or {@code table.index}: how messages name it. */
  public String qualifiedName() {
    return name == null ? table : table + "." + name;
  }
}
