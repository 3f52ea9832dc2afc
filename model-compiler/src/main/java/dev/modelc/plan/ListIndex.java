package dev.modelc.plan;

import dev.modelc.model.ShardedMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A map from a key to a list of values that stores a lone value as itself. A plan's catalogs and
 * step graph index hundreds of thousands of objects, nearly all with a single owner, creator or
 * referrer; a list per key would triple the objects the garbage collector must trace and copy.
 */
final class ListIndex<K, V> {
  /** The many-values case, told apart from a lone value by its class. */
  private static final class Many<V> extends ArrayList<V> {
    Many(Object first, V second) {
      super(4);
      @SuppressWarnings("unchecked")
      V v = (V) first;
      add(v);
      add(second);
    }
  }

  private final ShardedMap<K, Object> map;

  /** An index for about {@code expected} keys. */
  ListIndex(int expected) {
    this.map = new ShardedMap<>(expected);
  }

  void add(K key, V value) {
    // one lookup: the value stays, joins a list, or becomes one
    map.merge(key, value, ListIndex::joined);
  }

  @SuppressWarnings("unchecked")
  private static <V> Object joined(Object now, Object value) {
    if (now instanceof Many) {
      ((Many<V>) now).add((V) value);
      return now;
    }
    return new Many<V>(now, (V) value);
  }

  /** The values of {@code key} in the order they were added; empty when none. Read-only. */
  @SuppressWarnings("unchecked")
  List<V> get(K key) {
    Object now = map.get(key);
    if (now == null) {
      return List.of();
    }
    return now instanceof Many ? (List<V>) now : List.of((V) now);
  }

  /** Removes one occurrence of {@code value} under {@code key}. */
  void remove(K key, V value) {
    Object now = map.get(key);
    if (now == null) {
      return;
    }
    if (now instanceof Many<?> many) {
      many.remove(value);
      if (many.size() == 1) {
        map.put(key, many.get(0));
      } else if (many.isEmpty()) {
        map.remove(key);
      }
    } else if (now.equals(value)) {
      map.remove(key);
    }
  }
}
