package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.IndexOrigin;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index that would serve an unserved query, as its column list:
 * {@code (merchant_id, created_at desc)}: the columns held to one value by {@code =}, then those
 * of an {@code in} list, then the order (or the range column), with {@code is null} columns in
 * the prefix when the query asks for no order and after the ordered columns when it does (they do
 * not fix the order, PostgreSQL still filters them inside the index). Each proposal is checked
 * with the resolver itself, so a suggestion never fails its own rules; when no plain index
 * serves, there is no suggestion. For {@code x in ? order by y desc limit n} the suggestion is
 * {@code (x, y desc)}: PostgreSQL looks the values up and sorts their rows, where an index on
 * {@code (y desc)} alone would make it read the table in order until {@code n} rows match, a plan
 * it rejects whenever the list is selective.
 */
final class IndexSuggestion {
  private IndexSuggestion() {}

  /** {@code merchant_id, created_at desc}, or empty when no index on the query's columns serves. */
  static Optional<String> columnsFor(Table table, QueryPattern query) {
    QueryShape shape = QueryShape.of(query, table);
    List<String> fixed = new ArrayList<>();
    List<String> in = new ArrayList<>();
    List<String> isNull = new ArrayList<>();
    String range = null;
    for (Predicate p : shape.usable()) {
      if (p.operator() == Operator.IN) {
        addOnce(in, p.column());
      } else if (p.operator() == Operator.IS_NULL) {
        addOnce(isNull, p.column());
      } else if (p.operator() == Operator.EQ) {
        addOnce(fixed, p.column());
      } else if (p.operator().shape() == Operator.Shape.RANGE && range == null) {
        range = p.column();
      }
    }
    List<List<IndexColumn>> proposals = new ArrayList<>();
    // Without the in columns as well, for when they would break the order.
    proposals.add(proposal(fixed, in, isNull, query, shape, range));
    proposals.add(proposal(fixed, List.of(), isNull, query, shape, range));
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

  private static List<IndexColumn> proposal(List<String> fixed, List<String> in, List<String> isNull,
      QueryPattern query, QueryShape shape, String range) {
    Map<String, IndexColumn> columns = new LinkedHashMap<>();
    for (String c : fixed) {
      columns.putIfAbsent(c, new IndexColumn(c, false, SourceRef.NONE));
    }
    for (String c : in) {
      columns.putIfAbsent(c, new IndexColumn(c, false, SourceRef.NONE));
    }
    if (!shape.needsOrder()) {
      isNull.forEach(c -> columns.putIfAbsent(c, new IndexColumn(c, false, SourceRef.NONE)));
    }
    if (shape.needsOrder()) {
      for (OrderTerm t : query.orderBy()) {
        columns.putIfAbsent(t.column(), new IndexColumn(t.column(), t.descending(), SourceRef.NONE));
      }
    } else if (range != null) {
      columns.putIfAbsent(range, new IndexColumn(range, false, SourceRef.NONE));
    }
    isNull.forEach(c -> columns.putIfAbsent(c, new IndexColumn(c, false, SourceRef.NONE)));
    return List.copyOf(columns.values());
  }

  private static void addOnce(List<String> list, String column) {
    if (!list.contains(column)) {
      list.add(column);
    }
  }
}
