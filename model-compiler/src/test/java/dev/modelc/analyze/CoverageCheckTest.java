package dev.modelc.analyze;

import static dev.modelc.analyze.Fixtures.events;
import static dev.modelc.analyze.Fixtures.index;
import static dev.modelc.analyze.Fixtures.model;
import static dev.modelc.analyze.Fixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.analyze.Fixtures.IndexBuilder;
import dev.modelc.analyze.Fixtures.QueryBuilder;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.DiagnosticCodes;
import dev.modelc.diag.Severity;
import dev.modelc.model.Model;
import dev.modelc.model.QueryKind;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MC5xx findings: positive and negative samples for each rule. */
class CoverageCheckTest {

  static List<Diagnostic> check(Table table, QueryBuilder... queries) {
    Model m = model(List.of(table), Arrays.stream(queries).map(QueryBuilder::build).toList());
    return CoverageCheck.check(m, CoverageAnalysis.analyze(m));
  }

  static List<String> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> d.code() + " " + d.severity().label()).toList();
  }

  static Table eventsWith(IndexBuilder... indexes) {
    return events(indexes);
  }

  @ParameterizedTest(name = "{0} traffic -> {1}")
  @CsvSource({"CRITICAL, ERROR", "STANDARD, WARNING", "BATCH, NOTE"})
  void unservedQuerySeverityFollowsTraffic(Traffic traffic, Severity severity) {
    QueryBuilder q = query("recentForAccount").where("account_id", "=").where("created_at", "<")
        .orderBy("created_at desc").limit(100).traffic(traffic);
    List<Diagnostic> found = check(eventsWith(), q);
    assertEquals(1, found.size(), found.toString());
    Diagnostic d = found.get(0);
    assertEquals("MC501", d.code());
    assertEquals(severity, d.severity());
    assertEquals(q.source(), d.position());
    assertEquals(traffic.modelName() + " query 'recentForAccount' has no index on table 'events' that serves it;"
        + " add an index on (account_id, created_at desc)"
        + " (modelc explain recentForAccount shows why each index does not serve)", d.message());
  }

  @Test
  void suggestionPutsEqualityFirstThenInColumnsThenTheOrder() {
    List<Diagnostic> found = check(eventsWith(),
        query("a").where("created_at", ">").where("kind", "=").where("state", "= 'open'"),
        query("b").where("account_id", "in").where("kind", "=").orderBy("created_at").traffic(Traffic.CRITICAL),
        query("c").where("kind", "!="));
    assertEquals(3, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("add an index on (kind, state, created_at)"), found.get(0).message());
    // The in list is looked up and its rows sorted: the plan PostgreSQL chooses (SuggestionsAreChosenTest).
    assertTrue(found.get(1).message().contains("add an index on (kind, account_id, created_at)"), found.get(1).message());
    assertTrue(found.get(2).message().contains("none of its conditions can narrow an index scan"), found.get(2).message());
  }

  @Test
  void aFullScanIsReportedAsSuchWithoutASuggestion() {
    List<Diagnostic> found = check(eventsWith(), query("everything").traffic(Traffic.CRITICAL),
        query("export").kind(QueryKind.COUNT).traffic(Traffic.BATCH));
    assertEquals(List.of("MC501 error", "MC501 note"), codes(found));
    assertEquals("critical query 'everything' has no conditions and reads every row of table 'events', which no"
        + " index can serve; add a condition an index can use, or mark it 'traffic: batch' if the full scan"
        + " is intended", found.get(0).message());
    assertTrue(!found.get(1).message().contains("traffic: batch"), found.get(1).message());
  }

  @Test
  void servedQueriesAndQueriesThatNeedNoIndexAreQuiet() {
    assertEquals(List.of(), check(eventsWith(index("e_account", "account_id")),
        query("byAccount").where("account_id", "=").traffic(Traffic.CRITICAL),
        query("add").kind(QueryKind.INSERT).traffic(Traffic.CRITICAL),
        query("any").kind(QueryKind.EXISTS).traffic(Traffic.CRITICAL),
        query("sample").limit(10).traffic(Traffic.CRITICAL)));
  }

  @Test
  void aPinThatDoesNotServeSaysWhyAndWhichIndexDoes() {
    QueryBuilder q = query("byAccount").where("account_id", "=").orderBy("amount").pin("e_account_kind");
    List<Diagnostic> found = check(eventsWith(index("e_account_kind", "account_id", "kind").keep("k"),
        index("e_account_amount", "account_id", "amount")), q);
    assertEquals(List.of("MC502 error"), codes(found));
    assertEquals(q.source(), found.get(0).position());
    assertEquals("query 'byAccount' pins index 'e_account_kind', which does not serve it: equality on (account_id),"
        + " but 'orderBy amount' does not follow the index (the next index column is kind), so every matching"
        + " row would have to be sorted; index 'e_account_amount' serves it: pin that one or remove the pin",
        found.get(0).message());
  }

  @Test
  void aPinnedQueryThatNothingServesIsReportedOnceWithASuggestion() {
    List<Diagnostic> found = check(eventsWith(index("e_kind", "kind").keep("k")),
        query("byAccount").where("account_id", "=").pin("e_kind").traffic(Traffic.BATCH));
    assertEquals(List.of("MC502 error"), codes(found));
    assertTrue(found.get(0).message().endsWith("; no index serves the query: add an index on (account_id) and pin it"),
        found.get(0).message());
  }

  @Test
  void aServingPinIsQuietEvenWhenAnotherIndexRanksHigher() {
    assertEquals(List.of(), check(eventsWith(index("e_a", "account_id", "amount"), index("e_ak", "account_id", "kind")),
        query("q").where("account_id", "=").where("kind", "=").pin("e_a")));
  }

  @Test
  void aPinOfAnImplicitIndexIsJudgedLikeAnyOther() {
    assertEquals(List.of(), check(eventsWith(), query("q").where("id", "=").pin("events_pkey")));
    assertEquals(List.of("MC502 error"), codes(check(eventsWith(), query("q").where("id", "=").pin("events_external_ref_key"))));
  }

  @Test
  void aPinNamingNoIndexIsTheReferenceChecksToReport() {
    assertEquals(List.of(), check(eventsWith(index("e_account", "account_id")),
        query("q").where("account_id", "=").pin("no_such_index")));
    assertEquals(List.of("MC501 warning"), codes(check(eventsWith(), query("q").where("account_id", "=").pin("no_such_index"))),
        "an unknown pin does not hide that nothing serves the query");
  }

  @Test
  void queriesOnUnknownTablesOrColumnsAreSkipped() {
    assertEquals(List.of(), check(eventsWith(),
        query("ghostTable").table("nope").where("x", "=").traffic(Traffic.CRITICAL),
        query("ghostColumn").where("nope", "=").traffic(Traffic.CRITICAL),
        query("ghostOrder").where("account_id", "=").orderBy("nope").traffic(Traffic.CRITICAL).pin("events_pkey")));
  }

  @Test
  void anIndexNoQueryCanUseNeedsAKeepReason() {
    IndexBuilder idle = index("e_idle", "amount");
    List<Diagnostic> found = check(eventsWith(idle, index("e_kept", "kind").keep("ad-hoc support lookups"),
        index("e_account", "account_id")), query("q").where("account_id", "="));
    assertEquals(List.of("MC503 warning"), codes(found));
    assertEquals("index 'e_idle' on table 'events' serves no declared query; declare the query that needs it,"
        + " add keep: <reason>, or retire it", found.get(0).message());
    assertEquals(idle.build("events").source(), found.get(0).position());
  }

  @Test
  void implicitIndexesAndRunnerUpsAreNotUnused() {
    // events_pkey and events_external_ref_key serve nothing, but they are constraints, not declared.
    // e_ak is never chosen (e_a is a single-row lookup) yet could serve: not unused.
    assertEquals(List.of(), check(eventsWith(index("e_a", "account_id").unique(), index("e_ak", "account_id", "kind")),
        query("q").where("account_id", "=")));
  }

  @Test
  void aRedundantPrefixIsReportedOnceAndNotAlsoAsUnused() {
    IndexBuilder shorter = index("e_account", "account_id");
    List<Diagnostic> found = check(eventsWith(shorter, index("e_account_created", "account_id", "created_at desc")),
        query("q").where("account_id", "=").orderBy("created_at desc").limit(5));
    assertEquals(List.of("MC504 warning"), codes(found));
    assertEquals(shorter.build("events").source(), found.get(0).position());
    assertEquals("index 'e_account' (account_id) is a prefix of index 'e_account_created' (account_id, created_at desc),"
        + " which can serve every query it serves; retire 'e_account'", found.get(0).message());
  }

  @Test
  void ofTwoIdenticalIndexesTheLaterOneIsRedundant() {
    List<Diagnostic> found = check(eventsWith(index("e_z", "account_id", "kind"), index("e_a", "account_id", "kind")),
        query("q").where("account_id", "=").where("kind", "="));
    assertEquals(List.of("MC504 warning"), codes(found));
    assertTrue(found.get(0).message().startsWith("index 'e_a' (account_id, kind) is the same as index 'e_z'"),
        found.get(0).message());
  }

  @Test
  void partialIndexesWithTheSamePredicateInAnotherSpellingAreRedundant() {
    List<Diagnostic> found = check(eventsWith(index("e_open", "created_at").where("state = 'open' and deleted_at is null"),
        index("e_open_amount", "created_at", "amount").where("(deleted_at IS NULL) AND state='open'")),
        query("q").where("state", "= 'open'").where("deleted_at", "is null").where("created_at", ">"));
    assertEquals(List.of("MC504 warning"), codes(found));
    assertTrue(found.get(0).message().contains("with the same predicate"), found.get(0).message());
  }

  @Test
  void prefixesThatEnforceOrSelectSomethingElseAreNotRedundant() {
    QueryBuilder q = query("q").where("account_id", "=").where("kind", "=");
    // A unique prefix enforces a rule.
    assertEquals(List.of(), check(eventsWith(index("e_a", "account_id").unique(), index("e_ak", "account_id", "kind")), q));
    // A unique longer index is a constraint that may change on its own.
    assertEquals(List.of(), codes(check(eventsWith(index("e_a", "account_id").keep("k"),
        index("e_ak", "account_id", "kind").unique()), q)));
    // Another predicate keeps other rows.
    assertEquals(List.of(), codes(check(eventsWith(index("e_a", "account_id").where("state = 'open'").keep("k"),
        index("e_ak", "account_id", "kind")), q)));
    // Another direction gives another order.
    assertEquals(List.of(), codes(check(eventsWith(index("e_c", "created_at desc").keep("k"),
        index("e_ca", "created_at", "amount").keep("k")), q.where("created_at", ">"))));
    // Same first column, but not a prefix.
    assertEquals(List.of(), codes(check(eventsWith(index("e_ak", "account_id", "kind").keep("k"),
        index("e_aca", "account_id", "created_at", "kind").keep("k")), q)));
  }

  @Test
  void everyCoverageCodeIsRegisteredAndNumberedFromMc501() {
    List<String> codes = Arrays.stream(CoverageCode.values()).map(CoverageCode::code).toList();
    assertEquals(List.of("MC501", "MC502", "MC503", "MC504", "MC505"), codes);
    assertTrue(DiagnosticCodes.all().stream().map(DiagnosticCode::code).toList().containsAll(codes));
    assertEquals(Severity.WARNING, CoverageCode.MC503.defaultSeverity());
    assertEquals(Severity.WARNING, CoverageCode.MC504.defaultSeverity());
  }
}
