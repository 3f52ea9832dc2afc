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
  private final ConcurrentHashMap<Object, Object> seen = new ConcurrentHashMap<>(1 << 12);

  /** The shared copy of {@code value} (an immutable value with value equality), or null for null. */
  @SuppressWarnings("unchecked")
  <T> T intern(T value) {
    if (value == null) {
      return null;
    }
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
