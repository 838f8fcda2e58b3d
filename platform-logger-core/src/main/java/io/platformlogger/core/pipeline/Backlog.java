package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.OverflowPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink's bounded in-memory backlog and the accounting of what it has handed on: entries wait
 * here (oldest first) until the worker takes them as a batch, and every entry offered is counted
 * until it is done (written, given up on, shed or lost).
 *
 * <p>Invariant (until the worker is abandoned): {@code offered == done + waiting + fromMemory +
 * lostBeforeSettled}. An entry is admitted only while {@code waiting + inFlight} is within the
 * capacity the {@link OverflowPolicy} allows for its level; {@code inFlight} also counts spooled
 * entries being delivered, so that a sink far behind sheds instead of growing without bound.
 *
 * <p>Threading: not thread-safe; guarded by its {@link SinkWorker}'s lock.
 */
final class Backlog {
  private final int capacity;
  private final OverflowPolicy policy;
  private final ArrayDeque<LogEntry> waiting = new ArrayDeque<>();
  /** Entries offered at or above the sink's level, ever: a barrier's target. */
  private long offered;
  /** Of those, entries settled: written, given up on, shed or lost. */
  private long done;
  /** Entries handed to the sink and not yet settled, from memory or from the spool. */
  private int inFlight;
  /** Of those, the ones from memory (lost if the worker is abandoned). */
  private int fromMemory;
  /**
   * Of the memory batch being delivered, entries already counted as lost at shutdown and taken
   * out of {@link #fromMemory}, so that {@link #abandon} never counts them again.
   */
  private int lostBeforeSettled;

  Backlog(int capacity, OverflowPolicy policy) {
    this.capacity = capacity;
    this.policy = policy;
  }

  int capacity() {
    return capacity;
  }

  /**
   * Counts {@code e} as offered and keeps it if {@code open} and the policy admits it; otherwise
   * it is done at once and the caller counts it as shed. Returns whether it was kept.
   */
  boolean admit(LogEntry e, boolean open) {
    offered++;
    if (!open || !policy.admits(e.level(), waiting.size() + inFlight, capacity)) {
      done++;
      return false;
    }
    waiting.add(e);
    return true;
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** Takes up to {@code max} waiting entries, oldest first, as a batch in flight. */
  List<LogEntry> take(int max) {
    int n = Math.min(waiting.size(), max);
    List<LogEntry> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(waiting.poll());
    }
    inFlight += n;
    fromMemory += n;
    return batch;
  }

  /** A memory batch of {@code n} has been settled (written or given up on). */
  void settledFromMemory(int n) {
    inFlight -= n;
    fromMemory -= n - lostBeforeSettled;
    lostBeforeSettled = 0;
    done += n;
  }

  /** A spooled batch of {@code n} is being delivered ({@code n} &gt; 0) or has settled ({@code n} &lt; 0). */
  void spooledInFlight(int n) {
    inFlight += n;
  }

  /**
   * {@code n} entries of the memory batch in flight are counted as lost at shutdown before it
   * settles; {@link #abandon} must not count them again.
   */
  void lostInFlight(int n) {
    fromMemory -= n;
    lostBeforeSettled += n;
  }

  /** Drops what waits (shutdown deadline passed); returns how many, now done. */
  long dropWaiting() {
    long lost = waiting.size();
    waiting.clear();
    done += lost;
    return lost;
  }

  /** Gives up on what waits and on the memory batch in flight; returns how many, now done. */
  long abandon() {
    long lost = waiting.size() + fromMemory;
    waiting.clear();
    done += lost;
    return lost;
  }

  long offered() {
    return offered;
  }

  long done() {
    return done;
  }

  /** Waiting plus in flight: what stats call the backlog. */
  long size() {
    return waiting.size() + inFlight;
  }

  List<LogEntry> snapshot() {
    return List.copyOf(waiting);
  }
}
