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
  private final List<String> extensions;
  private final List<UnmanagedObject> unmanaged;
  private final SourceRef source;
  private final Map<String, Table> tablesByName = new LinkedHashMap<>();
  private final Map<String, QueryPattern> queriesByName = new LinkedHashMap<>();
  private final Map<String, List<QueryPattern>> queriesByTable = new LinkedHashMap<>();

  public Model(String name, String database, List<Table> tables, List<QueryPattern> queries,
      List<Tombstone> retired, Policy policy, SourceRef source) {
    this(name, database, tables, queries, retired, policy, List.of(), List.of(), source);
  }

  /**
   * A model with the extensions it needs ({@code extensions:}, in declaration order) and the
   * objects it lists as unmanaged.
   */
  public Model(String name, String database, List<Table> tables, List<QueryPattern> queries,
      List<Tombstone> retired, Policy policy, List<String> extensions, List<UnmanagedObject> unmanaged,
      SourceRef source) {
    this.extensions = List.copyOf(extensions);
    this.unmanaged = List.copyOf(unmanaged);
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

  /** PostgreSQL extensions the model needs ({@code extensions: [citext, pg_trgm]}). */
  public List<String> extensions() {
    return extensions;
  }

  /** Objects of the database the model does not manage ({@code unmanaged:}). */
  public List<UnmanagedObject> unmanaged() {
    return unmanaged;
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
        && policy.equals(m.policy) && extensions.equals(m.extensions) && unmanaged.equals(m.unmanaged)
        && source.equals(m.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, database, tables, queries, retired, policy, extensions, unmanaged, source);
  }

  @Override
  public String toString() {
    return "Model[" + name + ", " + tables.size() + " tables, " + queries.size() + " queries]";
  }
}
