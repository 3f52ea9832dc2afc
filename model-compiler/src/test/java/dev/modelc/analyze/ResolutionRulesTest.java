package dev.modelc.analyze;

import static dev.modelc.analyze.Fixtures.events;
import static dev.modelc.analyze.Fixtures.index;
import static dev.modelc.analyze.Fixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.analyze.Fixtures.IndexBuilder;
import dev.modelc.analyze.Fixtures.QueryBuilder;
import dev.modelc.model.QueryKind;
import dev.modelc.model.Table;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per resolution rule: the indexes of table {@code events} (besides its implicit
 * {@code events_pkey} on id and {@code events_external_ref_key}), a query, the index expected
 * to serve it ("-" for none), whether it returns at most one row, and a fragment the reasons
 * must contain, so each rule is also explained.
 */
class ResolutionRulesTest {
  record Case(String name, List<IndexBuilder> indexes, QueryBuilder query, String expected,
      boolean atMostOneRow, String reasonFragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case row(String name, List<IndexBuilder> indexes, QueryBuilder query, String expected,
      boolean atMostOneRow, String reasonFragment) {
    return new Case(name, indexes, query, expected, atMostOneRow, reasonFragment);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // Equality prefix.
        row("equality on the first column", List.of(index("e_account", "account_id")),
            query("q").where("account_id", "="), "e_account", false, "equality on (account_id)"),
        row("equality columns in any order", List.of(index("e_kind_account", "kind", "account_id")),
            query("q").where("account_id", "=").where("kind", "="), "e_kind_account", false,
            "equality on (kind, account_id)"),
        row("IN counts as equality", List.of(index("e_account", "account_id")),
            query("q").where("account_id", "in"), "e_account", false, "equality on (account_id)"),
        row("IS NULL counts as equality", List.of(index("e_deleted_account", "deleted_at", "account_id")),
            query("q").where("deleted_at", "is null").where("account_id", "="), "e_deleted_account", false,
            "equality on (deleted_at, account_id)"),
        row("a gap in the prefix: the second column alone does not serve",
            List.of(index("e_kind_account", "kind", "account_id")),
            query("q").where("account_id", "="), "-", false, "leading column 'kind'"),
        row("!= cannot narrow a scan", List.of(index("e_kind", "kind")),
            query("q").where("kind", "!="), "-", false, "leading column 'kind'"),
        row("IS NOT NULL cannot narrow a scan", List.of(index("e_deleted", "deleted_at")),
            query("q").where("deleted_at", "is not null"), "-", false, "leading column 'deleted_at'"),
        // One range column.
        row("one range column after the prefix", List.of(index("e_account_created", "account_id", "created_at")),
            query("q").where("account_id", "=").where("created_at", ">="), "e_account_created", false,
            "equality on (account_id), range on created_at"),
        row("two bounds on one column are one range", List.of(index("e_account_created", "account_id", "created_at")),
            query("q").where("account_id", "=").where("created_at", ">=").where("created_at", "<"),
            "e_account_created", false, "range on created_at"),
        row("a range on the first column serves alone", List.of(index("e_created", "created_at")),
            query("q").where("created_at", ">"), "e_created", false, "range on created_at"),
        row("two range columns: only the first narrows", List.of(index("e_created_amount", "created_at", "amount")),
            query("q").where("created_at", ">").where("amount", ">"), "e_created_amount", false,
            "serves: range on created_at"),
        row("equality after a range column is not used", List.of(index("e_created_account", "created_at", "account_id")),
            query("q").where("created_at", ">").where("account_id", "="), "e_created_account", false,
            "serves: range on created_at"),
        // Order.
        row("order matches the index direction", List.of(index("e_ac", "account_id", "created_at desc")),
            query("q").where("account_id", "=").orderBy("created_at desc"), "e_ac", false, "rows in orderBy order"),
        row("order fully reversed reads the index backwards", List.of(index("e_ac", "account_id", "created_at desc")),
            query("q").where("account_id", "=").orderBy("created_at"), "e_ac", false, "reading the index backwards"),
        row("mixed directions reversed as a whole", List.of(index("e_cam", "account_id", "created_at desc", "amount")),
            query("q").where("account_id", "=").orderBy("created_at", "amount desc"), "e_cam", false, "backwards"),
        row("mixed directions that are not the reverse do not serve",
            List.of(index("e_cam", "account_id", "created_at desc", "amount")),
            query("q").where("account_id", "=").orderBy("created_at", "amount"), "-", false,
            "match neither the index (account_id, created_at desc, amount) nor its exact reverse"),
        row("mixed directions that match exactly", List.of(index("e_cam", "account_id", "created_at desc", "amount")),
            query("q").where("account_id", "=").orderBy("created_at desc", "amount"), "e_cam", false, "rows in orderBy order"),
        row("order skips index columns fixed by equality", List.of(index("e_kac", "kind", "account_id", "created_at")),
            query("q").where("kind", "=").where("account_id", "=").orderBy("created_at"), "e_kac", false,
            "rows in orderBy order"),
        row("order terms on fixed columns are skipped", List.of(index("e_kac", "kind", "account_id", "created_at")),
            query("q").where("kind", "=").where("account_id", "=").orderBy("account_id desc", "created_at"),
            "e_kac", false, "rows in orderBy order"),
        row("a column fixed after the ordered one is skipped too",
            List.of(index("e_acka", "account_id", "created_at", "kind", "amount")),
            query("q").where("account_id", "=").where("kind", "=").orderBy("created_at", "amount"),
            "e_acka", false, "rows in orderBy order"),
        row("an IN column does not fix the order: its values' rows are sorted together",
            List.of(index("e_ac", "account_id", "created_at")),
            query("q").where("account_id", "in").orderBy("created_at"), "e_ac", false,
            "sort of every matching row (each value of the in list on (account_id) gives its rows in orderBy order"),
        row("an IN column ordered by itself first", List.of(index("e_ac", "account_id", "created_at")),
            query("q").where("account_id", "in").orderBy("account_id", "created_at"), "e_ac", false,
            "rows in orderBy order"),
        row("order on a column the index lacks: rows would be sorted", List.of(index("e_account", "account_id")),
            query("q").where("account_id", "=").orderBy("created_at"), "-", false,
            "equality on (account_id), but 'orderBy created_at' does not follow the index"),
        row("order with a range on the ordered column", List.of(index("e_ac", "account_id", "created_at desc")),
            query("q").where("account_id", "=").where("created_at", "<").orderBy("created_at desc").limit(100),
            "e_ac", false, "equality on (account_id), range on created_at, rows in orderBy order"),
        row("an ordered scan with a limit serves without conditions", List.of(index("e_created", "created_at desc")),
            query("q").orderBy("created_at desc").limit(50), "e_created", false, "an ordered scan that stops after 50 rows"),
        row("an ordered scan without a limit reads every row", List.of(index("e_created", "created_at desc")),
            query("q").orderBy("created_at desc"), "-", false, "no limit to stop it"),
        // Partial indexes.
        row("partial index implied by a literal", List.of(index("e_open", "created_at").where("state = 'open'")),
            query("q").where("state", "= 'open'").where("created_at", "<"), "e_open", false,
            "its predicate (state = 'open') is implied"),
        row("partial index not implied by a parameter", List.of(index("e_open", "created_at").where("state = 'open'")),
            query("q").where("state", "=").where("created_at", "<"), "-", false,
            "does not imply state = 'open' (a parameter's value is unknown"),
        row("partial index not implied by another literal", List.of(index("e_open", "created_at").where("state = 'open'")),
            query("q").where("state", "= 'closed'").where("created_at", "<"), "-", false,
            "does not imply state = 'open'"),
        row("keywords and whitespace of the predicate are normalised",
            List.of(index("e_live", "account_id").where("  STATE='open'   AND\n deleted_at  IS   NULL ")),
            query("q").where("account_id", "=").where("deleted_at", "is null").where("state", "= 'open'"),
            "e_live", false, "is implied"),
        row("a conjunction needs every term", List.of(index("e_ok", "created_at").where("state = 'open' and kind = 'x'")),
            query("q").where("state", "= 'open'").where("created_at", "<"), "-", false, "does not imply kind = 'x'"),
        row("IS NULL predicate implied", List.of(index("e_live", "account_id").where("deleted_at is null")),
            query("q").where("account_id", "=").where("deleted_at", "is null"), "e_live", false, "is implied"),
        row("IS NOT NULL implied by any comparison", List.of(index("e_gone", "deleted_at").where("deleted_at is not null")),
            query("q").where("deleted_at", "<"), "e_gone", false, "is implied"),
        row("IS NOT NULL not implied by IS NULL", List.of(index("e_gone", "account_id").where("deleted_at is not null")),
            query("q").where("account_id", "=").where("deleted_at", "is null"), "-", false,
            "does not imply deleted_at is not null"),
        row("IN predicate implied by an equal literal",
            List.of(index("e_live", "account_id").where("state in ('open', 'held')")),
            query("q").where("account_id", "=").where("state", "= 'held'"), "e_live", false, "is implied"),
        row("IN predicate implied by a literal IN subset",
            List.of(index("e_live", "account_id").where("state IN ('open','held','new')")),
            query("q").where("account_id", "=").where("state", "in ('new', 'open')"), "e_live", false, "is implied"),
        row("numeric range implied by a tighter bound", List.of(index("e_big", "account_id").where("amount > 0")),
            query("q").where("account_id", "=").where("amount", ">= 100"), "e_big", false, "is implied"),
        row("numeric range not implied by a looser bound", List.of(index("e_big", "account_id").where("amount > 100")),
            query("q").where("account_id", "=").where("amount", "> 0"), "-", false, "does not imply amount > 100"),
        row("bare boolean predicate implied by = true", List.of(index("e_active", "account_id").where("active")),
            query("q").where("account_id", "=").where("active", "= TRUE"), "e_active", false, "is implied"),
        row("unparseable predicate (OR) never serves", List.of(index("e_or", "account_id").where("state = 'a' OR state = 'b'")),
            query("q").where("account_id", "=").where("state", "= 'a'"), "-", false, "cannot be read by modelc"),
        row("unparseable predicate (function) never serves", List.of(index("e_fn", "account_id").where("lower(kind) = 'x'")),
            query("q").where("account_id", "=").where("kind", "= 'x'"), "-", false, "never taken as implied"),
        row("a partial index covering every condition is scanned whole",
            List.of(index("e_open", "created_at").where("state = 'open'")),
            query("q").kind(QueryKind.COUNT).where("state", "= 'open'"), "e_open", false,
            "reads only the rows its predicate keeps"),
        row("a partial index does not serve conditions it does not cover",
            List.of(index("e_live", "created_at").where("deleted_at is null")),
            query("q").where("deleted_at", "is null").where("account_id", "="), "-", false,
            "conditions the predicate does not cover"),
        // Unique lookups.
        row("primary key lookup returns at most one row", List.of(index("e_account", "account_id")),
            query("q").where("id", "="), "events_pkey", true, "unique: at most one row"),
        row("unique column lookup returns at most one row", List.of(index("e_account", "account_id")),
            query("q").where("external_ref", "="), "events_external_ref_key", true, "unique: at most one row"),
        row("unique index lookup returns at most one row", List.of(index("e_ak", "account_id", "kind").unique()),
            query("q").where("kind", "=").where("account_id", "="), "e_ak", true, "unique: at most one row"),
        row("unique index with IN is no single-row lookup", List.of(index("e_ak", "account_id", "kind").unique()),
            query("q").where("kind", "=").where("account_id", "in"), "e_ak", false, "equality on (account_id, kind)"),
        row("unique index with IS NULL is no single-row lookup (NULLs never collide)",
            List.of(index("e_da", "deleted_at", "account_id").unique()),
            query("q").where("deleted_at", "is null").where("account_id", "="), "e_da", false,
            "equality on (deleted_at, account_id)"),
        row("unique index with one column fixed is no single-row lookup", List.of(index("e_ak", "account_id", "kind").unique()),
            query("q").where("account_id", "="), "e_ak", false, "equality on (account_id)"),
        row("a single-row lookup needs no order", List.of(index("e_account", "account_id")),
            query("q").where("id", "=").orderBy("created_at"), "events_pkey", true, "unique: at most one row"),
        row("a single-row lookup beats a longer prefix", List.of(index("e_id_kind", "id", "kind")),
            query("q").where("id", "=").where("kind", "="), "events_pkey", true, "e_id_kind: also serves"),
        // Include columns.
        row("include columns are not keys", List.of(index("e_account", "account_id").include("kind")),
            query("q").where("kind", "="), "-", false, "e_account: does not serve: its leading column 'account_id'"),
        // Query kinds.
        row("insert needs no index", List.of(index("e_account", "account_id")),
            query("q").kind(QueryKind.INSERT), "-", false, "an insert writes rows and needs no index"),
        row("update finds rows through where", List.of(index("e_account", "account_id")),
            query("q").kind(QueryKind.UPDATE).where("account_id", "="), "e_account", false, "equality on (account_id)"),
        row("delete finds rows through where", List.of(index("e_account", "account_id")),
            query("q").kind(QueryKind.DELETE).where("account_id", "="), "e_account", false, "equality on (account_id)"),
        row("count ignores orderBy", List.of(index("e_account", "account_id")),
            query("q").kind(QueryKind.COUNT).where("account_id", "=").orderBy("amount"), "e_account", false,
            "equality on (account_id)"),
        row("exists ignores orderBy", List.of(index("e_account", "account_id")),
            query("q").kind(QueryKind.EXISTS).where("account_id", "=").orderBy("amount"), "e_account", false,
            "equality on (account_id)"),
        row("update does not use an index it cannot narrow with", List.of(index("e_account", "account_id")),
            query("q").kind(QueryKind.UPDATE).where("kind", "="), "-", false, "leading column 'account_id'"),
        // Full scans and queries that need no index.
        row("a select without conditions reads every row", List.of(index("e_created", "created_at")),
            query("q"), "-", false, "the query has no conditions: it reads every row of table 'events'"),
        row("a count without conditions reads every row", List.of(index("e_created", "created_at")),
            query("q").kind(QueryKind.COUNT), "-", false, "reads every row"),
        row("an exists without conditions needs no index", List.of(index("e_created", "created_at")),
            query("q").kind(QueryKind.EXISTS), "-", false, "stops at the first row and needs no index"),
        row("a select with only a limit needs no index", List.of(index("e_created", "created_at")),
            query("q").limit(10), "-", false, "stops after 10 rows and needs no index"),
        // Ranking.
        row("more equality columns win", List.of(index("e_a", "account_id"), index("e_ak", "account_id", "kind")),
            query("q").where("account_id", "=").where("kind", "="), "e_ak", false, "e_a: also serves, ranks lower"),
        row("a used range wins over none", List.of(index("e_ak", "account_id", "kind"), index("e_ac", "account_id", "created_at")),
            query("q").where("account_id", "=").where("created_at", ">"), "e_ac", false, "e_ak: also serves"),
        row("a partial predicate counts as equality and is smaller",
            List.of(index("e_sc", "state", "created_at"), index("e_open", "created_at").where("state = 'open'")),
            query("q").where("state", "= 'open'").where("created_at", ">"), "e_open", false, "e_sc: also serves"),
        row("ties break on fewer columns", List.of(index("e_b", "account_id", "amount"), index("e_c", "account_id")),
            query("q").where("account_id", "="), "e_c", false, "e_b: also serves"),
        row("include columns make an index wider", List.of(index("e_a", "account_id").include("kind", "amount"),
            index("e_b", "account_id", "amount")),
            query("q").where("account_id", "="), "e_b", false, "e_a: also serves"),
        row("equal width ties break on the name", List.of(index("e_b", "account_id", "amount"), index("e_a", "account_id", "kind")),
            query("q").where("account_id", "="), "e_a", false, "e_b: also serves"),
        row("a serving pin wins over a better index", List.of(index("e_a", "account_id"), index("e_ak", "account_id", "kind")),
            query("q").where("account_id", "=").where("kind", "=").pin("e_a"), "e_a", false, "e_ak: also serves"),
        row("a pin that does not serve does not win", List.of(index("e_a", "account_id"), index("e_k", "kind")),
            query("q").where("account_id", "=").pin("e_k"), "e_a", false, "e_k: does not serve"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesAndExplains(Case c) {
    Table table = events(c.indexes().toArray(IndexBuilder[]::new));
    Resolution r = QueryResolver.resolve(table, c.query().build(), table.allIndexes());
    String reasons = String.join("\n", r.reasons());
    assertEquals(c.expected(), r.index() == null ? "-" : r.index().name(), reasons);
    assertEquals(c.atMostOneRow(), r.atMostOneRow(), reasons);
    assertTrue(reasons.contains(c.reasonFragment()), "expected '" + c.reasonFragment() + "' in\n" + reasons);
    if (r.index() != null) {
      assertTrue(r.served());
      assertTrue(r.orderSatisfied() || r.reasons().get(0).contains(r.sort().label()),
          "a serving index delivers the order or says which sort remains");
      assertTrue(r.reasons().get(0).startsWith(r.index().name() + ": serves: "), reasons);
    }
    if (!r.served()) {
      // One line per candidate, each naming it and saying why it does not serve.
      for (var index : table.allIndexes()) {
        assertTrue(r.reasons().stream().anyMatch(l -> l.startsWith(index.name() + ": does not serve: ")),
            index.name() + " unexplained in\n" + reasons);
      }
      assertFalse(r.atMostOneRow());
    }
  }
}
