package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.IndexOrigin;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index that would serve an unserved query, as its column list:
 * {@code (merchant_id, created_at desc)}. Each proposal is checked with the resolver itself, so
 * a suggestion never fails its own rules; when no plain index serves, there is no suggestion.
 */
final class IndexSuggestion {
  private IndexSuggestion() {}

  /** {@code merchant_id, created_at desc}, or empty when no index on the query's columns serves. */
  static Optional<String> columnsFor(QueryPattern query) {
    List<String> fixed = new ArrayList<>();
    List<String> in = new ArrayList<>();
    String range = null;
    for (Predicate p : query.where()) {
      if (p.operator() == Operator.IN) {
        addOnce(in, p.column());
      } else if (p.operator().shape() == Operator.Shape.EQUALITY) {
        addOnce(fixed, p.column());
      } else if (p.operator().shape() == Operator.Shape.RANGE && range == null) {
        range = p.column();
      }
    }
    QueryShape shape = QueryShape.of(query);
    List<List<IndexColumn>> proposals = new ArrayList<>();
    // Equality first (one value each: = and is null, then the sets of in), then the order or
    // the range; without the in columns when they would break the order.
    proposals.add(proposal(fixed, in, query, shape, range));
    proposals.add(proposal(fixed, List.of(), query, shape, range));
    for (List<IndexColumn> columns : proposals) {
      if (columns.isEmpty()) {
        continue;
      }
      Index candidate = new Index("suggested", query.table(), columns, false, null, List.of(),
          "suggested", null, null, IndexOrigin.DECLARED, SourceRef.NONE);
      if (QueryResolver.fit(shape, candidate).serves()) {
        return Optional.of(QueryResolver.names(columns));
      }
    }
    return Optional.empty();
  }

  private static List<IndexColumn> proposal(List<String> fixed, List<String> in, QueryPattern query,
      QueryShape shape, String range) {
    Map<String, IndexColumn> columns = new LinkedHashMap<>();
    for (String c : fixed) {
      columns.putIfAbsent(c, new IndexColumn(c, false, SourceRef.NONE));
    }
    for (String c : in) {
      columns.putIfAbsent(c, new IndexColumn(c, false, SourceRef.NONE));
    }
    if (shape.needsOrder()) {
      for (OrderTerm t : query.orderBy()) {
        columns.putIfAbsent(t.column(), new IndexColumn(t.column(), t.descending(), SourceRef.NONE));
      }
    } else if (range != null) {
      columns.putIfAbsent(range, new IndexColumn(range, false, SourceRef.NONE));
    }
    return List.copyOf(columns.values());
  }

  private static void addOnce(List<String> list, String column) {
    if (!list.contains(column)) {
      list.add(column);
    }
  }
}
