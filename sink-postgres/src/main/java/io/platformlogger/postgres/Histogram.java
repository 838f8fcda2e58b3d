package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Entries counted per level in equal time buckets, for a volume chart: bucket {@code i} covers
 * {@code [start + i*bucket, start + (i+1)*bucket)}. Every level has an array of {@link #buckets()}
 * counts (zeros where none). Immutable (the arrays are copies).
 */
public final class Histogram {
  private final Instant start;
  private final Duration bucket;
  private final int buckets;
  private final Map<Level, long[]> counts;

  Histogram(Instant start, Duration bucket, int buckets, Map<Level, long[]> counts) {
    this.start = start;
    this.bucket = bucket;
    this.buckets = buckets;
    Map<Level, long[]> copy = new EnumMap<>(Level.class);
    for (Level l : Level.values()) {
      long[] c = counts.get(l);
      copy.put(l, c == null ? new long[buckets] : c.clone());
    }
    this.counts = copy;
  }

  /** The start of the first bucket (the range's start rounded down to a whole bucket). */
  public Instant start() { return start; }
  public Duration bucket() { return bucket; }
  public int buckets() { return buckets; }

  /** A copy of the counts of {@code level}, one per bucket. */
  public long[] counts(Level level) {
    return counts.get(level).clone();
  }

  /** The width of a bucket so that {@code [from, to)} needs at most {@code maxBuckets}: 1 s, 5 s, 10 s, 30 s, 1 m, 5 m, ... 1 d, 7 d. */
  public static Duration bucketFor(Instant from, Instant to, int maxBuckets) {
    long span = Math.max(1, Duration.between(from, to).toMillis());
    long[] steps = {
      1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 10_800_000,
      21_600_000, 43_200_000, 86_400_000, 604_800_000
    };
    for (long s : steps) {
      if ((span + s - 1) / s + 1 <= maxBuckets) {
        return Duration.ofMillis(s);
      }
    }
    long s = steps[steps.length - 1];
    while ((span + s - 1) / s + 1 > maxBuckets) {
      s *= 2;
    }
    return Duration.ofMillis(s);
  }
}
