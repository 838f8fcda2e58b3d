package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void keepsValuesBelow64NanosecondsExactly() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 0; v < 64; v++) {
      h.record(v);
    }
    assertThat(h.count()).isEqualTo(64);
    assertThat(h.percentile(0.5)).isEqualTo(32);
    assertThat(h.percentile(0.0)).isZero();
    assertThat(h.max()).isEqualTo(63);
  }

  @Test
  void everyBucketHoldsItsOwnBoundsAndIsAtMostAThirtySecondWide() {
    for (long v : new long[] {64, 65, 100, 1_000, 1_234_567, 999_999_999_999L, Long.MAX_VALUE / 3}) {
      int i = LatencyHistogram.index(v);
      long upper = LatencyHistogram.upperBound(i);
      long lower = i == 0 ? 0 : LatencyHistogram.upperBound(i - 1) + 1;
      assertThat(v).isBetween(lower, upper);
      assertThat((double) (upper - lower + 1) / lower).isLessThanOrEqualTo(1.0 / 32);
    }
    assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isLessThan(64 + 57 * 32);
  }

  @Test
  void percentilesAreWithinThreePercentAndNeverAboveTheLargestValue() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 1; v <= 100_000; v++) {
      h.record(v * 10); // 10 ns .. 1 ms, evenly
    }
    assertThat(h.percentile(0.5)).isBetween(500_000L, 515_000L);
    assertThat(h.percentile(0.99)).isBetween(990_000L, 1_000_000L);
    assertThat(h.percentile(1.0)).isEqualTo(1_000_000L);
  }

  @Test
  void mergesPerThreadHistograms() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.record(10);
    b.record(5_000);
    b.record(-3); // a clock that went backwards counts as 0
    LatencyHistogram all = new LatencyHistogram();
    a.addTo(all);
    b.addTo(all);
    assertThat(all.count()).isEqualTo(3);
    assertThat(all.max()).isEqualTo(5_000);
    assertThat(all.percentile(0.0)).isZero();
  }
}
