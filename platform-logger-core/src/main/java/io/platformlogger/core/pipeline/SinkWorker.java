package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds one sink from its own bounded backlog on its own thread, so a slow, failing or hanging
 * sink never delays the dispatcher or the other sinks. Hands the sink everything pending up to its
 * maximum batch size, retries failed batches with exponential backoff and jitter, isolates entries
 * a sink rejects for good, and keeps the sink's counters.
 *
 * <p>Threading: {@link #offer} is called by the dispatcher, {@link #awaitBarrier} and {@link #stats}
 * by any thread; the sink itself is only ever called from this worker's thread.
 */
final class SinkWorker implements Runnable {
  private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  final LogSink sink;
  final String name;
  private final Level minLevel;
  private final int capacity;
  private final OverflowPolicy policy;
  private final int maxBatch;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final int maxAttempts;
  private final FallbackPrinter fallback;
  private final Clock clock;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock:
  private final ArrayDeque<LogEntry> backlog = new ArrayDeque<>();
  private final List<Barrier> barriers = new ArrayList<>();
  private int inFlight;
  private long accepted;
  private long done;
  private boolean stopping;
  private long stopDeadlineNanos;
  private boolean abandoned;
  private boolean exited;

  private final LevelCounters shed = new LevelCounters();
  private volatile long written;
  private volatile long retries;
  private volatile long failed;
  private volatile long lostAtShutdown;
  private volatile String lastError;
  private volatile java.time.Instant lastErrorAt;
  private volatile long consecutiveFailures;
  private long lastReportNanos;

  SinkWorker(
      LogSink sink,
      Level minLevel,
      int capacity,
      OverflowPolicy policy,
      long initialBackoffNanos,
      long maxBackoffNanos,
      int maxAttempts,
      FallbackPrinter fallback,
      Clock clock) {
    this.sink = sink;
    this.name = safeName(sink);
    this.minLevel = minLevel;
    this.capacity = capacity;
    this.policy = policy;
    this.maxBatch = Math.max(1, safeMaxBatch(sink));
    this.initialBackoffNanos = initialBackoffNanos;
    this.maxBackoffNanos = maxBackoffNanos;
    this.maxAttempts = maxAttempts;
    this.fallback = fallback;
    this.clock = clock;
  }

  private static String safeName(LogSink sink) {
    try {
      String n = sink.name();
      return n != null && !n.isBlank() ? n : sink.getClass().getSimpleName();
    } catch (RuntimeException e) {
      return sink.getClass().getSimpleName();
    }
  }

  private static int safeMaxBatch(LogSink sink) {
    try {
      return sink.maxBatchSize();
    } catch (RuntimeException e) {
      return 1000;
    }
  }

  /** Appends a flushed batch (entries below this sink's level are skipped). Dispatcher thread. */
  void offer(List<LogEntry> batch) {
    lock.lock();
    try {
      boolean added = false;
      for (LogEntry e : batch) {
        if (!e.level().isAtLeast(minLevel)) {
          continue;
        }
        accepted++;
        if (exited || abandoned || !policy.admits(e.level(), backlog.size() + inFlight, capacity)) {
          shed.increment(e.level());
          done++;
        } else {
          backlog.add(e);
          added = true;
        }
      }
      if (added) {
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** A barrier that opens when everything offered so far has been written (or given up on) and the sink flushed. */
  Barrier barrier() {
    lock.lock();
    try {
      Barrier b = new Barrier(accepted);
      if (exited || abandoned) {
        b.latch.countDown();
      } else {
        barriers.add(b);
        changed.signal();
      }
      return b;
    } finally {
      lock.unlock();
    }
  }

  /** Asks the worker to deliver what it has until {@code deadlineNanos}, then close the sink. */
  void stop(long deadlineNanos) {
    lock.lock();
    try {
      stopping = true;
      stopDeadlineNanos = deadlineNanos;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Gives up on a worker that did not finish by the deadline (a hanging sink): whatever it still
   * holds is counted as lost. Returns how many entries that was.
   */
  long abandon() {
    lock.lock();
    try {
      if (exited || abandoned) {
        return 0;
      }
      abandoned = true;
      long lost = backlog.size() + inFlight;
      backlog.clear();
      done += lost;
      lostAtShutdown += lost;
      releaseAllBarriers();
      return lost;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void run() {
    try {
      loop();
    } finally {
      try {
        sink.flush();
      } catch (Throwable t) {
        fallback.report("sink '" + name + "' failed to flush at close: " + describe(t));
      }
      try {
        sink.close();
      } catch (Throwable t) {
        fallback.report("sink '" + name + "' failed to close: " + describe(t));
      }
      lock.lock();
      try {
        exited = true;
        releaseAllBarriers();
      } finally {
        lock.unlock();
      }
    }
  }

  private void loop() {
    while (true) {
      List<Barrier> ready;
      List<LogEntry> batch = null;
      lock.lock();
      try {
        while (backlog.isEmpty() && !stopping && !hasReadyBarrier()) {
          changed.awaitUninterruptibly();
        }
        if (abandoned) {
          return;
        }
        ready = takeReadyBarriers();
        if (ready.isEmpty()) {
          if (backlog.isEmpty()) {
            return; // stopping and drained
          }
          if (stopping && System.nanoTime() - stopDeadlineNanos > 0) {
            long lost = backlog.size();
            backlog.clear();
            done += lost;
            lostAtShutdown += lost;
            return;
          }
          int n = Math.min(backlog.size(), maxBatch);
          batch = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            batch.add(backlog.poll());
          }
          inFlight = n;
        }
      } finally {
        lock.unlock();
      }
      if (batch == null) {
        try {
          sink.flush();
        } catch (Throwable t) {
          recordFailure(t, "flush");
        }
        ready.forEach(b -> b.latch.countDown());
        continue;
      }
      deliver(batch);
      lock.lock();
      try {
        if (!abandoned) {
          inFlight = 0;
          done += batch.size();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private boolean hasReadyBarrier() {
    for (Barrier b : barriers) {
      if (b.target <= done) {
        return true;
      }
    }
    return false;
  }

  private List<Barrier> takeReadyBarriers() {
    List<Barrier> ready = new ArrayList<>(0);
    barriers.removeIf(b -> {
      if (b.target <= done) {
        ready.add(b);
        return true;
      }
      return false;
    });
    return ready;
  }

  private void releaseAllBarriers() {
    barriers.forEach(b -> b.latch.countDown());
    barriers.clear();
  }

  /** Writes the batch, retrying as configured; returns once it is written or given up on. */
  private void deliver(List<LogEntry> batch) {
    long backoff = initialBackoffNanos;
    int attempt = 0;
    while (true) {
      if (abandoned) {
        return;
      }
      try {
        sink.write(batch);
        onSuccess(batch.size(), attempt);
        return;
      } catch (LogSinkException e) {
        if (!e.isRetryable()) {
          recordFailure(e, "write");
          if (batch.size() == 1) {
            failed += 1;
            fallback.report("sink '" + name + "' rejected an entry for good (id " + batch.get(0).id()
                + "), counted as failed: " + describe(e));
            return;
          }
          int half = batch.size() / 2; // isolate the offending entries, write the rest
          deliver(batch.subList(0, half));
          deliver(batch.subList(half, batch.size()));
          return;
        }
        if (!retryOrGiveUp(batch, e, ++attempt, backoff)) {
          return;
        }
      } catch (Throwable e) {
        if (e instanceof InterruptedException && abandoned) {
          return;
        }
        if (!retryOrGiveUp(batch, e, ++attempt, backoff)) {
          return;
        }
      }
      backoff = Math.min(maxBackoffNanos, backoff * 2);
    }
  }

  /** Sleeps before the next attempt and returns true, or counts the batch as lost and returns false. */
  private boolean retryOrGiveUp(List<LogEntry> batch, Throwable e, int attempt, long backoff) {
    recordFailure(e, "write");
    if (maxAttempts > 0 && attempt >= maxAttempts) {
      failed += batch.size();
      fallback.report("sink '" + name + "' gave up on " + batch.size() + " entries after " + attempt
          + " attempts, counted as failed: " + describe(e));
      return false;
    }
    long sleep = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
    boolean stoppingNow;
    long deadline;
    lock.lock();
    try {
      stoppingNow = stopping;
      deadline = stopDeadlineNanos;
    } finally {
      lock.unlock();
    }
    if (stoppingNow && System.nanoTime() + sleep - deadline > 0) {
      countLost(batch.size());
      fallback.report("sink '" + name + "' still failing at shutdown; " + batch.size()
          + " entries not delivered: " + describe(e));
      return false;
    }
    reportThrottled(attempt, sleep, e);
    retries++;
    try {
      TimeUnit.NANOSECONDS.sleep(sleep);
    } catch (InterruptedException ie) {
      countLost(batch.size());
      return false;
    }
    return true;
  }

  /** Counts entries lost at shutdown, unless {@link #abandon} has already counted them. */
  private void countLost(long n) {
    lock.lock();
    try {
      if (!abandoned) {
        lostAtShutdown += n;
      }
    } finally {
      lock.unlock();
    }
  }

  private void onSuccess(int n, int failedAttempts) {
    written += n;
    if (consecutiveFailures > 0) {
      fallback.report("sink '" + name + "' recovered after " + consecutiveFailures + " failed attempts");
      consecutiveFailures = 0;
    }
  }

  private void recordFailure(Throwable e, String what) {
    lastError = what + ": " + describe(e);
    lastErrorAt = clock.instant();
    consecutiveFailures++;
  }

  private void reportThrottled(int attempt, long sleepNanos, Throwable e) {
    long now = System.nanoTime();
    if (attempt == 1 || now - lastReportNanos > REPORT_EVERY_NANOS) {
      lastReportNanos = now;
      fallback.report("sink '" + name + "' write failed (attempt " + attempt + "), retrying in "
          + TimeUnit.NANOSECONDS.toMillis(sleepNanos) + " ms: " + describe(e));
    }
  }

  private static String describe(Throwable t) {
    String m;
    try {
      m = t.getMessage();
    } catch (Throwable ignored) {
      m = null;
    }
    return t.getClass().getName() + (m != null ? ": " + m : "");
  }

  SinkStats stats() {
    long backlogNow;
    lock.lock();
    try {
      backlogNow = backlog.size() + inFlight;
    } finally {
      lock.unlock();
    }
    return new SinkStats(
        name, written, retries, failed, shed.snapshot(), lostAtShutdown, backlogNow, lastError,
        lastErrorAt, consecutiveFailures);
  }

  /** What waits in the backlog, oldest first (tests). */
  List<LogEntry> backlogSnapshot() {
    lock.lock();
    try {
      return List.copyOf(backlog);
    } finally {
      lock.unlock();
    }
  }

  Level minLevel() {
    return minLevel;
  }

  long shedTotal() {
    return shed.total();
  }

  java.util.Map<Level, Long> shedSnapshot() {
    return shed.snapshot();
  }

  /** Opens when the worker has handled everything offered before the barrier was taken. */
  static final class Barrier {
    final long target;
    final CountDownLatch latch = new CountDownLatch(1);

    Barrier(long target) {
      this.target = target;
    }

    boolean await(long timeoutNanos) throws InterruptedException {
      return latch.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }
}
