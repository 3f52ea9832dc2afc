package dev.modelc.live;

import java.util.List;
import java.util.Objects;

/**
 * An index as {@code pg_index} has it. {@code constraint} names the primary-key, unique or
 * exclusion constraint it backs (null for a plain index). {@code valid} is false for an
 * INVALID index (a failed {@code CREATE INDEX CONCURRENTLY}); {@code options} are its storage
 * parameters in order ({@code fillfactor=70}); {@code definition} is {@code pg_get_indexdef}.
 */
public record LiveIndex(
    String name,
    String method,
    boolean unique,
    boolean primary,
    String constraint,
    List<LiveIndexKey> keys,
    List<String> include,
    String predicate,
    boolean nullsNotDistinct,
    boolean valid,
    boolean ready,
    List<String> options,
    String tablespace,
    String definition,
    String comment) {

  public LiveIndex {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    keys = List.copyOf(keys);
    include = List.copyOf(include);
    options = List.copyOf(options);
  }
}
