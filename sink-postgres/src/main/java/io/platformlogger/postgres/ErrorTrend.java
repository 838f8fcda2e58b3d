package io.platformlogger.postgres;

import java.time.Duration;
import java.time.Instant;

/**
 * An error group with its occurrences per time bucket, for a sparkline: bucket {@code i} covers
 * {@code [start + i*bucket, start + (i+1)*bucket)}. Immutable (the array is a copy).
 */
public final class ErrorTrend {
  private final ErrorGroup group;
  private final Instant start;
  private final Duration bucket;
  private final long[] counts;

  ErrorTrend(ErrorGroup group, Instant start, Duration bucket, long[] counts) {
    this.group = group;
    this.start = start;
    this.bucket = bucket;
    this.counts = counts.clone();
  }

  public ErrorGroup group() { return group; }
  public Instant start() { return start; }
  public Duration bucket() { return bucket; }
  /** A copy of the counts, one per bucket. */
  public long[] counts() { return counts.clone(); }
}
