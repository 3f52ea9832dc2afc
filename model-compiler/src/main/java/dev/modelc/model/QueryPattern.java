package dev.modelc.model;

import java.util.List;
import java.util.Objects;

/**
 * A query the application runs. {@code returns} lists the selected columns (empty: all
 * columns). {@code set} lists the columns an {@code update} assigns or an {@code insert}
 * provides (empty for insert: every column without a default). {@code index} pins the index
 * the author expects to serve the query (null when not pinned). {@code rate} is free text
 * such as {@code 1200/s}.
 */
public record QueryPattern(
    String name,
    String table,
    QueryKind kind,
    List<Predicate> where,
    List<OrderTerm> orderBy,
    Integer limit,
    List<String> returns,
    List<String> set,
    Traffic traffic,
    String rate,
    List<String> endpoints,
    String owner,
    String index,
    String description,
    SourceRef source) {

  public QueryPattern {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(traffic, "traffic == null");
    Objects.requireNonNull(source, "source == null");
    where = List.copyOf(where);
    orderBy = List.copyOf(orderBy);
    returns = List.copyOf(returns);
    set = List.copyOf(set);
    endpoints = List.copyOf(endpoints);
  }

  /** Equal in everything but where it was written: the same query in two model versions. */
  public boolean sameShape(QueryPattern other) {
    return name.equals(other.name) && table.equals(other.table) && kind == other.kind
        && where.stream().map(p -> p.column() + p.operator() + p.literal()).toList()
            .equals(other.where.stream().map(p -> p.column() + p.operator() + p.literal()).toList())
        && orderBy.stream().map(OrderTerm::toString).toList().equals(other.orderBy.stream().map(OrderTerm::toString).toList())
        && Objects.equals(limit, other.limit) && returns.equals(other.returns) && set.equals(other.set)
        && traffic == other.traffic && Objects.equals(index, other.index);
  }
}
