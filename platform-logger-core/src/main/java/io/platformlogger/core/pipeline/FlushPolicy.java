package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;

/**
 * When buffered entries must be handed to sinks at the latest: when {@code maxEntries} are
 * buffered, {@code intervalMillis} after the oldest unflushed entry was logged, or at once when an
 * ERROR arrives (carrying everything before it). Pure logic, so it is tested without threads.
 * Immutable.
 */
final class FlushPolicy {
  final int maxEntries;
  final long intervalMillis;
  final boolean flushOnError;

  FlushPolicy(int maxEntries, long intervalMillis, boolean flushOnError) {
    this.maxEntries = maxEntries;
    this.intervalMillis = intervalMillis;
    this.flushOnError = flushOnError;
  }

  /** Whether adding an entry of {@code level}, making {@code buffered} entries, requires a flush. */
  boolean flushAfterAdding(Level level, int buffered) {
    return buffered >= maxEntries || (flushOnError && level == Level.ERROR);
  }

  /** Whether the buffer, whose oldest entry was logged at {@code oldestMillis}, is due at {@code now}. */
  boolean due(long oldestMillis, long nowMillis) {
    return nowMillis - oldestMillis >= intervalMillis;
  }

  /** Milliseconds until the buffer is due (at least 1). */
  long millisUntilDue(long oldestMillis, long nowMillis) {
    return Math.max(1, oldestMillis + intervalMillis - nowMillis);
  }
}
