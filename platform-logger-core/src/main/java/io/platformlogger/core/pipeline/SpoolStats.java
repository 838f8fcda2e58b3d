package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import java.util.Map;

/**
 * A snapshot of the durable spool's own counters (per-sink figures are in {@link SinkStats}).
 * Immutable.
 *
 * @param state {@code off} (not configured), {@code on}, or {@code memory-only: <why>} after the
 *     spool could not be opened or written (reported on stderr; a failed write is retried)
 * @param directory the spool directory, or null when off
 * @param bytes bytes on disk now
 * @param maxBytes the size bound
 * @param appended entries appended by this run
 * @param syncs forced writes to the storage device
 * @param shedByLevel entries refused because the spool was at its size bound, by level
 * @param failures times the spool could not be used: refused at start (a directory that is not
 *     safe or not writable), or a write or sync failed (each retry that failed counts too)
 * @param recoveries times the spool came back after a failed write (it retries by itself)
 */
public record SpoolStats(
    String state, String directory, long bytes, long maxBytes, long appended, long syncs,
    Map<Level, Long> shedByLevel, long failures, long recoveries) {

  static final SpoolStats OFF = new SpoolStats("off", null, 0, 0, 0, 0, Map.of(), 0, 0);

  /** Entries refused at the size bound, all levels. */
  public long shed() {
    long n = 0;
    for (long v : shedByLevel.values()) {
      n += v;
    }
    return n;
  }
}
