package dev.modelc.plan;

/**
 * A binary min-heap of longs: the ready steps of a topological sort, keyed so that the smallest
 * key is the step to take next. Primitive keys, no comparator and no boxing, for plans of tens
 * of thousands of steps.
 */
final class LongHeap {
  private long[] keys;
  private int size;

  LongHeap(int capacity) {
    keys = new long[Math.max(capacity, 4)];
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(long key) {
    if (size == keys.length) {
      keys = java.util.Arrays.copyOf(keys, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      keys[i] = keys[parent];
      i = parent;
    }
    keys[i] = key;
  }

  /** Removes and returns the smallest key; the heap must not be empty. */
  long poll() {
    if (size == 0) {
      throw new java.util.NoSuchElementException("empty heap");
    }
    long top = keys[0];
    long last = keys[--size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && keys[child + 1] < keys[child]) {
        child++;
      }
      if (last <= keys[child]) {
        break;
      }
      keys[i] = keys[child];
      i = child;
    }
    keys[i] = last;
    return top;
  }
}
