package dev.modelc.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table. Columns, indexes and checks keep declaration order. {@code primaryKey} lists the key
 * columns (from {@code primaryKey: true} on columns, or a table-level {@code primaryKey: [a, b]}).
 * {@code rows} is the expected size (null when not declared): it drives estimates and approvals.
 */
public record Table(
    String name,
    String description,
    String owner,
    Long rows,
    List<Column> columns,
    List<String> primaryKey,
    List<Index> indexes,
    List<Check> checks,
    String renamedFrom,
    SourceRef source) {

  public Table {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(source, "source == null");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
    checks = List.copyOf(checks);
  }

  public Optional<Column> column(String columnName) {
    for (Column c : columns) {
      if (c.name().equals(columnName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public Optional<Index> index(String indexName) {
    return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
  }

  /** The PostgreSQL name of the primary-key constraint and its index. */
  public String primaryKeyName() {
    return name + "_pkey";
  }

  /**
   * Declared indexes plus the implicit ones PostgreSQL creates for the primary key and for
   * {@code unique: true} columns: what a query can actually be served by.
   */
  public List<Index> allIndexes() {
    List<Index> all = new ArrayList<>();
    if (!primaryKey.isEmpty()) {
      List<IndexColumn> keyColumns = primaryKey.stream()
          .map(c -> new IndexColumn(c, false, SourceRef.NONE)).toList();
      all.add(new Index(primaryKeyName(), name, keyColumns, true, null, List.of(),
          "Primary key.", null, null, IndexOrigin.PRIMARY_KEY, source));
    }
    for (Column c : columns) {
      if (c.unique() && !(primaryKey.size() == 1 && primaryKey.get(0).equals(c.name()))) {
        all.add(new Index(name + "_" + c.name() + "_key", name,
            List.of(new IndexColumn(c.name(), false, SourceRef.NONE)), true, null, List.of(),
            "Unique column " + c.name() + ".", null, null, IndexOrigin.UNIQUE_COLUMN, c.source()));
      }
    }
    all.addAll(indexes);
    return all;
  }
}
