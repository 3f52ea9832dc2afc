package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The estimates write numbers as {@code %.1f} and {@code %,d} in the root locale would, without a Formatter. */
class EstimatesTest {
  @Property(tries = 2000)
  void oneDecimalIsWhatPercentPointOneFWrites(@ForAll @DoubleRange(min = 0, max = 1e12) double x) {
    assertEquals(String.format(Locale.ROOT, "%.1f", x), Estimates.oneDecimal(x));
  }

  @Test
  void oneDecimalRoundsTheShortestDecimalFormHalfUp() {
    // the ties and near-ties where rounding the binary value and rounding its decimal form differ
    for (double x : new double[] {0.05, 0.15, 0.25, 1.05, 2.25, 2.35, 2.45, 9.95, 99.95, 2.0, 47.99999999, 1e7, 123456789.05}) {
      assertEquals(String.format(Locale.ROOT, "%.1f", x), Estimates.oneDecimal(x), () -> "for " + x);
    }
  }

  @Property(tries = 2000)
  void groupedIsWhatPercentCommaDWrites(@ForAll @LongRange(min = Long.MIN_VALUE + 1) long n) {
    assertEquals(String.format(Locale.ROOT, "%,d", n), Estimates.grouped(n));
  }

  @Test
  void durationsPastTwoHoursKeepOneDecimal() {
    assertEquals("2.0 h", Estimates.duration(7200));
    assertEquals("13.9 h", Estimates.duration(50_000));
    assertEquals("2.0 days", Estimates.duration(172_800));
    assertEquals("11.6 days", Estimates.duration(1_000_000));
  }
}
