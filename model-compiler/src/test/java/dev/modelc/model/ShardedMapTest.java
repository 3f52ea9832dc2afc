package dev.modelc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link ShardedMap} against {@link HashMap}: random runs of every writing operation on keys that
 * collide (within a shard and in hash code), with the return values, the size and the contents
 * compared after each. The catalog simulator trusts the size: it is half of the check that a plan
 * reaches its target.
 */
class ShardedMapTest {
  /** Few keys, so runs revisit them; "Aa" and "BB" share a hash code. */
  private static final List<String> KEYS = List.of("Aa", "BB", "a", "b", "t00001", "t00002", "t00001.id", "", "x".repeat(40));

  record Op(int kind, String key, int value) {}

  @Provide
  Arbitrary<List<Op>> runs() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.of(KEYS),
        Arbitraries.integers().between(0, 3)).as(Op::new);
    return op.list().ofMaxSize(200);
  }

  @Property(tries = 500)
  void behavesAsAHashMap(@ForAll("runs") List<Op> run) {
    ShardedMap<String, Integer> sharded = new ShardedMap<>(4);
    Map<String, Integer> plain = new HashMap<>();
    for (Op op : run) {
      String k = op.key();
      Integer v = op.value();
      Object got = switch (op.kind()) {
        case 0 -> sharded.put(k, v);
        case 1 -> sharded.putIfAbsent(k, v);
        case 2 -> sharded.computeIfAbsent(k, x -> v);
        // a join of 0 removes the key, as Map#merge does with a null result
        case 3 -> sharded.merge(k, v, (a, b) -> a + b == 3 ? null : a + b);
        case 4 -> sharded.remove(k);
        case 5 -> sharded.remove(k, v);
        default -> sharded.get(k);
      };
      Object expected = switch (op.kind()) {
        case 0 -> plain.put(k, v);
        case 1 -> plain.putIfAbsent(k, v);
        case 2 -> plain.computeIfAbsent(k, x -> v);
        case 3 -> plain.merge(k, v, (a, b) -> a + b == 3 ? null : a + b);
        case 4 -> plain.remove(k);
        case 5 -> plain.remove(k, v);
        default -> plain.get(k);
      };
      assertEquals(expected, got, op.toString());
      assertEquals(plain.size(), sharded.size(), "size after " + op);
      assertEquals(plain.keySet(), new HashSet<>(sharded.keys()), "keys after " + op);
      assertEquals(plain.size(), sharded.keys().size());
      for (String key : KEYS) {
        assertEquals(plain.get(key), sharded.get(key), key);
        assertEquals(plain.containsKey(key), sharded.containsKey(key), key);
      }
      Map<String, Integer> visited = new HashMap<>();
      sharded.forEach(visited::put);
      assertEquals(plain, visited);
    }
  }

  /**
   * Many keys, so the tables grow several times and removals shift long probe runs back: after
   * every removal each key still present must be found, and none removed may be.
   */
  @Property(tries = 200)
  void keepsEveryKeyThroughGrowthAndRemoval(@ForAll("manyKeys") List<Integer> adds, @ForAll("manyKeys") List<Integer> removes) {
    ShardedMap<String, Integer> sharded = new ShardedMap<>(1);
    Map<String, Integer> plain = new HashMap<>();
    for (int k : adds) {
      assertEquals(plain.put("t" + k, k), sharded.put("t" + k, k));
    }
    for (int k : removes) {
      assertEquals(plain.remove("t" + k), sharded.remove("t" + k));
      assertEquals(plain.size(), sharded.size());
    }
    for (int k = 0; k < 3000; k++) {
      assertEquals(plain.get("t" + k), sharded.get("t" + k), "t" + k);
    }
    Map<String, Integer> visited = new HashMap<>();
    sharded.forEach(visited::put);
    assertEquals(plain, visited);
    assertEquals(plain.keySet(), new HashSet<>(sharded.keys()));
  }

  @Provide
  Arbitrary<List<Integer>> manyKeys() {
    return Arbitraries.integers().between(0, 2999).list().ofMinSize(0).ofMaxSize(2000);
  }

  /** Unlike a HashMap it holds no null key or value: a caller passing one learns it at once. */
  @Test
  void refusesNullKeysAndValues() {
    ShardedMap<String, Integer> map = new ShardedMap<>(4);
    assertEquals("key == null",
        assertThrows(NullPointerException.class, () -> map.put(null, 1)).getMessage());
    assertEquals("value == null",
        assertThrows(NullPointerException.class, () -> map.put("a", null)).getMessage());
    assertEquals("key == null",
        assertThrows(NullPointerException.class, () -> map.get(null)).getMessage());
    assertEquals(0, map.size());
  }
}
