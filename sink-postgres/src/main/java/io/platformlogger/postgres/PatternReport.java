package io.platformlogger.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@link PostgresLogStore#patterns} found: the top patterns (most entries first) over the
 * mined sample, and the time buckets their {@link LogPattern#bucketCounts()} refer to (bucket
 * {@code i} covers {@code [bucketStart + i × bucket, bucketStart + (i+1) × bucket)}). Immutable.
 *
 * @param sampled entries mined
 * @param sampleFull true when the sample reached {@link PatternQuery#sampleSize()}: older matching
 *     entries exist and were not mined, so the buckets start at the oldest sampled entry
 * @param totalPatterns patterns found in the sample, of which {@link #patterns()} are the top
 * @param bucketStart start of the first bucket (null when nothing was sampled)
 * @param bucket width of a bucket (null when nothing was sampled)
 */
public record PatternReport(
    List<LogPattern> patterns, long sampled, boolean sampleFull, long totalPatterns, Instant bucketStart,
    Duration bucket) {
  public PatternReport {
    patterns = List.copyOf(patterns);
  }
}
