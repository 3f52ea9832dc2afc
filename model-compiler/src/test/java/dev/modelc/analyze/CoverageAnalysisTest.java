package dev.modelc.analyze;

import static dev.modelc.analyze.Fixtures.column;
import static dev.modelc.analyze.Fixtures.events;
import static dev.modelc.analyze.Fixtures.index;
import static dev.modelc.analyze.Fixtures.model;
import static dev.modelc.analyze.Fixtures.query;
import static dev.modelc.analyze.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model-wide view: every query resolved, and what each index serves. */
class CoverageAnalysisTest {
  final Table events = events(index("e_account", "account_id"), index("e_account_created", "account_id", "created_at"),
      index("e_idle", "amount"));
  final QueryPattern byAccount = query("byAccount").where("account_id", "=").traffic(Traffic.BATCH).build();
  final QueryPattern recent = query("recent").where("account_id", "=").orderBy("created_at").limit(5)
      .traffic(Traffic.CRITICAL).build();
  final QueryPattern byId = query("byId").where("id", "=").build();
  final QueryPattern ghost = query("ghost").table("no_such_table").where("id", "=").build();
  final QueryPattern insert = query("add").kind(dev.modelc.model.QueryKind.INSERT).build();
  final Model model = model(List.of(events), List.of(byAccount, recent, ghost, byId, insert));
  final Coverage coverage = CoverageAnalysis.analyze(model);

  @Test
  void resolvesEveryQueryOfAKnownTableInModelOrder() {
    assertEquals(List.of("byAccount", "recent", "byId", "add"),
        coverage.resolutions().stream().map(r -> r.query().name()).toList());
    assertEquals("e_account", coverage.resolution("byAccount").index().name());
    assertEquals("e_account_created", coverage.resolution("recent").index().name());
    assertEquals("events_pkey", coverage.resolution("byId").index().name());
    assertNull(coverage.resolution("ghost"), "a query on an unknown table is left to the reference check");
    assertNull(coverage.resolution("nothing"));
  }

  @Test
  void reverseViewsListChosenAndPossibleQueries() {
    assertEquals(List.of(byAccount), coverage.queriesServedBy("e_account"));
    assertEquals(List.of(recent), coverage.queriesServedBy("e_account_created"));
    assertEquals(List.of(byAccount, recent), coverage.queriesServableBy("e_account_created"),
        "a runner-up could serve the query if the chosen index went away");
    assertEquals(List.of(), coverage.queriesServedBy("e_idle"));
    assertEquals(List.of(), coverage.queriesServableBy("e_idle"));
    assertEquals(List.of(), coverage.queriesServedBy("no_such_index"));
  }

  @Test
  void criticalityIsTheHighestTierAnIndexIsChosenFor() {
    Model m = model(List.of(events), List.of(byAccount,
        query("byAccountToo").where("account_id", "=").traffic(Traffic.CRITICAL).build(),
        query("byAccountThree").where("account_id", "=").traffic(Traffic.STANDARD).build()));
    Coverage c = CoverageAnalysis.analyze(m);
    assertEquals(Optional.of(Traffic.CRITICAL), c.criticalityOf("e_account"));
    assertEquals(Optional.of(Traffic.BATCH), coverage.criticalityOf("e_account"));
    assertEquals(Optional.of(Traffic.CRITICAL), coverage.criticalityOf("e_account_created"));
    assertEquals(Optional.empty(), coverage.criticalityOf("e_idle"));
  }

  @Test
  void theChoiceDoesNotDependOnTheOrderOfCandidates() {
    Table t = events(index("e_b", "account_id", "amount"), index("e_a", "account_id", "kind"),
        index("e_c", "account_id", "state"), index("e_k", "kind"));
    QueryPattern q = query("q").where("account_id", "=").build();
    Resolution expected = QueryResolver.resolve(t, q, t.allIndexes());
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      List<Index> shuffled = new ArrayList<>(t.allIndexes());
      Collections.shuffle(shuffled, random);
      Resolution r = QueryResolver.resolve(t, q, shuffled);
      assertEquals(expected.index(), r.index());
      assertEquals(expected.reasons(), r.reasons());
      assertEquals(expected.alternatives(), r.alternatives());
    }
    assertEquals("e_a", expected.index().name());
    assertEquals(List.of("e_b", "e_c"), expected.alternatives().stream().map(Index::name).toList());
  }

  @Test
  void theResolverServesTheCandidatesItIsGivenOnly() {
    // The planner resolves against intermediate schemas: a subset of the table's indexes.
    Resolution without = QueryResolver.resolve(events, recent, List.of(events.allIndexes().get(0)));
    assertNull(without.index());
    assertEquals(List.of(), QueryResolver.resolve(events, recent, List.of()).alternatives());
    assertEquals(List.of("table 'events' has no indexes"), QueryResolver.resolve(events, recent, List.of()).reasons());
  }

  @Test
  void tenThousandTablesResolveInLinearTime() {
    List<Table> tables = new ArrayList<>();
    List<QueryPattern> queries = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String name = "t" + i;
      tables.add(table(name, List.of("id"), List.of(column("id", TypeKind.BIGINT), column("a", TypeKind.BIGINT),
          column("b", TypeKind.BIGINT)), index(name + "_a", "a"), index(name + "_ab", "a", "b"), index(name + "_b", "b")));
      queries.add(query(name + "ByA").table(name).where("a", "=").orderBy("b").limit(10).build());
      queries.add(query(name + "ById").table(name).where("id", "=").build());
    }
    Model big = model(tables, queries);
    Coverage c = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CoverageAnalysis.analyze(big));
    assertEquals(20_000, c.resolutions().size());
    assertEquals(List.of(queries.get(19_998)), c.queriesServedBy("t9999_ab"));
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CoverageCheck.check(big, c));
  }
}
