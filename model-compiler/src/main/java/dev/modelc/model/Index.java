package dev.modelc.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An index of {@code table}. {@code where} is the partial-index predicate as SQL text or null;
 * {@code reason} says why it exists; {@code keep} is a reason to keep it though no declared
 * query uses it. Implicit indexes (primary key, unique constraints) carry their
 * {@link IndexOrigin}. {@code method} is the access method ({@code btree}, {@code hash},
 * {@code gin}, {@code gist}, {@code brin}, {@code spgist}); {@code with} holds storage
 * parameters in declaration order.
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
    String method,
    boolean nullsNotDistinct,
    Map<String, String> with,
    SourceRef source) {

  /** The access methods of PostgreSQL's core, btree first (the default). */
  public static final List<String> METHODS = List.of("btree", "hash", "gin", "gist", "brin", "spgist");

  public Index {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(origin, "origin == null");
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(source, "source == null");
    columns = List.copyOf(columns);
    include = List.copyOf(include);
    // most indexes set no storage parameter: one shared empty map instead of three objects each
    with = with.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
  }

  /** A btree index without storage parameters. */
  public Index(String name, String table, List<IndexColumn> columns, boolean unique, String where, List<String> include,
      String reason, String keep, String renamedFrom, IndexOrigin origin, SourceRef source) {
    this(name, table, columns, unique, where, include, reason, keep, renamedFrom, origin, "btree", false, Map.of(), source);
  }

  /** The key columns by name (expression keys by their text). */
  public List<String> columnNames() {
    return columns.stream().map(IndexColumn::column).toList();
  }

  /** Whether the index is a btree whose keys are all plain columns: the shape that serves equality, ranges and order. */
  public boolean plainBtree() {
    return method.equals("btree") && columns.stream().noneMatch(IndexColumn::expression);
  }

  /** The same index with other keys, include columns and predicate (a rebuild on renamed columns). */
  public Index withDefinition(List<IndexColumn> newColumns, List<String> newInclude, String newWhere) {
    return new Index(name, table, newColumns, unique, newWhere, newInclude, reason, keep, renamedFrom, origin, method,
        nullsNotDistinct, with, source);
  }

  /**
   * Same physical definition (keys, method, uniqueness, predicate, include, storage
   * parameters), ignoring name, reason and position: a difference here makes a changed index a
   * modification.
   */
  public boolean sameDefinition(Index other) {
    if (columns.size() != other.columns.size()) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      IndexColumn a = columns.get(i);
      IndexColumn b = other.columns.get(i);
      boolean sameKey = a.expression()
          ? b.expression() && SqlText.normalize(a.column()).equals(SqlText.normalize(b.column()))
              && a.descending() == b.descending() && Objects.equals(a.nullsFirst(), b.nullsFirst())
              && Objects.equals(a.opclass(), b.opclass())
          : a.sameDefinition(b);
      if (!sameKey) {
        return false;
      }
    }
    // the table is not compared: an index of a renamed table keeps its definition
    return unique == other.unique && Objects.equals(where, other.where) && include.equals(other.include)
        && method.equals(other.method) && nullsNotDistinct == other.nullsNotDistinct && with.equals(other.with);
  }
}
