package dev.modelc.model;

import java.util.List;
import java.util.Objects;

/**
 * An index of {@code table}. {@code where} is the partial-index predicate as SQL text or null;
 * {@code reason} says why it exists; {@code keep} is a reason to keep it though no declared
 * query uses it. Implicit indexes (primary key, unique columns) carry their {@link IndexOrigin}.
 */
public record Index(
    String name,
    String table,
    List<IndexColumn> columns,
    boolean unique,
    String where,
    List<String> include,
    String reason,
    String keep,
    String renamedFrom,
    IndexOrigin origin,
    SourceRef source) {

  public Index {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(origin, "origin == null");
    Objects.requireNonNull(source, "source == null");
    columns = List.copyOf(columns);
    include = List.copyOf(include);
  }

  public List<String> columnNames() {
    return columns.stream().map(IndexColumn::column).toList();
  }

  /**
   * Same physical definition (columns, directions, uniqueness, predicate, include), ignoring
   * name, reason and position: a difference here makes a changed index a modification.
   */
  public boolean sameDefinition(Index other) {
    if (columns.size() != other.columns.size()) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      IndexColumn a = columns.get(i);
      IndexColumn b = other.columns.get(i);
      if (!a.column().equals(b.column()) || a.descending() != b.descending()) {
        return false;
      }
    }
    // the table is not compared: an index of a renamed table keeps its definition
    return unique == other.unique && Objects.equals(where, other.where) && include.equals(other.include);
  }
}
