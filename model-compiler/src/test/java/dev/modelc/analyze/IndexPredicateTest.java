package dev.modelc.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.model.Operator;
import dev.modelc.model.Predicate;
import dev.modelc.model.SourceRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading partial-index predicates, and proving a query's conditions imply them. */
class IndexPredicateTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "status = 'pending'                          | status = 'pending'",
      "STATUS='pending'                            | status = 'pending'",
      "deleted_at IS NULL                          | deleted_at is null",
      "deleted_at   is  NOT   null                 | deleted_at is not null",
      "(status = 'a') AND (amount > 0)             | amount > 0 and status = 'a'",
      "((a = 1 and b = 2)) and c <> 3              | a = 1 and b = 2 and c != 3",
      "amount >= -1.50                             | amount >= -1.5",
      "state in ('open','held')                    | state in ('open', 'held')",
      "active                                      | active = true",
      "not active                                  | active = false",
      "name = 'it''s AND more'                     | name = 'it''s AND more'",
      "\"Mixed\" = 1                               | Mixed = 1",
  })
  void readsSimpleConjunctions(String where, String canonical) {
    assertTrue(IndexPredicate.parse(where).isPresent(), where);
    assertEquals(canonical, IndexPredicate.canonical(where));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "status = 'a' or status = 'b'",
      "lower(kind) = 'x'",
      "created_at > now()",
      "status::text = 'a'",
      "amount + 1 > 0",
      "'a' = status",
      "status = 'unterminated",
      "status =",
      "status in ()",
      "status not in ('a')",
      "a = 1 and",
      "(a = 1",
      "a = 1)",
      "a = b",
      "''",
  })
  void neverReadsAnythingElse(String where) {
    assertEquals(Optional.empty(), IndexPredicate.parse(where), where);
  }

  @ParameterizedTest(name = "{0} | {1} -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // query condition         | index predicate            | implied
      "status = 'a'              | status = 'a'               | true",
      "status = 'a'              | status = 'A'               | false",
      "status = ?                | status = 'a'               | false",
      "status = 'a'              | status != 'b'              | true",
      "status = 'a'              | status != 'a'              | false",
      "status != 'b'             | status != 'b'              | true",
      "status = 'a'              | status in ('a', 'b')       | true",
      "status in ('a', 'b')      | status in ('b', 'c', 'a')  | true",
      "status in ('a', 'd')      | status in ('a', 'b')       | false",
      "status in ?               | status in ('a', 'b')       | false",
      "status = 'a'              | status is not null         | true",
      "status < ?                | status is not null         | true",
      "status is null            | status is not null         | false",
      "status is null            | status is null             | true",
      "status = 'a'              | status is null             | false",
      "amount = 5                | amount > 0                 | true",
      "amount = 5.0              | amount = 5                 | true",
      "amount = 0                | amount > 0                 | false",
      "amount = 0                | amount >= 0                | true",
      "amount > 0                | amount > 0                 | true",
      "amount > 0                | amount >= 0                | true",
      "amount >= 0               | amount > 0                 | false",
      "amount > 10               | amount > 0                 | true",
      "amount < 10               | amount < 20                | true",
      "amount <= 20              | amount < 20                | false",
      "amount < 10               | amount > 0                 | false",
      "created_at > '2024-01-01' | created_at > '2024-01-01'  | true",
      "created_at > '2024-06-01' | created_at > '2024-01-01'  | false",
      "active = true             | active                     | true",
      "active = false            | active                     | false",
      "amount = now()            | amount > 0                 | false",
  })
  void impliesOnlyWhatFollows(String condition, String where, boolean implied) {
    Predicate p = predicate(condition);
    List<IndexPredicate.Term> terms = IndexPredicate.parse(where).orElseThrow();
    assertEquals(implied, IndexPredicate.firstUnimplied(terms, List.of(p)).isEmpty(), condition + " => " + where);
  }

  /** {@code amount > 10}, {@code status = ?} (a parameter), {@code status is null}. */
  static Predicate predicate(String condition) {
    String[] parts = condition.trim().split("\\s+", 2);
    String rest = parts[1];
    for (String op : List.of("is not null", "is null", "in", "<=", ">=", "!=", "<", ">", "=")) {
      if (rest.startsWith(op)) {
        String literal = rest.substring(op.length()).trim();
        return new Predicate(parts[0], Operator.fromSymbol(op).orElseThrow(),
            literal.isEmpty() || literal.equals("?") ? null : literal, SourceRef.NONE);
      }
    }
    throw new IllegalArgumentException(condition);
  }
}
