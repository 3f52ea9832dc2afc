package dev.modelc.diag;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The elements of a model that have errors, so that later checks skip only what depends on
 * them and count what they skip. A table, column, index or query is marked broken when an error
 * was reported about it; it is also marked absent when it could not be read at all (a column
 * whose type is unknown), so that a reference to it is not reported a second time as unknown.
 * When a whole file could not be read, any name may be defined there: unknown names are
 * skipped rather than reported.
 */
public final class Broken {
  private final Set<String> broken = new HashSet<>();
  private final Set<String> absent = new HashSet<>();
  private boolean unreadableFile;
  /** What was skipped, in the order it was, with how many times. */
  private final Map<String, Integer> skipped = new LinkedHashMap<>();

  public void markTable(String table, boolean isAbsent) {
    mark("t:" + table, isAbsent);
  }

  public void markColumn(String table, String column, boolean isAbsent) {
    mark("c:" + table + "\u0000" + column, isAbsent);
  }

  public void markIndex(String index) {
    mark("i:" + index, false);
  }

  public void markQuery(String query, boolean isAbsent) {
    mark("q:" + query, isAbsent);
  }

  public void unreadableFile() {
    unreadableFile = true;
  }

  private void mark(String key, boolean isAbsent) {
    broken.add(key);
    if (isAbsent) {
      absent.add(key);
    }
  }

  public boolean table(String table) {
    return broken.contains("t:" + table);
  }

  public boolean index(String index) {
    return broken.contains("i:" + index);
  }

  public boolean query(String query) {
    return broken.contains("q:" + query);
  }

  public boolean column(String table, String column) {
    return broken.contains("c:" + table + "\u0000" + column);
  }

  /** Whether a table of that name may exist in the model but could not be read. */
  public boolean unreadTable(String table) {
    return unreadableFile || absent.contains("t:" + table);
  }

  /** Whether a column of that name may exist in {@code table} but could not be read. */
  public boolean unreadColumn(String table, String column) {
    return unreadableFile || absent.contains("t:" + table) || absent.contains("c:" + table + "\u0000" + column);
  }

  /** Whether some file could not be read at all. */
  public boolean unreadableFiles() {
    return unreadableFile;
  }

  public boolean any() {
    return unreadableFile || !broken.isEmpty();
  }

  /** Records a check that did not run because of an earlier error; {@code what} groups the count. */
  public void skip(String what) {
    skipped.merge(what, 1, Integer::sum);
  }

  public int skippedCount() {
    return skipped.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** What was skipped, by kind: {@code "coverage of a query" -> 2}. */
  public Map<String, Integer> skipped() {
    return java.util.Collections.unmodifiableMap(skipped);
  }

  /** Everything {@code other} knows, added to this. */
  public void addAll(Broken other) {
    broken.addAll(other.broken);
    absent.addAll(other.absent);
    unreadableFile |= other.unreadableFile;
    other.skipped.forEach((k, v) -> skipped.merge(k, v, Integer::sum));
  }
}
