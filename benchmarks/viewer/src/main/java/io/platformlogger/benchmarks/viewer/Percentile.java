package io.platformlogger.benchmarks.viewer;

import java.util.Arrays;

/** Nearest-rank percentiles of a run's samples. */
final class Percentile {
  private Percentile() {}

  /** The pct-th percentile (1..100) of values (not changed), NaN when there are none. */
  static double of(long[] values, int pct) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] s = values.clone();
    Arrays.sort(s);
    int i = Math.min(s.length - 1, (int) Math.ceil(pct / 100.0 * s.length) - 1);
    return s[Math.max(0, i)];
  }
}
