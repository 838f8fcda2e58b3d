package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps an entry dated far in the future (a skewed clock, a forged record on the Kafka topic) from
 * landing years ahead: it would create a partition per stray month, or go to the DEFAULT
 * partition, which retention never drops and which makes that month's partition uncreatable
 * later. An entry more than {@code maxSkew} ahead of the sink's clock is stored at the current
 * hour plus {@code maxSkew}, its own timestamp kept in {@code data.original_timestamp} and the
 * marker {@code timestamp_clamped} in {@code sanitized}. The clamp is the same for every attempt
 * within an hour, so a retried batch finds its rows again. Immutable; thread-safe.
 */
final class FutureSkew {
  static final String MARKER = "timestamp_clamped";
  static final String ORIGINAL = "original_timestamp";

  private final Duration maxSkew;

  FutureSkew(Duration maxSkew) {
    this.maxSkew = maxSkew;
  }

  /** {@code e}, or a copy stored at the latest accepted instant when it is further ahead of {@code now}. */
  LogEntry clamp(LogEntry e, Instant now) {
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
}
