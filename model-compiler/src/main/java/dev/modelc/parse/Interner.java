package dev.modelc.parse;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each value that a load reads many times over. Models repeat the same
 * few words thousands of times (key names, column names, type spellings, owners, operators),
 * and the YAML scanner makes a new string for each; a model of 10,000 tables held over a
 * million of them, nine in ten duplicates. Held models are the largest part of the heap a
 * plan works in, so sharing them makes every later stage's garbage collection cheaper.
 * Shared by the threads that read one load's files; dropped with the load.
 */
final class Interner {
  /**
   * Split in shards so that no table grows to half a heap region: G1 allocates such arrays
   * outside the young generation, where they outlive the load by a marking cycle.
   */
  private static final int SHARDS = 16;

  @SuppressWarnings("unchecked")
  private final ConcurrentHashMap<Object, Object>[] shards = new ConcurrentHashMap[SHARDS];

  Interner() {
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = new ConcurrentHashMap<>(256);
    }
  }

  /** The shared copy of {@code value} (an immutable value with value equality), or null for null. */
  @SuppressWarnings("unchecked")
  <T> T intern(T value) {
    if (value == null) {
      return null;
    }
    // the top bits of a multiplicative hash pick the shard; the map itself uses the low bits
    ConcurrentHashMap<Object, Object> seen = shards[(value.hashCode() * 0x9E3779B9) >>> 28];
    // most values were seen before: a lock-free read first
    Object had = seen.get(value);
    if (had == null) {
      had = seen.putIfAbsent(value, value);
      if (had == null) {
        return value;
      }
    }
    return (T) had;
  }
}
