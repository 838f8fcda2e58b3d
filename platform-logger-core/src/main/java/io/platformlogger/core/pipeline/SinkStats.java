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
    long consecutiveFailures) {

  /** Entries shed for a full backlog, all levels. */
  public long shed() {
    long n = 0;
    for (long v : shedByLevel.values()) {
      n += v;
    }
    return n;
  }
}
