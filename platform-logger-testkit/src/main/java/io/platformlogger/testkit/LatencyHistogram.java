package io.platformlogger.testkit;

/**
 * Call durations in nanoseconds, counted in buckets 1/32 of a power of two wide (exact below
 * 64 ns), so a load of millions of calls costs a few kilobytes and percentiles are within 3 %.
 * Not thread-safe: one histogram per recording thread, merged for the report.
 */
final class LatencyHistogram {
  private static final int EXACT = 64;
  private static final int SUB_BUCKETS = 32;
  private static final int SUB_BITS = 5;

  private final long[] counts = new long[EXACT + (63 - 6) * SUB_BUCKETS];
  private long total;
  private long max;

  void record(long nanos) {
    long v = Math.max(0, nanos);
    counts[index(v)]++;
    total++;
    if (v > max) {
      max = v;
    }
  }

  /** Adds this histogram's counts into {@code into}. */
  void addTo(LatencyHistogram into) {
    for (int i = 0; i < counts.length; i++) {
      into.counts[i] += counts[i];
    }
    into.total += total;
    into.max = Math.max(into.max, max);
  }

  long count() {
    return total;
  }

  long max() {
    return max;
  }

  /**
   * The value below which a fraction {@code p} of the calls fall: the upper end of the bucket
   * holding the call of rank {@code floor(p * count)}, never above the largest value recorded.
   */
  long percentile(double p) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.min(total - 1, (long) (p * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen > rank) {
        return Math.min(upperBound(i), max);
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    int msb = 63 - Long.numberOfLeadingZeros(v); // >= 6
    int shift = msb - SUB_BITS;
    int top = (int) (v >>> shift); // in [32, 63]
    return EXACT + (msb - 6) * SUB_BUCKETS + (top - SUB_BUCKETS);
  }

  static long upperBound(int index) {
    if (index < EXACT) {
      return index;
    }
    int k = index - EXACT;
    int msb = k / SUB_BUCKETS + 6;
    long top = k % SUB_BUCKETS + SUB_BUCKETS;
    int shift = msb - SUB_BITS;
    return ((top + 1) << shift) - 1;
  }
}
