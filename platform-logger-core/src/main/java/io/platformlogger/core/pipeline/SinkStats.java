package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one sink's counters. Every entry handed to a sink ends up counted exactly once as
 * written, failed (the sink rejected it for good, or retries ran out) or shed (its backlog was
 * full, or it was still undelivered when shutdown timed out), unless it is still in the backlog.
 * Immutable.
 *
 * @param name the sink's name
 * @param written entries the sink stored
 * @param retries failed write attempts that were retried
 * @param failed entries given up on
 * @param shedByLevel entries shed because the backlog was full, by level
 * @param lostAtShutdown entries still undelivered when close timed out
 * @param backlog entries waiting (including a batch being written)
 * @param lastError the last write failure, or null
 * @param lastErrorAt when it happened, or null
 * @param consecutiveFailures failed attempts since the last success
 * @param enqueued entries handed to this sink (at or above its level), from memory or the spool
 * @param spooled of those, entries read back from the spool
 * @param replayed of those, entries an earlier run left in the spool
 * @param shedByReason entries not delivered, by reason: {@code backlog_full}, {@code spool_full},
 *     {@code spool_max_age}, and {@code spool_corrupt} (corrupt or torn regions skipped, each
 *     holding at least one entry; not in {@link #shedByLevel}, as their level is unknown)
 * @param spoolBytes spool bytes this sink has still to deliver
 * @param oldestUndelivered the timestamp of the oldest entry being delivered, or null when none is
 * @param leftInSpoolAtShutdown spool bytes this sink had not delivered when shutdown timed out,
 *     kept for the next run
 */
public record SinkStats(
    String name,
    long written,
    long retries,
    long failed,
    Map<Level, Long> shedByLevel,
    long lostAtShutdown,
    long backlog,
    String lastError,
    Instant lastErrorAt,
    long consecutiveFailures,
    long enqueued,
    long spooled,
    long replayed,
    Map<String, Long> shedByReason,
    long spoolBytes,
    Instant oldestUndelivered,
    long leftInSpoolAtShutdown) {

  /** Entries shed for a full backlog, all levels. */
  public long shed() {
    long n = 0;
    for (long v : shedByLevel.values()) {
      n += v;
    }
    return n;
  }
}
