package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.spool.Spool;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dispatcher's side of the spool: appends each flushed batch, forces it to disk on the sync
 * interval (or at once for a waiting ERROR call), applies the size bound with the overflow policy,
 * and on a write failure (disk full, the directory removed) reports it and turns the pipeline
 * memory-only: what was spooled is still delivered, later entries go through memory. It tries the
 * disk again after {@link #FIRST_RETRY_NANOS}, doubling up to {@link #MAX_RETRY_NANOS}, in a new
 * segment ({@link Spool#resume}); the first batch written there turns it back on, reported too.
 *
 * <p>Threading: {@link #append}, {@link #syncIfDue} and {@link #close} on the dispatcher thread;
 * {@link #awaitDurable} on logging threads; {@link #stats} anywhere.
 */
final class SpoolFeed {
  private static final long ERROR_SYNC_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long FIRST_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long MAX_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Spool spool;
  private final OverflowPolicy policy;
  private final long syncIntervalNanos;
  private final boolean syncOnError;
  private final FallbackPrinter fallback;
  private final LevelCounters shed = new LevelCounters();

  /* Why the spool is off now, or null when it is on. */
  private volatile String failure;
  // Dispatcher thread only: when to try the disk again, the wait after that, when it came back.
  private long retryAtNanos;
  private long retryDelayNanos = FIRST_RETRY_NANOS;
  private long backSinceNanos;
  private volatile long writeFailures;
  private volatile long recoveries;
  private long lastSyncNanos = System.nanoTime();
  private volatile long syncs;
  private volatile long appended;

  private final Object durableMonitor = new Object();
  private volatile int waiters;
  private volatile long durablePosition;

  SpoolFeed(Spool spool, PipelineSettings.Spool settings, OverflowPolicy policy, FallbackPrinter fallback) {
    this.spool = spool;
    this.policy = policy;
    this.syncIntervalNanos = settings.syncInterval().toNanos();
    this.syncOnError = settings.syncOnError();
    this.fallback = fallback;
  }

  Spool spool() {
    return spool;
  }

  /**
   * Whether the next batch goes to the spool: while it is off, true once the retry is due and a
   * new segment could be started. Dispatcher thread.
   */
  boolean writable() {
    if (failure == null) {
      return true;
    }
    long now = System.nanoTime();
    if (now - retryAtNanos < 0) {
      return false;
    }
    try {
      spool.resume();
      return true;
    } catch (IOException | RuntimeException e) {
      scheduleRetry(now);
      return false;
    }
  }

  /**
   * Appends the entries the size bound admits and publishes them to the readers. Entries refused
   * at the bound are counted here and for each spooled worker that would have taken them. Returns
   * false when writing failed: nothing of this batch was published, and the caller must hand it
   * to the workers in memory.
   */
  boolean append(List<LogEntry> batch, List<SinkWorker> spooled, long[] starts, long[] ends) {
    try {
      long n = 0;
      int i = -1;
      for (LogEntry e : batch) {
        i++;
        starts[i] = -1;
        Level level = e.level();
        if (!policy.admits(level, spool.bytes(), spool.maxBytes())) {
          shed.increment(level);
          for (SinkWorker w : spooled) {
            w.shedBeforeSpool(level, "spool_full");
          }
          continue;
        }
        byte[] json = LogEntryJson.encodeBytes(e);
        EntryInternals.keepJson(e, json); // the sinks' JSON: encoded once per entry, not once per sink
        starts[i] = spool.append(json);
        ends[i] = starts[i] + Spool.recordSize(json.length);
        n++;
      }
      spool.publish();
      appended += n;
      if (syncIntervalNanos == 0 && !sync()) {
        return true; // published, so delivered from the spool; later batches go through memory
      }
      if (failure != null) {
        back();
      }
      return true;
    } catch (IOException | RuntimeException e) {
      fail("cannot write to the spool in " + spool.directory() + " (" + e
          + "); continuing in memory only: entries already spooled are still delivered, later ones"
          + " are lost if the process dies before they are. Trying again in "
          + TimeUnit.NANOSECONDS.toSeconds(retryDelayNanos) + " s; free disk space or fix spool.dir");
      spool.abandonUnpublished();
      return false;
    }
  }

  /**
   * Forces appended entries to disk when the interval is up (or at once when an ERROR call waits,
   * or when {@code now} is requested); returns milliseconds until the next sync is due, or -1.
   */
  long syncIfDue(boolean force, long consumerPosition) {
    if (failure != null) {
      releaseWaiters(Long.MAX_VALUE);
      return -1;
    }
    boolean waiting = waiters > 0;
    if (spool.hasUnsynced()) {
      long due = lastSyncNanos + syncIntervalNanos - System.nanoTime();
      if (!force && !waiting && due > 0) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(due));
      }
      sync();
    }
    if (waiting) {
      releaseWaiters(consumerPosition);
    }
    return -1;
  }

  boolean hasWaiters() {
    return waiters > 0;
  }

  /** Forces what was written to disk; false (and the spool off) when that failed. */
  private boolean sync() {
    try {
      spool.sync();
      syncs++;
      lastSyncNanos = System.nanoTime();
      return true;
    } catch (IOException | RuntimeException e) {
      fail("cannot force the spool in " + spool.directory() + " to disk (" + e
          + "); continuing in memory only. Trying again in "
          + TimeUnit.NANOSECONDS.toSeconds(retryDelayNanos) + " s; check the disk");
      return false;
    }
  }

  private void releaseWaiters(long position) {
    synchronized (durableMonitor) {
      durablePosition = position;
      durableMonitor.notifyAll();
    }
  }

  /**
   * On a logging thread, after an ERROR event was queued at or before {@code position}: waits until
   * the dispatcher has forced it to disk, at most a second. Only with {@code spool.sync-on-error}.
   */
  void awaitDurable(long position, Runnable wakeDispatcher) {
    if (!syncOnError || failure != null) {
      return;
    }
    long deadline = System.nanoTime() + ERROR_SYNC_WAIT_NANOS;
    synchronized (durableMonitor) {
      waiters++;
      // The dispatcher may have finished its round before it could see this waiter.
      wakeDispatcher.run();
      try {
        while (durablePosition < position && failure == null) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(durableMonitor, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      } finally {
        waiters--;
      }
    }
  }

  /** The spool is off (again): reported when it was on, retried later either way. */
  private void fail(String message) {
    writeFailures++;
    long now = System.nanoTime();
    if (failure == null) {
      if (now - backSinceNanos > MAX_RETRY_NANOS) {
        retryDelayNanos = FIRST_RETRY_NANOS; // it held for a while: a new outage, not flapping
      }
      failure = message;
      fallback.report(message);
      releaseWaiters(Long.MAX_VALUE);
    }
    scheduleRetry(now);
  }

  private void scheduleRetry(long now) {
    retryAtNanos = now + retryDelayNanos;
    retryDelayNanos = Math.min(MAX_RETRY_NANOS, retryDelayNanos * 2);
  }

  /** A batch reached the disk after a failure: the spool is on again. */
  private void back() {
    recoveries++;
    backSinceNanos = System.nanoTime();
    String was = failure;
    failure = null;
    fallback.report("the spool in " + spool.directory() + " is writable again; entries are spooled again"
        + " (it was off: " + was.substring(0, Math.min(was.length(), 120)) + "…)");
  }

  SpoolStats stats() {
    return new SpoolStats(
        failure == null ? "on" : "memory-only: " + failure,
        spool.directory().toString(),
        spool.bytes(),
        spool.maxBytes(),
        appended,
        syncs,
        shed.snapshot(),
        writeFailures,
        recoveries);
  }
}
