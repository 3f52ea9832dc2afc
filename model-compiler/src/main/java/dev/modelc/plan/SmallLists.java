package dev.modelc.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists that most often stay empty and otherwise hold a few items: a step's requirements,
 * gates and reasons, an object's creators in the order, the tables a step touches. They start
 * as the shared empty list and become a small writable one on the first item, so the tens of
 * thousands of steps and objects of a large plan make no list they do not fill.
 */
final class SmallLists {
  private SmallLists() {}

  /** {@code list} with {@code value} appended (a writable list replaces the shared empty one). */
  static <T> List<T> plus(List<T> list, T value) {
    List<T> out = list.isEmpty() ? new ArrayList<>(2) : list;
    out.add(value);
    return out;
  }

  /** {@code list} with {@code value} appended unless it holds it already (a scan: the lists are short). */
  static <T> List<T> plusNew(List<T> list, T value) {
    return list.contains(value) ? list : plus(list, value);
  }
}
