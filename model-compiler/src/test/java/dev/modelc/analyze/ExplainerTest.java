package dev.modelc.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modelc.model.Model;
import dev.modelc.parse.LoadResult;
import dev.modelc.parse.ModelLoader;
import dev.modelc.parse.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code modelc explain}: the whole expected text, inline, for each shape of answer. */
class ExplainerTest {
  static final String MODEL = """
      model: events
      tables:
        events:
          columns:
            id: { type: bigint, primaryKey: true }
            account_id: bigint
            kind: text
            state: { type: enum, values: [open, closed] }
            created_at: timestamptz
            external_ref: { type: text, unique: true }
          indexes:
            events_account_created: { columns: [account_id, created_at desc], reason: Recent events of an account. }
            events_open: { columns: [created_at], where: "state = 'open'", reason: The open queue. }
      queries:
        recentForAccount:
          table: events
          where: { account_id: "=", created_at: "<" }
          orderBy: [created_at]
          limit: 20
          traffic: critical
          rate: 50/s
          owner: team-activity
          endpoints: [GET /v1/events, GET /v2/events]
          index: events_account_created
        byRef:
          table: events
          where: { external_ref: "=" }
        openCount:
          table: events
          kind: count
          where: { state: "= 'open'" }
          traffic: batch
        byKind:
          table: events
          where: { kind: "=" }
          orderBy: [created_at desc]
          limit: 10
        everything:
          table: events
          kind: count
        add:
          table: events
          kind: insert
        close:
          table: events
          kind: update
          set: [state]
          where: { id: "=" }
      """;

  static final Model model = load(MODEL);
  static final Coverage coverage = CoverageAnalysis.analyze(model);

  static Model load(String text) {
    LoadResult r = ModelLoader.loadFiles(List.of(new SourceFile("events.yaml", text.getBytes(StandardCharsets.UTF_8))));
    assertEquals(List.of(), r.diagnostics());
    return r.model().orElseThrow();
  }

  static String explain(String query) {
    return Explainer.explain(model, coverage, query);
  }

  @Test
  void aServedQueryShowsItsContextAndHowEachColumnMatches() {
    assertEquals("""
        query recentForAccount (events.yaml:15:3)
          select from events where account_id = ? and created_at < ? order by created_at limit 20
          traffic: critical, rate 50/s
          owner: team-activity
          endpoints: GET /v1/events, GET /v2/events
          pinned index: events_account_created
        served by events_account_created (account_id, created_at desc)
          equality: account_id
          range: created_at
          order: created_at, reading the index backwards
        other candidates:
          events_external_ref_key: does not serve: its leading column 'external_ref' is not compared with =, in, is null or a range, and it does not deliver the orderBy order
          events_open: does not serve: it is partial (where state = 'open') and the query does not imply state = 'open'
          events_pkey: does not serve: its leading column 'id' is not compared with =, in, is null or a range, and it does not deliver the orderBy order
        """, explain("recentForAccount"));
  }

  @Test
  void aUniqueLookupSaysItReturnsAtMostOneRow() {
    assertEquals("""
        query byRef (events.yaml:25:3)
          select from events where external_ref = ?
          traffic: standard
        served by events_external_ref_key (external_ref) unique
          equality: external_ref
          rows: at most one (unique index, every column compared with =)
        other candidates:
          events_account_created: does not serve: its leading column 'account_id' is not compared with =, in, is null or a range
          events_open: does not serve: it is partial (where state = 'open') and the query does not imply state = 'open'
          events_pkey: does not serve: its leading column 'id' is not compared with =, in, is null or a range
        """, explain("byRef"));
  }

  @Test
  void aPartialScanNamesThePredicateItRelies() {
    assertEquals("""
        query openCount (events.yaml:28:3)
          count from events where state = 'open'
          traffic: batch
        served by events_open (created_at) where state = 'open'
          partial: the query implies where state = 'open'
          scan: the whole partial index, which holds only rows its predicate keeps
        other candidates:
          events_account_created: does not serve: its leading column 'account_id' is not compared with =, in, is null or a range
          events_external_ref_key: does not serve: its leading column 'external_ref' is not compared with =, in, is null or a range
          events_pkey: does not serve: its leading column 'id' is not compared with =, in, is null or a range
        """, explain("openCount"));
  }

  @Test
  void anUnservedQueryGetsASuggestionAndOneLinePerCandidate() {
    assertEquals("""
        query byKind (events.yaml:33:3)
          select from events where kind = ? order by created_at desc limit 10
          traffic: standard
        NOT SERVED by any index; an index on (kind, created_at desc) would serve it
        candidates:
          events_account_created: does not serve: its leading column 'account_id' is not compared with =, in, is null or a range, and it does not deliver the orderBy order
          events_external_ref_key: does not serve: its leading column 'external_ref' is not compared with =, in, is null or a range, and it does not deliver the orderBy order
          events_open: does not serve: it is partial (where state = 'open') and the query does not imply state = 'open'
          events_pkey: does not serve: its leading column 'id' is not compared with =, in, is null or a range, and it does not deliver the orderBy order
        """, explain("byKind"));
  }

  @Test
  void aFullScanSaysSoFirst() {
    assertEquals("""
        query everything (events.yaml:38:3)
          count from events
          traffic: standard
        NOT SERVED: the query has no conditions: it reads every row of table 'events', and no index makes that cheaper
        candidates:
          events_account_created: does not serve: its leading column 'account_id' is not compared with =, in, is null or a range
          events_external_ref_key: does not serve: its leading column 'external_ref' is not compared with =, in, is null or a range
          events_open: does not serve: it is partial (where state = 'open') and the query does not imply state = 'open'
          events_pkey: does not serve: its leading column 'id' is not compared with =, in, is null or a range
        """, explain("everything"));
  }

  @Test
  void writesAreShapedAsWrites() {
    assertEquals("""
        query add (events.yaml:41:3)
          insert into events
          traffic: standard
        needs no index: an insert writes rows and needs no index to find them
        """, explain("add"));
    assertEquals("""
        query close (events.yaml:44:3)
          update events where id = ?
          traffic: standard
        served by events_pkey (id) unique
          equality: id
          rows: at most one (unique index, every column compared with =)
        other candidates:
          events_account_created: does not serve: its leading column 'account_id' is not compared with =, in, is null or a range
          events_external_ref_key: does not serve: its leading column 'external_ref' is not compared with =, in, is null or a range
          events_open: does not serve: it is partial (where state = 'open') and the query does not imply state = 'open'
        """, explain("close"));
  }

  @Test
  void unknownQueriesGiveNullAndUnknownTablesSaySo() {
    assertNull(explain("noSuchQuery"));
    Model ghost = load(MODEL.replace("    table: events\n    kind: insert", "    table: nowhere\n    kind: insert"));
    assertEquals("""
        query add (events.yaml:41:3)
          insert into nowhere
          traffic: standard
        not resolved: table 'nowhere' is not in the model
        """, Explainer.explain(ghost, CoverageAnalysis.analyze(ghost), "add"));
  }

  @Test
  void theTextIsTheSameEveryTime() {
    Model again = load(MODEL);
    for (var q : model.queries()) {
      assertEquals(explain(q.name()), Explainer.explain(again, CoverageAnalysis.analyze(again), q.name()));
    }
  }
}
