package dev.modelc.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table. Columns, indexes and checks keep declaration order. {@code primaryKey} lists the key
 * columns (from {@code primaryKey: true} on columns, or a table-level {@code primaryKey}),
 * {@code primaryKeyName} its explicit name or null for the default. {@code uniques} and
 * {@code foreignKeys} hold every unique constraint and foreign key, those written on a column
 * ({@code unique: true}, {@code references:}) included. {@code rows} is the expected size (null
 * when not declared): it drives estimates and approvals.
 */
public record Table(
    String name,
    String description,
    String owner,
    Long rows,
    List<Column> columns,
    List<String> primaryKey,
    String primaryKeyName,
    List<UniqueConstraint> uniques,
    List<ForeignKey> foreignKeys,
    List<Index> indexes,
    List<Check> checks,
    String renamedFrom,
    SourceRef source) {

  public Table {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(source, "source == null");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    uniques = List.copyOf(uniques);
    foreignKeys = List.copyOf(foreignKeys);
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
  public String primaryKeyConstraint() {
    return ConstraintNames.primaryKey(this);
  }

  /**
   * The unique constraints PostgreSQL creates: {@code unique: true} on the sole primary-key
   * column adds nothing (the key is unique already).
   */
  public List<UniqueConstraint> effectiveUniques() {
    return uniques.stream().filter(u -> !(u.shortForm() && u.columns().equals(primaryKey))).toList();
  }

  /** Whether {@code columnNames} are the primary key or a unique constraint: what a foreign key may point at. */
  public boolean isKey(List<String> columnNames) {
    return (!primaryKey.isEmpty() && primaryKey.equals(columnNames))
        || uniques.stream().anyMatch(u -> u.columns().equals(columnNames));
  }

  /** The foreign keys of {@code column} alone (short or full form). */
  public List<ForeignKey> foreignKeysOf(String column) {
    return foreignKeys.stream().filter(f -> f.columns().equals(List.of(column))).toList();
  }

  /**
   * Declared indexes plus the implicit ones PostgreSQL creates for the primary key and the
   * unique constraints: what a query can actually be served by.
   */
  public List<Index> allIndexes() {
    List<Index> all = new ArrayList<>();
    if (!primaryKey.isEmpty()) {
      List<IndexColumn> keyColumns = primaryKey.stream()
          .map(c -> new IndexColumn(c, false, SourceRef.NONE)).toList();
      all.add(new Index(primaryKeyConstraint(), name, keyColumns, true, null, List.of(),
          "Primary key.", null, null, IndexOrigin.PRIMARY_KEY, source));
    }
    for (UniqueConstraint u : effectiveUniques()) {
      List<IndexColumn> keyColumns = u.columns().stream().map(c -> new IndexColumn(c, false, SourceRef.NONE)).toList();
      all.add(new Index(ConstraintNames.unique(name, u), name, keyColumns, true, null, List.of(),
          "Unique " + String.join(", ", u.columns()) + ".", null, null, IndexOrigin.UNIQUE_COLUMN, "btree",
          u.nullsNotDistinct(), java.util.Map.of(), u.source()));
    }
    all.addAll(indexes);
    return all;
  }
}
