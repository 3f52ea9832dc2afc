package dev.modelc.model;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A hash map of non-null keys and values, split into a fixed number of open-addressing tables by
 * key hash. A plan of a large model keeps maps of hundreds of thousands of catalog objects and
 * steps, live from the start of the plan to its end:
 *
 * <ul>
 *   <li>split, no table grows into an array the garbage collector treats as humongous (over half
 *       a heap region, for which G1 starts a concurrent marking cycle);
 *   <li>with keys and values in two flat arrays (linear probing), an entry is two array slots, not
 *       an entry object as in {@link java.util.HashMap}: hundreds of thousands fewer objects for
 *       the collector to trace and copy while a plan is made, and no pointer to chase per lookup.
 * </ul>
 *
 * <p>Iteration goes shard by shard in slot order, the same from run to run since the keys' hash
 * codes are; nothing that reaches a plan or a diagnostic depends on it. The checks and the planner
 * both keep maps of every name of a large model.
 */
public final class ShardedMap<K, V> {
  private static final int SHARDS = 32;
  private static final int SHARD_BITS = 5;

  private final Shard[] shards = new Shard[SHARDS];

  /** A map for about {@code expected} entries. */
  public ShardedMap(int expected) {
    int each = (int) Math.min(1 << 26, expected / (long) SHARDS + 1);
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = new Shard(each);
    }
  }

  /** A well-mixed hash: the top bits pick the shard, the low bits the slot within it. */
  private static int mix(Object key) {
    int h = Objects.requireNonNull(key, "key == null").hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private Shard shard(int mixed) {
    return shards[mixed >>> (32 - SHARD_BITS)];
  }

  public V get(Object key) {
    int h = mix(key);
    return cast(shard(h).get(key, h));
  }

  public boolean containsKey(Object key) {
    int h = mix(key);
    return shard(h).slot(key, h) >= 0;
  }

  public V put(K key, V value) {
    Objects.requireNonNull(value, "value == null");
    int h = mix(key);
    return cast(shard(h).put(key, h, value, true));
  }

  public V putIfAbsent(K key, V value) {
    Objects.requireNonNull(value, "value == null");
    int h = mix(key);
    return cast(shard(h).put(key, h, value, false));
  }

  /** As {@link java.util.Map#computeIfAbsent}: {@code make} returning null adds nothing. */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
    int h = mix(key);
    Shard shard = shard(h);
    Object had = shard.get(key, h);
    if (had != null) {
      return cast(had);
    }
    V made = make.apply(key);
    if (made != null) {
      shard.put(key, h, made, true);
    }
    return made;
  }

  /** As {@link java.util.Map#merge}: a key gains {@code value}, or its value becomes {@code join}'s result (null removes it). */
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> join) {
    Objects.requireNonNull(value, "value == null");
    int h = mix(key);
    Shard shard = shard(h);
    int slot = shard.slot(key, h);
    if (slot < 0) {
      shard.put(key, h, value, true);
      return value;
    }
    V joined = join.apply(cast(shard.values[slot]), value);
    if (joined == null) {
      shard.removeAt(slot);
    } else {
      shard.values[slot] = joined;
    }
    return joined;
  }

  public V remove(Object key) {
    int h = mix(key);
    Shard shard = shard(h);
    int slot = shard.slot(key, h);
    if (slot < 0) {
      return null;
    }
    Object old = shard.values[slot];
    shard.removeAt(slot);
    return cast(old);
  }

  /** Removes {@code key} only while it maps to {@code value}. */
  public boolean remove(Object key, Object value) {
    int h = mix(key);
    Shard shard = shard(h);
    int slot = shard.slot(key, h);
    if (slot < 0 || !Objects.equals(shard.values[slot], value)) {
      return false;
    }
    shard.removeAt(slot);
    return true;
  }

  /** The number of entries: the shards' own counts added up, so no second count can drift from theirs. */
  public int size() {
    int n = 0;
    for (Shard s : shards) {
      n += s.size;
    }
    return n;
  }

  public void forEach(BiConsumer<? super K, ? super V> action) {
    for (Shard s : shards) {
      Object[] keys = s.keys;
      Object[] values = s.values;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          action.accept(cast(keys[i]), cast(values[i]));
        }
      }
    }
  }

  /** The keys, shard by shard (a read-only view). */
  public Collection<K> keys() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<K> iterator() {
        return new Iterator<>() {
          private int shard;
          private int slot = -1;

          {
            advance();
          }

          private void advance() {
            slot++;
            while (shard < SHARDS) {
              Object[] keys = shards[shard].keys;
              while (slot < keys.length && keys[slot] == null) {
                slot++;
              }
              if (slot < keys.length) {
                return;
              }
              shard++;
              slot = 0;
            }
          }

          @Override
          public boolean hasNext() {
            return shard < SHARDS;
          }

          @Override
          public K next() {
            if (shard >= SHARDS) {
              throw new NoSuchElementException();
            }
            K k = cast(shards[shard].keys[slot]);
            advance();
            return k;
          }
        };
      }

      @Override
      public int size() {
        return ShardedMap.this.size();
      }

      @Override
      public boolean contains(Object o) {
        return containsKey(o);
      }
    };
  }

  /** A key or value back at its type: only keys and values of this map are stored in its arrays. */
  @SuppressWarnings("unchecked")
  private static <T> T cast(Object stored) {
    return (T) stored;
  }

  /**
   * One table: keys and values in parallel arrays, linear probing, at most half full so probe
   * runs stay short; a removal shifts the rest of its run back instead of leaving a marker.
   */
  private static final class Shard {
    Object[] keys;
    Object[] values;
    int size;

    Shard(int expected) {
      int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
      keys = new Object[capacity];
      values = new Object[capacity];
    }

    /** The slot of {@code key}, or -1. */
    int slot(Object key, int h) {
      Object[] ks = keys;
      int mask = ks.length - 1;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        Object k = ks[i];
        if (k == null) {
          return -1;
        }
        if (k == key || k.equals(key)) {
          return i;
        }
      }
    }

    Object get(Object key, int h) {
      int i = slot(key, h);
      return i < 0 ? null : values[i];
    }

    /** Puts {@code value} (only where {@code key} is absent unless {@code replace}); returns the old value or null. */
    Object put(Object key, int h, Object value, boolean replace) {
      Object[] ks = keys;
      int mask = ks.length - 1;
      int i = h & mask;
      for (; ks[i] != null; i = (i + 1) & mask) {
        if (ks[i] == key || ks[i].equals(key)) {
          Object old = values[i];
          if (replace) {
            values[i] = value;
          }
          return old;
        }
      }
      ks[i] = key;
      values[i] = value;
      if (++size * 2 > ks.length) {
        grow();
      }
      return null;
    }

    /**
     * Empties slot {@code i}, then moves back each later key of its run that probing would no
     * longer reach: one whose home slot is not in the cyclic range after the hole up to itself.
     */
    void removeAt(int i) {
      Object[] ks = keys;
      Object[] vs = values;
      int mask = ks.length - 1;
      int hole = i;
      for (int j = (i + 1) & mask; ks[j] != null; j = (j + 1) & mask) {
        int home = mix(ks[j]) & mask;
        if (((j - home) & mask) >= ((j - hole) & mask)) {
          ks[hole] = ks[j];
          vs[hole] = vs[j];
          hole = j;
        }
      }
      ks[hole] = null;
      vs[hole] = null;
      size--;
    }

    private void grow() {
      Object[] oldKeys = keys;
      Object[] oldValues = values;
      keys = new Object[oldKeys.length * 2];
      values = new Object[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        Object k = oldKeys[j];
        if (k != null) {
          int i = mix(k) & mask;
          while (keys[i] != null) {
            i = (i + 1) & mask;
          }
          keys[i] = k;
          values[i] = oldValues[j];
        }
      }
    }
  }
}
