package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long entries are kept: per level (ERROR 30 days, WARN 14, INFO 7, DEBUG and TRACE 1 by
 * default), plus an age past which whole partitions are dropped (90 days), and how many rows one
 * DELETE removes at most (10 000), so the job never holds long locks or builds a huge transaction.
 * Immutable.
 */
public final class RetentionPolicy {
  private final Map<Level, Duration> keep;
  private final Duration dropPartitionsOlderThan;
  private final int deleteBatchSize;

  private RetentionPolicy(Builder b) {
    keep = Map.copyOf(b.keep);
    dropPartitionsOlderThan = b.dropPartitionsOlderThan;
    deleteBatchSize = b.deleteBatchSize;
  }

  /** The defaults above. */
  public static RetentionPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How long entries of {@code level} are kept. */
  public Duration keep(Level level) {
    return keep.get(level);
  }

  public Duration dropPartitionsOlderThan() {
    return dropPartitionsOlderThan;
  }

  public int deleteBatchSize() {
    return deleteBatchSize;
  }

  /** Builds a {@link RetentionPolicy}. Not thread-safe. */
  public static final class Builder {
    private final Map<Level, Duration> keep = new EnumMap<>(Level.class);
    private Duration dropPartitionsOlderThan = Duration.ofDays(90);
    private int deleteBatchSize = 10_000;

    private Builder() {
      keep.put(Level.ERROR, Duration.ofDays(30));
      keep.put(Level.WARN, Duration.ofDays(14));
      keep.put(Level.INFO, Duration.ofDays(7));
      keep.put(Level.DEBUG, Duration.ofDays(1));
      keep.put(Level.TRACE, Duration.ofDays(1));
    }

    /** Keeps entries of {@code level} for {@code duration}. */
    public Builder keep(Level level, Duration duration) {
      keep.put(level, duration);
      return this;
    }

    /** Drops a partition whose every entry is older than this. */
    public Builder dropPartitionsOlderThan(Duration age) {
      this.dropPartitionsOlderThan = age;
      return this;
    }

    /** Rows one DELETE statement removes at most. */
    public Builder deleteBatchSize(int rows) {
      this.deleteBatchSize = rows;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting and what to change, also when a level
     *     is kept longer than {@code dropPartitionsOlderThan} (its entries would go with their
     *     partition before their retention ends)
     */
    public RetentionPolicy build() {
      for (Map.Entry<Level, Duration> e : keep.entrySet()) {
        if (e.getValue() == null || e.getValue().isNegative() || e.getValue().isZero()) {
          throw new IllegalArgumentException(
              "keep(" + e.getKey() + ") is " + e.getValue() + ": use a positive duration such as P7D");
        }
      }
      if (dropPartitionsOlderThan == null || dropPartitionsOlderThan.isNegative()
          || dropPartitionsOlderThan.isZero()) {
        throw new IllegalArgumentException(
            "dropPartitionsOlderThan is " + dropPartitionsOlderThan + ": use a positive duration such as P90D");
      }
      // A dropped partition takes every level's entries with it: no level may outlive the drop.
      Level longest = Level.ERROR;
      for (Map.Entry<Level, Duration> e : keep.entrySet()) {
        if (e.getValue().compareTo(keep.get(longest)) > 0) {
          longest = e.getKey();
        }
      }
      Duration kept = keep.get(longest);
      if (kept.compareTo(dropPartitionsOlderThan) > 0) {
        throw new IllegalArgumentException(
            "keep(" + longest + ") is " + kept + " but dropPartitionsOlderThan is " + dropPartitionsOlderThan
                + ", which would drop " + longest + " entries " + kept.minus(dropPartitionsOlderThan).toDays()
                + " days before their retention ends: set dropPartitionsOlderThan to at least " + kept
                + " or keep(" + longest + ") to at most " + dropPartitionsOlderThan);
      }
      if (deleteBatchSize < 1 || deleteBatchSize > 1_000_000) {
        throw new IllegalArgumentException(
            "deleteBatchSize is " + deleteBatchSize + ": use 1 to 1000000");
      }
      return new RetentionPolicy(this);
    }
  }
}
