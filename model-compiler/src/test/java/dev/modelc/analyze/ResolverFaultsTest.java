package dev.modelc.analyze;

import static dev.modelc.analyze.Fixtures.events;
import static dev.modelc.analyze.Fixtures.index;
import static dev.modelc.analyze.Fixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.analyze.Fixtures.IndexBuilder;
import dev.modelc.analyze.Fixtures.QueryBuilder;
import dev.modelc.model.QueryKind;
import dev.modelc.model.Table;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The places where the resolver and PostgreSQL's planner used to disagree, one row each: the
 * index expected to serve ("-" for none), the sort PostgreSQL still does, and a fragment of the
 * reasons. {@code PlannerAgreementTest} and {@code SuggestionsAreChosenTest} check the same shapes
 * against a real PostgreSQL.
 */
class ResolverFaultsTest {
  record Case(String name, List<IndexBuilder> indexes, QueryBuilder query, String expected, OrderSort sort,
      String reasonFragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case row(String name, List<IndexBuilder> indexes, QueryBuilder query, String expected, OrderSort sort,
      String reasonFragment) {
    return new Case(name, indexes, query, expected, sort, reasonFragment);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // is null does not fix the order (PostgreSQL sorts: it derives no single value from it).
        row("is null before the ordered column: every matching row is sorted",
            List.of(index("e_adc", "account_id", "deleted_at", "created_at desc")),
            query("q").where("account_id", "=").where("deleted_at", "is null").orderBy("created_at desc").limit(50),
            "-", OrderSort.FULL, "'deleted_at is null' does not fix the column's order"),
        row("is null after the ordered column filters inside the index, in order",
            List.of(index("e_acd", "account_id", "created_at desc", "deleted_at")),
            query("q").where("account_id", "=").where("deleted_at", "is null").orderBy("created_at desc").limit(50),
            "e_acd", OrderSort.NONE, "equality on (account_id), rows in orderBy order"),
        row("is null as the partial predicate: the classic",
            List.of(index("e_live", "account_id", "created_at desc").where("deleted_at is null")),
            query("q").where("account_id", "=").where("deleted_at", "is null").orderBy("created_at desc").limit(50),
            "e_live", OrderSort.NONE, "rows in orderBy order, its predicate (deleted_at is null) is implied"),
        row("is null ordered by itself first still delivers the order",
            List.of(index("e_dc", "deleted_at", "created_at")),
            query("q").where("deleted_at", "is null").orderBy("deleted_at", "created_at").limit(50),
            "e_dc", OrderSort.NONE, "rows in orderBy order"),
        row("is null still narrows an unordered lookup", List.of(index("e_da", "deleted_at", "account_id")),
            query("q").where("deleted_at", "is null").where("account_id", "="), "e_da", OrderSort.NONE,
            "equality on (deleted_at, account_id)"),
        // A decimal literal against an integer column casts the column.
        row("decimal literal against a bigint: no index condition", List.of(index("e_amount", "amount")),
            query("q").kind(QueryKind.COUNT).where("amount", "> 100.5"), "-", OrderSort.NONE,
            "e_amount: does not serve: its leading column 'amount'"),
        row("decimal literal against a bigint: no partial-index implication",
            List.of(index("e_big", "account_id").where("amount > 100")),
            query("q").where("account_id", "=").where("amount", "> 100.5"), "-", OrderSort.NONE,
            "a decimal literal makes PostgreSQL cast the integer column 'amount'"),
        row("a decimal written as 100.0 casts as well", List.of(index("e_amount", "amount")),
            query("q").where("amount", "= 100.0"), "-", OrderSort.NONE, "e_amount: does not serve"),
        row("an in list with one decimal casts the column", List.of(index("e_amount", "amount")),
            query("q").where("amount", "in (1, 2.5)"), "-", OrderSort.NONE, "e_amount: does not serve"),
        row("an integer literal keeps the index condition", List.of(index("e_amount", "amount")),
            query("q").kind(QueryKind.COUNT).where("amount", "> 100"), "e_amount", OrderSort.NONE, "range on amount"),
        row("an integer literal implies the integer predicate",
            List.of(index("e_big", "account_id").where("amount > 100")),
            query("q").where("account_id", "=").where("amount", "> 101"), "e_big", OrderSort.NONE, "is implied"),
        row("a decimal predicate is implied by a tighter decimal (both cast alike)",
            List.of(index("e_big", "account_id").where("amount > 100.5")),
            query("q").where("account_id", "=").where("amount", "> 200.5"), "e_big", OrderSort.NONE, "is implied"),
        row("a decimal predicate is not implied by an integer",
            List.of(index("e_big", "account_id").where("amount > 100.5")),
            query("q").where("account_id", "=").where("amount", "> 200"), "-", OrderSort.NONE,
            "does not imply amount > 100.5"),
        row("the cast condition still only filters next to a usable one",
            List.of(index("e_account_amount", "account_id", "amount")),
            query("q").where("account_id", "=").where("amount", "> 1.5"), "e_account_amount", OrderSort.NONE,
            "serves: equality on (account_id)"),
        // An in list followed by the order: looked up, then its rows sorted together.
        row("in list then the order column: served with a sort of the matching rows",
            List.of(index("e_ac", "account_id", "created_at desc")),
            query("q").where("account_id", "in").orderBy("created_at desc").limit(50),
            "e_ac", OrderSort.FULL, "PostgreSQL sorts the matching rows together"),
        row("an ordered scan delivering the order wins over nothing narrowing",
            List.of(index("e_c", "created_at desc")),
            query("q").where("account_id", "in").orderBy("created_at desc").limit(50),
            "e_c", OrderSort.NONE, "an ordered scan that stops after 50 rows"),
        row("the in-list lookup ranks above the ordered scan (it narrows)",
            List.of(index("e_c", "created_at desc"), index("e_ac", "account_id", "created_at desc")),
            query("q").where("account_id", "in").orderBy("created_at desc").limit(50),
            "e_ac", OrderSort.FULL, "e_c: also serves, ranks lower"),
        row("an in list ordered by itself first needs no sort",
            List.of(index("e_ac", "account_id", "created_at desc")),
            query("q").where("account_id", "in").orderBy("account_id", "created_at desc").limit(50),
            "e_ac", OrderSort.NONE, "rows in orderBy order"),
        // Incremental sort.
        row("index delivers the first order term: incremental sort with a limit",
            List.of(index("e_ak", "account_id", "kind")),
            query("q").where("account_id", "=").orderBy("kind", "created_at").limit(20),
            "e_ak", OrderSort.INCREMENTAL, "delivers the order of 'orderBy kind' and PostgreSQL sorts only within each group"),
        row("without a limit the prefix does not help: every matching row is sorted",
            List.of(index("e_ak", "account_id", "kind")),
            query("q").where("account_id", "=").orderBy("kind", "created_at"),
            "-", OrderSort.FULL, "so every matching row would have to be sorted"),
        row("the full order ranks above the incremental sort",
            List.of(index("e_ak", "account_id", "kind"), index("e_akc", "account_id", "kind", "created_at")),
            query("q").where("account_id", "=").orderBy("kind", "created_at").limit(20),
            "e_akc", OrderSort.NONE, "e_ak: also serves, ranks lower: equality on (account_id), incremental sort"),
        row("a direction change after the first term: incremental sort",
            List.of(index("e_akc", "account_id", "kind", "created_at")),
            query("q").where("account_id", "=").orderBy("kind", "created_at desc").limit(20),
            "e_akc", OrderSort.INCREMENTAL, "incremental sort"),
        row("an ordered scan with an incremental sort stops at the limit",
            List.of(index("e_k", "kind")),
            query("q").orderBy("kind", "created_at").limit(20),
            "e_k", OrderSort.INCREMENTAL, "an ordered scan that stops after 20 rows"),
        row("nothing of the order delivered: no incremental sort", List.of(index("e_a", "account_id")),
            query("q").where("account_id", "=").orderBy("kind", "created_at").limit(20), "-", OrderSort.FULL,
            "'orderBy kind' does not follow the index"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesLikeThePlanner(Case c) {
    Table table = events(c.indexes().toArray(IndexBuilder[]::new));
    Resolution r = QueryResolver.resolve(table, c.query().build(), table.allIndexes());
    String reasons = String.join("\n", r.reasons());
    assertEquals(c.expected(), r.index() == null ? "-" : r.index().name(), reasons);
    assertEquals(c.sort(), r.sort(), reasons);
    assertTrue(reasons.contains(c.reasonFragment()), "expected '" + c.reasonFragment() + "' in\n" + reasons);
  }

  static Stream<Object[]> suggestions() {
    return Stream.of(
        new Object[] {query("q").where("account_id", "in").orderBy("created_at desc").limit(50),
            "account_id, created_at desc"},
        new Object[] {query("q").where("account_id", "=").where("deleted_at", "is null").orderBy("created_at desc").limit(50),
            "account_id, created_at desc, deleted_at"},
        new Object[] {query("q").where("deleted_at", "is null").where("account_id", "="), "account_id, deleted_at"},
        new Object[] {query("q").where("account_id", "=").where("amount", "> 100.5"), "account_id"},
        new Object[] {query("q").where("amount", "> 100.5"), null});
  }

  @ParameterizedTest
  @MethodSource("suggestions")
  void suggestsIndexesTheResolverAccepts(QueryBuilder query, String expected) {
    Table table = events();
    Optional<String> suggestion = IndexSuggestion.columnsFor(table, query.build());
    assertEquals(Optional.ofNullable(expected), suggestion);
  }
}
