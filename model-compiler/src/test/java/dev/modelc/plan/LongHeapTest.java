package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The step order's heap gives keys in the order {@link PriorityQueue} does, under any mix of adds and polls. */
class LongHeapTest {
  @Test
  void agreesWithPriorityQueue() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      LongHeap heap = new LongHeap(random.nextInt(3));
      PriorityQueue<Long> expected = new PriorityQueue<>();
      int operations = random.nextInt(400);
      for (int i = 0; i < operations; i++) {
        if (expected.isEmpty() || random.nextInt(3) > 0) {
          long key = random.nextInt(50) - 10L; // repeats and negatives included
          heap.add(key);
          expected.add(key);
        } else {
          assertEquals(expected.poll(), heap.poll());
        }
        assertEquals(expected.isEmpty(), heap.isEmpty());
      }
      while (!expected.isEmpty()) {
        assertEquals(expected.poll(), heap.poll());
      }
      assertTrue(heap.isEmpty());
    }
  }

  @Test
  void pollingAnEmptyHeapFails() {
    assertThrows(NoSuchElementException.class, () -> new LongHeap(4).poll());
  }
}
