package io.platformlogger.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Which patterns to find: the entries of a {@link LogQuery} (its filters and range; its page size,
 * order and cursor do not apply), how many of the newest to mine, the width of the time buckets
 * and how many patterns to return. Immutable; start with {@link #of}.
 */
public final class PatternQuery {
  /** The largest sample: the newest this many matching entries are mined. */
  public static final int MAX_SAMPLE = 1_000_000;

  /** The most time buckets a report may have. */
  public static final int MAX_BUCKETS = 1_000;

  private final LogQuery filter;
  private final int sampleSize;
  private final Duration bucket;
  private final int limit;

  private PatternQuery(Builder b) {
    filter = b.filter;
    sampleSize = b.sampleSize;
    bucket = b.bucket;
    limit = b.limit;
  }

  /** Patterns of the entries {@code filter} selects. */
  public static Builder of(LogQuery filter) {
    return new Builder(Objects.requireNonNull(filter, "filter"));
  }

  public LogQuery filter() { return filter; }
  /** Newest matching entries mined at most. */
  public int sampleSize() { return sampleSize; }
  /** Width of a time bucket, or null to choose one (at most 60 buckets over the window). */
  public Duration bucket() { return bucket; }
  /** Patterns returned at most, most entries first. */
  public int limit() { return limit; }

  /** Builds a {@link PatternQuery}. Not thread-safe. */
  public static final class Builder {
    private final LogQuery filter;
    private int sampleSize = 100_000;
    private Duration bucket;
    private int limit = 50;

    private Builder(LogQuery filter) {
      this.filter = filter;
    }

    /** Mine the newest {@code n} matching entries, 1 to {@value PatternQuery#MAX_SAMPLE}. Default 100 000. */
    public Builder sampleSize(int n) { this.sampleSize = n; return this; }
    /** Buckets of this width; null (the default) chooses one. */
    public Builder bucket(Duration bucket) { this.bucket = bucket; return this; }
    /** At most this many patterns, 1 to 1000. Default 50. */
    public Builder limit(int limit) { this.limit = limit; return this; }

    /** @throws IllegalArgumentException naming the setting and what to change */
    public PatternQuery build() {
      if (sampleSize < 1 || sampleSize > MAX_SAMPLE) {
        throw new IllegalArgumentException("sampleSize is " + sampleSize + ": use 1 to " + MAX_SAMPLE);
      }
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit is " + limit + ": use 1 to 1000");
      }
      if (bucket != null && (bucket.isNegative() || bucket.isZero() || bucket.toMillis() < 1)) {
        throw new IllegalArgumentException("bucket is " + bucket + ": use at least 1 millisecond, or null to choose");
      }
      return new PatternQuery(this);
    }
  }
}
