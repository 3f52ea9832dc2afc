package dev.modelc.model;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A hash map split into a fixed number of smaller ones by key hash. A plan of a large model keeps
 * maps of hundreds of thousands of catalog objects; one hash table that size is an array the
 * garbage collector treats as humongous (over half a heap region), and G1 starts a concurrent
 * marking cycle for each such allocation. Split, every table stays small. Iteration goes shard by
 * shard in hash order, the same from run to run since the keys' hash codes are; nothing that
 * reaches a plan or a diagnostic depends on it. The checks and the planner both keep maps of
 * every name of a large model.
 */
public final class ShardedMap<K, V> {
  private static final int SHARDS = 32;
  private static final int SHARD_BITS = 5;

  private final List<Map<K, V>> shards = new ArrayList<>(SHARDS);
  private int size;

  /** A map for about {@code expected} entries. */
  public ShardedMap(int expected) {
    int each = (int) Math.min(1 << 28, expected * 4L / 3 / SHARDS + 16);
    for (int i = 0; i < SHARDS; i++) {
      shards.add(new HashMap<>(each));
    }
  }

  private Map<K, V> shard(Object key) {
    // the top bits of a multiplicative hash: each shard's own table indexes by the low bits, which
    // must still differ between the keys of one shard, or its buckets fill up with collisions
    return shards.get((key.hashCode() * 0x9E3779B9) >>> (32 - SHARD_BITS));
  }

  public V get(Object key) {
    return shard(key).get(key);
  }

  public boolean containsKey(Object key) {
    return shard(key).containsKey(key);
  }

  public V put(K key, V value) {
    V old = shard(key).put(key, value);
    if (old == null) {
      size++;
    }
    return old;
  }

  public V putIfAbsent(K key, V value) {
    V old = shard(key).putIfAbsent(key, value);
    if (old == null) {
      size++;
    }
    return old;
  }

  /** As {@link Map#computeIfAbsent}: one walk of the key's bucket whether or not it is there. */
  public V computeIfAbsent(K key, java.util.function.Function<? super K, ? extends V> make) {
    Map<K, V> shard = shard(key);
    int before = shard.size();
    V out = shard.computeIfAbsent(key, make);
    size += shard.size() - before;
    return out;
  }

  /** As {@link Map#merge}: a key gains {@code value}, or its value becomes {@code join}'s result. */
  public V merge(K key, V value, java.util.function.BiFunction<? super V, ? super V, ? extends V> join) {
    Map<K, V> shard = shard(key);
    int before = shard.size();
    V out = shard.merge(key, value, join);
    size += shard.size() - before;
    return out;
  }

  public V remove(Object key) {
    V old = shard(key).remove(key);
    if (old != null) {
      size--;
    }
    return old;
  }

  /** Removes {@code key} only while it maps to {@code value}. */
  public boolean remove(Object key, Object value) {
    boolean removed = shard(key).remove(key, value);
    if (removed) {
      size--;
    }
    return removed;
  }

  public int size() {
    return size;
  }

  public void forEach(BiConsumer<? super K, ? super V> action) {
    shards.forEach(s -> s.forEach(action));
  }

  /** The keys, shard by shard (a read-only view). */
  public Collection<K> keys() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<K> iterator() {
        return shards.stream().flatMap(s -> s.keySet().stream()).iterator();
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public boolean contains(Object o) {
        return containsKey(o);
      }
    };
  }
}
