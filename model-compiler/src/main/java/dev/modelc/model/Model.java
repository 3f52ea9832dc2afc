package dev.modelc.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole model: every table, query pattern and tombstone, merged from one file or a folder of
 * files (files in path order, elements in declaration order). Immutable. Lookups by name are
 * constant time so that checks stay linear on models with many thousands of tables.
 */
public final class Model {
  private final String name;
  private final String database;
  private final List<Table> tables;
  private final List<QueryPattern> queries;
  private final List<Tombstone> retired;
  private final Policy policy;
  private final SourceRef source;
  private final Map<String, Table> tablesByName = new LinkedHashMap<>();
  private final Map<String, QueryPattern> queriesByName = new LinkedHashMap<>();
  private final Map<String, List<QueryPattern>> queriesByTable = new LinkedHashMap<>();

  public Model(String name, String database, List<Table> tables, List<QueryPattern> queries,
      List<Tombstone> retired, Policy policy, SourceRef source) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.database = Objects.requireNonNull(database, "database == null");
    this.tables = List.copyOf(tables);
    this.queries = List.copyOf(queries);
    this.retired = List.copyOf(retired);
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.source = Objects.requireNonNull(source, "source == null");
    for (Table t : this.tables) {
      tablesByName.putIfAbsent(t.name(), t);
    }
    Map<String, java.util.ArrayList<QueryPattern>> byTable = new LinkedHashMap<>();
    for (QueryPattern q : this.queries) {
      queriesByName.putIfAbsent(q.name(), q);
      byTable.computeIfAbsent(q.table(), k -> new java.util.ArrayList<>()).add(q);
    }
    byTable.forEach((k, v) -> queriesByTable.put(k, List.copyOf(v)));
  }

  public String name() {
    return name;
  }

  /** The target database; {@code postgresql} is the one supported today. */
  public String database() {
    return database;
  }

  public List<Table> tables() {
    return tables;
  }

  public List<QueryPattern> queries() {
    return queries;
  }

  public List<Tombstone> retired() {
    return retired;
  }

  public Policy policy() {
    return policy;
  }

  public SourceRef source() {
    return source;
  }

  public Optional<Table> table(String tableName) {
    return Optional.ofNullable(tablesByName.get(tableName));
  }

  public Optional<QueryPattern> query(String queryName) {
    return Optional.ofNullable(queriesByName.get(queryName));
  }

  public List<QueryPattern> queriesOf(String tableName) {
    return queriesByTable.getOrDefault(tableName, List.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Model m && name.equals(m.name) && database.equals(m.database)
        && tables.equals(m.tables) && queries.equals(m.queries) && retired.equals(m.retired)
        && policy.equals(m.policy) && source.equals(m.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, database, tables, queries, retired, policy, source);
  }

  @Override
  public String toString() {
    return "Model[" + name + ", " + tables.size() + " tables, " + queries.size() + " queries]";
  }
}
