package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelc.evidence.ObservedQueries.Condition;
import dev.modelc.evidence.ObservedQueries.Shape;
import dev.modelc.model.Operator;
import dev.modelc.model.QueryKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Normalised statements as pg_stat_statements keeps them, read into shapes; what is not single-table is left out. */
class ObservedQueriesTest {
  private static Optional<Shape> parse(String sql) {
    return ObservedQueries.parse(sql);
  }

  @Test
  void readsEachKindOfStatement() {
    assertEquals(Optional.of(new Shape("charges", QueryKind.SELECT, List.of(new Condition("merchant_id", Operator.EQ),
        new Condition("created_at", Operator.LT)), List.of("created_at desc"), true, List.of())),
        parse("SELECT id, amount FROM charges WHERE merchant_id = $1 AND created_at < $2 ORDER BY created_at DESC LIMIT $3"));
    assertEquals(QueryKind.COUNT, parse("SELECT count(*) FROM charges WHERE merchant_id = $1").orElseThrow().kind());
    assertEquals(Optional.of(new Shape("delivery_attempts", QueryKind.EXISTS, List.of(
        new Condition("shipment_id", Operator.EQ), new Condition("outcome", Operator.IN)), List.of(), false, List.of())),
        parse("SELECT EXISTS (SELECT $1 FROM delivery_attempts WHERE shipment_id = $2 AND outcome = ANY"
            + " (CAST($3 AS delivery_attempts_outcome[])))"));
    assertEquals(List.of("captured_at", "status"),
        parse("UPDATE charges SET status = $1, captured_at = $2 WHERE id = $3").orElseThrow().set());
    assertEquals(QueryKind.INSERT, parse("INSERT INTO charges (a, b) VALUES ($1, $2) RETURNING id").orElseThrow().kind());
    assertEquals(QueryKind.DELETE, parse("DELETE FROM payment_methods WHERE expires_on < $1").orElseThrow().kind());
    assertEquals(List.of(new Condition("deleted_at", Operator.IS_NULL), new Condition("nickname", Operator.ILIKE),
        new Condition("x", Operator.IN)),
        parse("SELECT * FROM \"Users\" WHERE deleted_at IS NULL AND nickname ILIKE $1 AND x IN ($2, $3)").orElseThrow().where());
    assertEquals("Users", parse("SELECT * FROM \"Users\" WHERE a = $1").orElseThrow().table());
  }

  @Test
  void leavesOutWhatIsNotOneTableWithSimpleConditions() {
    assertEquals(Optional.empty(), parse("SELECT * FROM a JOIN b ON a.id = b.a_id WHERE a.x = $1"));
    assertEquals(Optional.empty(), parse("SELECT * FROM a WHERE x = $1 OR y = $2"));
    assertEquals(Optional.empty(), parse("SELECT * FROM a WHERE x = y"));
    assertEquals(Optional.empty(), parse("SELECT a, count(*) FROM t GROUP BY a"));
    assertEquals(Optional.empty(), parse("INSERT INTO t SELECT * FROM u"));
    assertEquals(Optional.empty(), parse("SET application_name = $1"));
    assertEquals(Optional.empty(), parse("not sql at all"));
  }
}
