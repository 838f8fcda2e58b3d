package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the pipeline's own counters and of every sink's. Immutable.
 *
 * @param enqueued events accepted from logging calls
 * @param shedByLevel events refused because the caller hand-off queue was full, by level
 * @param rateLimited events suppressed by the per-call-site rate limit
 * @param afterClose logging calls made after the pipeline was closed
 * @param internal entries from pipeline threads or sink client libraries, printed to stderr only
 * @param buildFailures events whose entry could not be built normally (logged as a placeholder)
 * @param queued events waiting in the hand-off queue
 * @param sinks one snapshot per sink
 * @param spool the durable spool's counters ({@code state} {@code off} when not configured)
 */
public record PipelineStats(
    long enqueued,
    Map<Level, Long> shedByLevel,
    long rateLimited,
    long afterClose,
    long internal,
    long buildFailures,
    long queued,
    List<SinkStats> sinks,
    SpoolStats spool) {

  /** Events shed at the hand-off queue, all levels. */
  public long shed() {
    long n = 0;
    for (long v : shedByLevel.values()) {
      n += v;
    }
    return n;
  }

  /** The named sink's snapshot. */
  public SinkStats sink(String name) {
    for (SinkStats s : sinks) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no sink named '" + name + "'");
  }
}
