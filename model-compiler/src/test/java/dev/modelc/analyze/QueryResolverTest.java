package dev.modelc.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.model.Model;
import dev.modelc.parse.LoadResult;
import dev.modelc.parse.ModelLoader;
import dev.modelc.parse.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per resolution rule: a query against the indexes of one table, and the expected pick. */
class QueryResolverTest {
  static final String TABLE = """
      model: t
      tables:
        events:
          columns:
            id: { type: bigint, primaryKey: true }
            account_id: bigint
            kind: text
            state: { type: enum, values: [open, closed] }
            created_at: timestamptz
            deleted_at: { type: timestamptz, nullable: true }
            external_ref: { type: text, unique: true }
            amount: bigint
          indexes:
      %s
      queries:
        q:
      %s
      """;

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, indexes (yaml, 6-space indented), query (yaml), expected index or "-", at most one row
        row("equality prefix", "events_account: { columns: [account_id], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }", "events_account", false),
        row("equality columns in any order", "events_kind_account: { columns: [kind, account_id], reason: r }",
            "table: events\nwhere: { account_id: \"=\", kind: \"=\" }", "events_kind_account", false),
        row("IN counts as equality", "events_account: { columns: [account_id], reason: r }",
            "table: events\nwhere: { account_id: in }", "events_account", false),
        row("IS NULL counts as equality", "events_deleted: { columns: [deleted_at, account_id], reason: r }",
            "table: events\nwhere: { deleted_at: is null, account_id: \"=\" }", "events_deleted", false),
        row("one range column after the prefix", "events_account_created: { columns: [account_id, created_at], reason: r }",
            "table: events\nwhere: { account_id: \"=\", created_at: [\">=\", \"<\"] }", "events_account_created", false),
        row("range first column alone serves", "events_created: { columns: [created_at], reason: r }",
            "table: events\nwhere: { created_at: \">\" }", "events_created", false),
        row("second range column is not usable: the first range still serves",
            "events_created_amount: { columns: [created_at, amount], reason: r }",
            "table: events\nwhere: { created_at: \">\", amount: \">\" }", "events_created_amount", false),
        row("a column after a gap does not serve", "events_kind_account: { columns: [kind, account_id], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }", "-", false),
        row("!= cannot narrow a scan", "events_kind: { columns: [kind], reason: r }",
            "table: events\nwhere: { kind: \"!=\" }", "-", false),
        row("order matches index direction", "events_account_created: { columns: [account_id, created_at desc], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }\norderBy: [created_at desc]", "events_account_created", false),
        row("order fully reversed", "events_account_created: { columns: [account_id, created_at desc], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }\norderBy: [created_at]", "events_account_created", false),
        row("mixed directions are not reversible", "events_ca: { columns: [account_id, created_at desc, amount], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }\norderBy: [created_at, amount]", "-", false),
        row("mixed directions that match exactly", "events_ca: { columns: [account_id, created_at desc, amount], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }\norderBy: [created_at desc, amount]", "events_ca", false),
        row("order may skip columns fixed by equality", "events_ka: { columns: [kind, account_id, created_at], reason: r }",
            "table: events\nwhere: { kind: \"=\", account_id: \"=\" }\norderBy: [kind, created_at]", "events_ka", false),
        row("an IN column does not fix the order: its values are sorted together",
            "events_account_created: { columns: [account_id, created_at], reason: r }",
            "table: events\nwhere: { account_id: in }\norderBy: [created_at]", "events_account_created", false),
        row("an IN column before a column the order skips does not serve",
            "events_account_kind: { columns: [account_id, kind, created_at], reason: r }",
            "table: events\nwhere: { account_id: in }\norderBy: [created_at]", "-", false),
        row("order not in the index: rows would be sorted", "events_account: { columns: [account_id], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }\norderBy: [created_at]", "-", false),
        row("ordered scan with limit serves without conditions", "events_created: { columns: [created_at desc], reason: r }",
            "table: events\norderBy: [created_at desc]\nlimit: 50", "events_created", false),
        row("ordered scan without limit is a full scan", "events_created: { columns: [created_at desc], reason: r }",
            "table: events\norderBy: [created_at desc]", "-", false),
        row("no conditions at all is a full scan", "events_created: { columns: [created_at], reason: r }",
            "table: events\nkind: count", "-", false),
        row("partial index implied by a literal",
            "events_open: { columns: [created_at], where: \"state = 'open'\", reason: r }",
            "table: events\nwhere: { state: \"= 'open'\", created_at: \"<\" }", "events_open", false),
        row("partial index not implied by a parameter",
            "events_open: { columns: [created_at], where: \"state = 'open'\", reason: r }",
            "table: events\nwhere: { state: \"=\", created_at: \"<\" }", "-", false),
        row("partial index not implied by another literal",
            "events_open: { columns: [created_at], where: \"state = 'open'\", reason: r }",
            "table: events\nwhere: { state: \"= 'closed'\", created_at: \"<\" }", "-", false),
        row("partial IS NULL predicate implied",
            "events_live: { columns: [account_id], where: deleted_at IS NULL, reason: r }",
            "table: events\nwhere: { account_id: \"=\", deleted_at: is null }", "events_live", false),
        row("partial IS NOT NULL implied by a comparison",
            "events_deleted: { columns: [deleted_at], where: deleted_at is not null, reason: r }",
            "table: events\nwhere: { deleted_at: \"<\" }", "events_deleted", false),
        row("conjunctive partial predicate needs every term",
            "events_open_kind: { columns: [created_at], where: \"state = 'open' AND kind = 'x'\", reason: r }",
            "table: events\nwhere: { state: \"= 'open'\", created_at: \"<\" }", "-", false),
        row("conjunctive partial predicate fully implied",
            "events_open_kind: { columns: [created_at], where: \"state = 'open' AND kind = 'x'\", reason: r }",
            "table: events\nwhere: { state: \"= 'open'\", kind: \"= 'x'\", created_at: \"<\" }", "events_open_kind", false),
        row("unparseable partial predicate never serves",
            "events_fn: { columns: [account_id], where: \"lower(kind) = 'x'\", reason: r }",
            "table: events\nwhere: { account_id: \"=\" }", "-", false),
        row("primary key lookup returns at most one row", "events_account: { columns: [account_id], reason: r }",
            "table: events\nwhere: { id: \"=\" }", "events_pkey", true),
        row("unique column lookup returns at most one row", "events_account: { columns: [account_id], reason: r }",
            "table: events\nwhere: { external_ref: \"=\" }", "events_external_ref_key", true),
        row("unique index lookup returns at most one row",
            "events_account_kind: { columns: [account_id, kind], unique: true, reason: r }",
            "table: events\nwhere: { kind: \"=\", account_id: \"=\" }", "events_account_kind", true),
        row("unique index with IN is not a single-row lookup",
            "events_account_kind: { columns: [account_id, kind], unique: true, reason: r }",
            "table: events\nwhere: { kind: \"=\", account_id: in }", "events_account_kind", false),
        row("unique lookup needs no order", "events_account: { columns: [account_id], reason: r }",
            "table: events\nwhere: { id: \"=\" }\norderBy: [created_at]", "events_pkey", true),
        row("include columns are not keys", "events_account: { columns: [account_id], include: [kind], reason: r }",
            "table: events\nwhere: { kind: \"=\" }", "-", false),
        row("insert needs no index", "events_account: { columns: [account_id], reason: r }",
            "table: events\nkind: insert", "-", false),
        row("update finds rows through where", "events_account: { columns: [account_id], reason: r }",
            "table: events\nkind: update\nset: [kind]\nwhere: { account_id: \"=\" }", "events_account", false),
        row("delete finds rows through where", "events_account: { columns: [account_id], reason: r }",
            "table: events\nkind: delete\nwhere: { account_id: \"=\" }", "events_account", false),
        row("exists and count ignore order", "events_account: { columns: [account_id], reason: r }",
            "table: events\nkind: exists\nwhere: { account_id: \"=\" }", "events_account", false),
        row("more equality columns win", "events_a: { columns: [account_id], reason: r }\nevents_ak: { columns: [account_id, kind], reason: r }",
            "table: events\nwhere: { account_id: \"=\", kind: \"=\" }", "events_ak", false),
        row("ties break on fewer columns, then name",
            "events_b: { columns: [account_id, amount], reason: r }\nevents_a: { columns: [account_id, kind], reason: r }\nevents_c: { columns: [account_id], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }", "events_c", false),
        row("ties on size break on name",
            "events_b: { columns: [account_id, amount], reason: r }\nevents_a: { columns: [account_id, kind], reason: r }",
            "table: events\nwhere: { account_id: \"=\" }", "events_a", false),
        row("a serving pin wins over a better index",
            "events_a: { columns: [account_id], reason: r }\nevents_ak: { columns: [account_id, kind], reason: r }",
            "table: events\nwhere: { account_id: \"=\", kind: \"=\" }\nindex: events_a", "events_a", false));
  }

  static Arguments row(String name, String indexes, String query, String expected, boolean single) {
    return Arguments.of(name, indexes, query, expected, single);
  }

  static Model model(String indexes, String query) {
    String text = TABLE.formatted(indent(indexes, 6), indent(query, 4));
    LoadResult r = ModelLoader.loadFiles(List.of(new SourceFile("m.yaml", text.getBytes(StandardCharsets.UTF_8))));
    assertEquals(List.of(), r.diagnostics(), text);
    return r.model().orElseThrow();
  }

  static String indent(String block, int spaces) {
    return block.lines().map(l -> " ".repeat(spaces) + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolves(String name, String indexes, String query, String expected, boolean single) {
    Model m = model(indexes, query);
    Resolution r = CoverageAnalysis.analyze(m).resolution("q");
    String got = r.index() == null ? "-" : r.index().name();
    assertEquals(expected, got, name + "\n" + String.join("\n", r.reasons()));
    assertEquals(single, r.atMostOneRow(), name);
    if (expected.equals("-") && !m.query("q").orElseThrow().kind().equals(dev.modelc.model.QueryKind.INSERT)) {
      assertTrue(!r.served() && !r.reasons().isEmpty(), "an unserved query says why");
    }
  }
}
