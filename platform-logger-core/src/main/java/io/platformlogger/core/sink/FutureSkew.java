package io.platformlogger.core.sink;

import io.platformlogger.core.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps an entry dated far in the future (a skewed clock, a forged record, an event handed over
 * with its own time) from landing years ahead: a store would make a partition per stray month or
 * put it where retention never drops it. An entry more than {@code maxSkew} ahead of {@code now}
 * is moved to the current hour plus {@code maxSkew}, its own timestamp kept in {@code
 * data.original_timestamp} and the marker {@code timestamp_clamped} added to {@code sanitized}.
 * The clamp is the same for every attempt within an hour, so a store that retries a batch finds
 * its rows again.
 *
 * <p>Applied by the pipeline when an entry is built ({@code limits.future-skew}) and by the
 * PostgreSQL sink before it stores one ({@code future.skew.hours}: entries that reach it from
 * elsewhere, such as a Kafka topic). Part of the sink SPI for that reason: a sink that stores
 * entries it did not build itself may apply the same rule. Immutable and thread-safe.
 */
public final class FutureSkew {
  /** The marker added to {@code sanitized}. */
  public static final String MARKER = "timestamp_clamped";
  /** The {@code data} key that keeps the entry's own timestamp. */
  public static final String ORIGINAL = "original_timestamp";

  private final Duration maxSkew;
  /** {@code maxSkew} in milliseconds: the quick test that every entry takes. */
  private final long maxSkewMillis;

  /** @param maxSkew how far ahead an entry may be dated; positive */
  public FutureSkew(Duration maxSkew) {
    this.maxSkew = maxSkew;
    this.maxSkewMillis = maxSkew.toMillis();
  }

  /** {@code e}, or a copy dated at the latest accepted instant when it is further ahead of {@code now}. */
  public LogEntry clamp(LogEntry e, Instant now) {
    if (!e.timestamp().isAfter(now.plus(maxSkew))) {
      return e;
    }
    Map<String, Object> data = new LinkedHashMap<>(e.data());
    data.put(ORIGINAL, e.timestamp().toString());
    List<String> sanitized = new ArrayList<>(e.sanitized());
    if (!sanitized.contains(MARKER)) {
      sanitized.add(MARKER);
    }
    return e.toBuilder()
        .timestamp(now.truncatedTo(ChronoUnit.HOURS).plus(maxSkew))
        .data(data)
        .sanitized(sanitized)
        .build();
  }

  /** {@link #clamp(LogEntry, Instant)} for a clock read in milliseconds; no allocation for an entry within the skew. */
  public LogEntry clamp(LogEntry e, long nowMillis) {
    // In seconds: a forged timestamp near Instant.MAX has no millisecond count.
    return e.timestamp().getEpochSecond() < Math.floorDiv(nowMillis + maxSkewMillis, 1000)
        ? e
        : clamp(e, Instant.ofEpochMilli(nowMillis));
  }
}
