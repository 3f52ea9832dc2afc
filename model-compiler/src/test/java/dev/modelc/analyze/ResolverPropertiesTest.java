package dev.modelc.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.IndexOrigin;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the resolver over generated queries and index sets on one table: it never
 * throws, explains every candidate, does not depend on candidate order, never loses a query
 * when an index is added, and every suggestion it makes really serves.
 */
class ResolverPropertiesTest {
  static final List<String> COLUMNS = List.of("id", "a", "b", "c", "d");
  static final List<String> PREDICATES = Arrays.asList(null, null, null, "a = 1", "b is null", "c > 0",
      "a in (1, 2) and c >= 5", "lower(d) = 'x'");
  static final Table TABLE = new Table("t", null, null, null,
      COLUMNS.stream().map(c -> new Column(c, ColumnType.of(TypeKind.BIGINT), !c.equals("id"), null, c.equals("id"),
          null, null, SourceRef.NONE)).toList(),
      List.of("id"), null, List.of(), List.of(), List.of(), List.of(), null, SourceRef.NONE);

  @Property(tries = 400, seed = "20261124")
  void explainsEveryCandidateAndChoosesAmongThem(@ForAll("queries") QueryPattern q, @ForAll("indexSets") List<Index> indexes) {
    Resolution r = QueryResolver.resolve(TABLE, q, indexes);
    if (r.index() != null) {
      assertTrue(indexes.contains(r.index()));
      assertTrue(r.served());
      assertTrue(r.reasons().get(0).startsWith(r.index().name() + ": serves: "), r.reasons().toString());
    }
    if (q.kind() != QueryKind.INSERT) {
      for (Index i : indexes) {
        assertTrue(r.reasons().stream().anyMatch(l -> l.startsWith(i.name() + ": ")), i.name() + " in " + r.reasons());
      }
    }
    for (Index alternative : r.alternatives()) {
      assertTrue(QueryResolver.fit(QueryShape.of(q, TABLE), alternative).serves());
    }
  }

  @Property(tries = 400, seed = "20261124")
  void theOrderOfCandidatesChangesNothing(@ForAll("queries") QueryPattern q, @ForAll("indexSets") List<Index> indexes) {
    Resolution forward = QueryResolver.resolve(TABLE, q, indexes);
    List<Index> reversed = new ArrayList<>(indexes);
    Collections.reverse(reversed);
    Resolution backward = QueryResolver.resolve(TABLE, q, reversed);
    assertEquals(forward.index(), backward.index());
    assertEquals(forward.reasons(), backward.reasons());
    assertEquals(forward.alternatives(), backward.alternatives());
  }

  @Property(tries = 400, seed = "20261124")
  void addingAnIndexNeverUnservesAQuery(@ForAll("queries") QueryPattern q, @ForAll("indexSets") List<Index> indexes,
      @ForAll("indexes") Index extra) {
    Resolution before = QueryResolver.resolve(TABLE, q, indexes);
    List<Index> more = new ArrayList<>(indexes);
    if (more.stream().noneMatch(i -> i.name().equals(extra.name()))) {
      more.add(extra);
    }
    Resolution after = QueryResolver.resolve(TABLE, q, more);
    if (before.served()) {
      assertTrue(after.served());
      assertTrue(!before.atMostOneRow() || after.atMostOneRow());
    }
  }

  @Property(tries = 400, seed = "20261124")
  void everySuggestionServesTheQuery(@ForAll("queries") QueryPattern q, @ForAll("indexSets") List<Index> indexes) {
    Resolution r = QueryResolver.resolve(TABLE, q, indexes);
    Optional<String> suggestion = IndexSuggestion.columnsFor(TABLE, q);
    if (r.served() || suggestion.isEmpty()) {
      return;
    }
    List<IndexColumn> columns = Arrays.stream(suggestion.get().split(", ")).map(s -> {
      String[] parts = s.split(" ");
      return new IndexColumn(parts[0], parts.length > 1, SourceRef.NONE);
    }).toList();
    Index suggested = new Index("zz_suggested", "t", columns, false, null, List.of(), "r", null, null,
        IndexOrigin.DECLARED, SourceRef.NONE);
    List<Index> more = new ArrayList<>(indexes);
    more.add(suggested);
    assertTrue(QueryResolver.resolve(TABLE, q, more).served(), suggestion.get() + " for " + Explainer.shape(q));
  }

  @Provide
  Arbitrary<QueryPattern> queries() {
    Arbitrary<Predicate> predicate = Combinators.combine(Arbitraries.of(COLUMNS), Arbitraries.of(Operator.values()),
        Arbitraries.of("?", "?", "1", "0", "7")).as((column, op, value) -> new Predicate(column, op,
            op.isUnary() || value.equals("?") ? null : op == Operator.IN ? "(" + value + ", 2)" : value, SourceRef.NONE));
    Arbitrary<OrderTerm> order = Combinators.combine(Arbitraries.of(COLUMNS), Arbitraries.of(true, false))
        .as((column, desc) -> new OrderTerm(column, desc, SourceRef.NONE));
    return Combinators.combine(
        Arbitraries.of(QueryKind.values()),
        predicate.list().ofMaxSize(4),
        order.list().ofMaxSize(3),
        Arbitraries.of(Optional.<Integer>empty(), Optional.of(10)))
        .as((kind, where, orderBy, limit) -> new QueryPattern("q", "t", kind,
            kind == QueryKind.INSERT ? List.of() : where, orderBy, limit.orElse(null), List.of(), List.of(),
            Traffic.STANDARD, null, List.of(), null, null, null, SourceRef.NONE));
  }

  @Provide
  Arbitrary<Index> indexes() {
    Arbitrary<IndexColumn> column = Combinators.combine(Arbitraries.of(COLUMNS), Arbitraries.of(true, false))
        .as((name, desc) -> new IndexColumn(name, desc, SourceRef.NONE));
    return Combinators.combine(
        Arbitraries.strings().withChars("pqrs").ofLength(3),
        column.list().ofMinSize(1).ofMaxSize(3),
        Arbitraries.of(true, false, false),
        Arbitraries.of(PREDICATES))
        .as((name, columns, unique, where) -> new Index("i_" + name, "t", distinct(columns), unique, where,
            List.of(), "r", null, null, IndexOrigin.DECLARED, SourceRef.NONE));
  }

  @Provide
  Arbitrary<List<Index>> indexSets() {
    return indexes().list().ofMaxSize(5).map(list -> {
      Map<String, Index> byName = new LinkedHashMap<>();
      list.forEach(i -> byName.putIfAbsent(i.name(), i));
      List<Index> all = new ArrayList<>(TABLE.allIndexes());
      all.addAll(byName.values());
      return all;
    });
  }

  private static List<IndexColumn> distinct(List<IndexColumn> columns) {
    Map<String, IndexColumn> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.putIfAbsent(c.column(), c));
    return List.copyOf(byName.values());
  }
}
