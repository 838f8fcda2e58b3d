package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.core.spool.Spool;
import io.platformlogger.core.spool.SpoolReader;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds one sink from its own bounded backlog on its own thread, so a slow, failing or hanging
 * sink never delays the dispatcher or the other sinks. Hands the sink everything pending up to its
 * maximum batch size, retries failed batches with exponential backoff and jitter, isolates entries
 * a sink rejects for good, and keeps the sink's counters.
 *
 * <p>With the spool on, the worker reads its entries from its own {@link SpoolReader} instead of
 * the in-memory backlog and saves its position after every batch it has finished; entries still
 * on disk at shutdown are kept for the next run, not lost. The memory backlog then only carries
 * what the dispatcher could not spool (after a disk failure), always after everything spooled.
 *
 * <p>A sink that acknowledges asynchronously ({@link LogSink#maxBatchesInFlight()} above 1) gets
 * its batches through {@link LogSink#send}: up to that many are on their way at once, awaited in
 * order, and a batch counts as done (and moves the spool position) only once its delivery has
 * returned. A failed delivery sends that batch and every later one not stored through the
 * ordinary retrying {@link LogSink#write} path, oldest first.
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
  /** Batches the sink may have sent but not yet acknowledged; 1: synchronous writes. */
  private final int maxBatchesInFlight;
  /** Sent batches whose deliveries are not awaited yet, oldest first. Worker thread only. */
  private final ArrayDeque<Sent> window = new ArrayDeque<>();
  /** A spooled batch was left unsettled: no later position may be saved this run. Worker thread only. */
  private boolean spoolHeld;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final int maxAttempts;
  private final FallbackPrinter fallback;
  private final Clock clock;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock:
  private final ArrayDeque<LogEntry> backlog = new ArrayDeque<>();
  /** Entries just spooled, with their positions: read from here instead of from disk when they are next. */
  private final ArrayDeque<Spooled> tail = new ArrayDeque<>();
  private final List<Barrier> barriers = new ArrayList<>();
  /** Entries handed to the sink and not yet settled: the batch being written plus the window. */
  private int inFlight;
  /** Of those, the ones from the memory backlog (lost if the worker is abandoned). */
  private int inFlightFromMemory;
  /**
   * Of the memory batch being delivered, entries already counted as lost at shutdown and taken
   * out of {@link #inFlightFromMemory}, so that {@link #abandon} never counts them again.
   */
  private int lostBeforeSettled;
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

  // Spool (null reader: memory only).
  private final SpoolReader reader;
  private final Spool spool;
  private final long maxAgeMillis;
  private volatile boolean spoolBroken;
  private volatile long spoolDone;
  private boolean inFlightFromSpool;
  private boolean keepForNextRun;
  private long seenCorrupt;
  private volatile long oldestUndeliveredMillis;
  private final LongAdder enqueued = new LongAdder();
  private final LongAdder spooled = new LongAdder();
  private final LongAdder replayed = new LongAdder();
  private final Map<String, LongAdder> shedByReason = new ConcurrentHashMap<>();
  private volatile long leftInSpool;

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
    this(sink, minLevel, capacity, policy, initialBackoffNanos, maxBackoffNanos, maxAttempts, fallback, clock,
        null, null, 0);
  }

  SinkWorker(
      LogSink sink,
      Level minLevel,
      int capacity,
      OverflowPolicy policy,
      long initialBackoffNanos,
      long maxBackoffNanos,
      int maxAttempts,
      FallbackPrinter fallback,
      Clock clock,
      Spool spool,
      SpoolReader reader,
      long maxAgeMillis) {
    this.spool = spool;
    this.reader = reader;
    this.maxAgeMillis = maxAgeMillis;
    this.spoolDone = reader != null ? reader.committed() : 0;
    this.sink = sink;
    this.name = safeName(sink);
    this.minLevel = minLevel;
    this.capacity = capacity;
    this.policy = policy;
    this.maxBatch = Math.max(1, safeMaxBatch(sink));
    this.maxBatchesInFlight = Math.max(1, safeMaxBatchesInFlight(sink));
    this.initialBackoffNanos = initialBackoffNanos;
    this.maxBackoffNanos = maxBackoffNanos;
    this.maxAttempts = maxAttempts;
    this.fallback = fallback;
    this.clock = clock;
  }

  static String safeName(LogSink sink) {
    try {
      String n = sink.name();
      return n != null && !n.isBlank() ? n : sink.getClass().getSimpleName();
    } catch (RuntimeException e) {
      return sink.getClass().getSimpleName();
    }
  }

  private static int safeMaxBatchesInFlight(LogSink sink) {
    try {
      return sink.maxBatchesInFlight();
    } catch (RuntimeException e) {
      return 1;
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
        enqueued.increment();
        if (exited || abandoned || !policy.admits(e.level(), backlog.size() + inFlight, capacity)) {
          reason("backlog_full", 1); // the reason first: a reader who sees the total sees its reason
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

  /** Whether this worker reads from the spool. */
  boolean spooled() {
    return reader != null;
  }

  /** An entry the dispatcher could not spool (the spool is at its bound). Dispatcher thread. */
  void shedBeforeSpool(Level level, String why) {
    if (level.isAtLeast(minLevel)) {
      enqueued.increment();
      reason(why, 1);
      shed.increment(level);
    }
  }

  /**
   * The spool has new records: {@code batch[i]} was written at {@code starts[i]} to {@code ends[i]}
   * (start -1: not spooled). Kept in memory, up to the backlog capacity, so that a sink keeping up
   * takes them from here and only a sink that fell behind reads them back from disk. Dispatcher
   * thread.
   */
  void spoolAdvanced(List<LogEntry> batch, long[] starts, long[] ends) {
    lock.lock();
    try {
      for (int i = 0; i < batch.size(); i++) {
        if (starts[i] >= 0 && tail.size() < capacity) {
          tail.add(new Spooled(batch.get(i), starts[i], ends[i]));
        }
      }
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  private void reason(String why, long n) {
    shedByReason.computeIfAbsent(why, k -> new LongAdder()).add(n);
  }

  private boolean spoolPending() {
    return reader != null && !spoolBroken && reader.position() < spool.end();
  }

  /** A barrier that opens when everything offered so far has been written (or given up on) and the sink flushed. */
  Barrier barrier() {
    lock.lock();
    try {
      Barrier b = new Barrier(accepted, reader != null ? spool.end() : 0);
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
      if (reader != null && !spoolBroken) {
        leftInSpool = spool.bytesAfter(spoolDone); // not lost: delivered after the next start
      }
      long lost = backlog.size() + inFlightFromMemory;
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
      if (!window.isEmpty() && !workWaiting()) {
        drainWindow(); // nothing more to send for now: have what is on its way acknowledged
      }
      List<Barrier> ready;
      List<LogEntry> batch = null;
      boolean exitAfterDrain = false;
      boolean spoolLeft = false;
      lock.lock();
      try {
        while (backlog.isEmpty() && !spoolPending() && !stopping && !hasReadyBarrier()) {
          changed.awaitUninterruptibly();
        }
        if (abandoned) {
          return;
        }
        ready = takeReadyBarriers();
        boolean fromSpool = spoolPending();
        if (ready.isEmpty()) {
          if (backlog.isEmpty() && !fromSpool) {
            if (window.isEmpty()) {
              return; // stopping and drained
            }
            continue; // drain the window first
          }
          if (stopping && System.nanoTime() - stopDeadlineNanos > 0) {
            long lost = backlog.size();
            backlog.clear();
            done += lost;
            lostAtShutdown += lost;
            spoolLeft = fromSpool; // reported once the window has settled what it can
            exitAfterDrain = true;
          }
          if (fromSpool) {
            inFlightFromSpool = true;
          }
        }
        if (ready.isEmpty() && !fromSpool && !exitAfterDrain) {
          int n = Math.min(backlog.size(), maxBatch);
          batch = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            batch.add(backlog.poll());
          }
          inFlight += n;
          inFlightFromMemory += n;
        }
      } finally {
        lock.unlock();
      }
      if (exitAfterDrain) {
        drainWindow();
        if (spoolLeft) {
          noteLeftInSpool();
        }
        return;
      }
      if (batch == null && ready.isEmpty()) {
        deliverFromSpool();
        continue;
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
      if (maxBatchesInFlight > 1) {
        submit(new Sent(batch, false, 0));
      } else {
        deliver(batch);
        settleFromMemory(batch.size());
      }
    }
  }

  private boolean workWaiting() {
    lock.lock();
    try {
      return !backlog.isEmpty() || (spoolPending() && !abandoned);
    } finally {
      lock.unlock();
    }
  }

  private boolean isAbandoned() {
    lock.lock();
    try {
      return abandoned;
    } finally {
      lock.unlock();
    }
  }

  private void settleFromMemory(int n) {
    lock.lock();
    try {
      if (!abandoned) {
        inFlight -= n;
        inFlightFromMemory -= n - lostBeforeSettled;
        lostBeforeSettled = 0;
        done += n;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Reads the next batch from the spool, delivers it and saves the position after it. */
  private void deliverFromSpool() {
    List<LogEntry> batch = new ArrayList<>();
    long now = clock.millis();
    try {
      while (batch.size() < maxBatch) {
        LogEntry e = fromTail();
        if (e == null) {
          byte[] record = reader.next();
          if (record == null) {
            break;
          }
          try {
            e = LogEntryJson.decode(record);
            EntryInternals.keepJson(e, record); // our own encoding of e: a JSON sink sends it as is
          } catch (RuntimeException undecodable) {
            reason("spool_corrupt", 1); // an intact checksum over bytes that are not an entry
            continue;
          }
        }
        if (!e.level().isAtLeast(minLevel)) {
          continue;
        }
        enqueued.increment();
        spooled.increment();
        if (reader.lastWasReplay()) {
          replayed.increment();
        }
        if (maxAgeMillis > 0 && now - e.timestamp().toEpochMilli() > maxAgeMillis) {
          reason("spool_max_age", 1);
          shed.increment(e.level());
          continue;
        }
        batch.add(e);
      }
    } catch (IOException | RuntimeException readFailure) {
      spoolBroken = true;
      fallback.report("sink '" + name + "' cannot read the spool (" + describe(readFailure)
          + "); what is left there is delivered after a restart");
    }
    long corrupt = reader.corruptRegions();
    if (corrupt != seenCorrupt) {
      reason("spool_corrupt", corrupt - seenCorrupt);
      fallback.report("sink '" + name + "': skipped " + (corrupt - seenCorrupt) + " corrupt or torn region(s) in the spool ("
          + reader.corruptBytes() + " bytes so far); the records after them are delivered");
      seenCorrupt = corrupt;
    }
    long position = reader.position();
    keepForNextRun = false;
    lock.lock();
    try {
      inFlight += batch.size();
    } finally {
      lock.unlock();
    }
    if (maxBatchesInFlight > 1) {
      lock.lock();
      try {
        inFlightFromSpool = false;
      } finally {
        lock.unlock();
      }
      submit(new Sent(batch, true, position));
      return;
    }
    boolean settled = true;
    if (!batch.isEmpty()) {
      oldestUndeliveredMillis = batch.get(0).timestamp().toEpochMilli();
      settled = deliver(batch);
    }
    lock.lock();
    try {
      inFlight -= batch.size();
      inFlightFromSpool = false;
    } finally {
      lock.unlock();
    }
    oldestUndeliveredMillis = 0;
    if (keepForNextRun || !settled) {
      return; // not delivered: stays on disk for the next run
    }
    commitSpool(position);
  }

  /** Saves the spool position after a settled batch; barriers waiting for it may open. */
  private void commitSpool(long position) {
    try {
      reader.commit(position);
    } catch (IOException | RuntimeException e) {
      if (!spoolBroken) {
        fallback.report("sink '" + name + "' cannot save its spool position (" + describe(e)
            + "); after a restart it may receive some entries again");
      }
    }
    spoolDone = position;
    lock.lock();
    try {
      changed.signal(); // barriers may be ready now
    } finally {
      lock.unlock();
    }
  }

  /** The next record from memory when it is the reader's next one; drops what the reader has passed. */
  private LogEntry fromTail() {
    lock.lock();
    try {
      Spooled s;
      while ((s = tail.peek()) != null) {
        if (reader.skip(s.start, s.end)) {
          tail.poll();
          return s.entry;
        }
        if (s.end <= reader.position()) {
          tail.poll(); // read from disk already
          continue;
        }
        return null; // an earlier record comes first: from disk
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  private record Spooled(LogEntry entry, long start, long end) {}

  /** A batch sent to the sink and not yet settled; {@code position}: the spool position after it. */
  private record Sent(List<LogEntry> batch, boolean fromSpool, long position, Delivery delivery) {
    Sent(List<LogEntry> batch, boolean fromSpool, long position) {
      this(batch, fromSpool, position, null);
    }
  }

  /**
   * Sends a batch into the window once there is room for it, awaiting the oldest batches as
   * needed. A send that fails at once settles the whole window before anything else is sent.
   */
  private void submit(Sent unsent) {
    while (window.size() >= maxBatchesInFlight) {
      settleOldest();
    }
    if (isAbandoned()) {
      // Given up on while making room (shutdown timed out): close() has counted this batch, or
      // left it in the spool, already; sending it now would reach a sink being closed.
      settle(unsent, false);
      return;
    }
    List<LogEntry> batch = unsent.batch;
    Delivery delivery;
    boolean failedAtOnce = false;
    if (batch.isEmpty()) {
      delivery = Delivery.DONE; // a spool read that kept nothing: its position is saved in order
    } else {
      if (oldestUndeliveredMillis == 0) {
        oldestUndeliveredMillis = batch.get(0).timestamp().toEpochMilli();
      }
      try {
        delivery = sink.send(batch);
        if (delivery == null) {
          throw new IllegalStateException("sink returned no Delivery from send");
        }
      } catch (Throwable t) {
        delivery = () -> rethrow(t);
        failedAtOnce = true;
      }
    }
    window.add(new Sent(batch, unsent.fromSpool, unsent.position, delivery));
    if (failedAtOnce) {
      drainWindow();
    }
  }

  private static void rethrow(Throwable t) throws Exception {
    if (t instanceof Exception e) {
      throw e;
    }
    throw (Error) t;
  }

  /** Flushes the sink and settles every batch in the window, oldest first. */
  private void drainWindow() {
    if (window.isEmpty()) {
      return;
    }
    try {
      sink.flush(); // what lingers in the client's buffer goes now, not after its linger time
    } catch (Throwable t) {
      recordFailure(t, "flush"); // the deliveries will tell what was not stored
    }
    while (!window.isEmpty()) {
      settleOldest();
    }
  }

  /**
   * Awaits the oldest batch in the window. When its delivery failed, every later batch is
   * awaited too (so nothing of them is still on its way) and each one that was not stored goes
   * through {@link #deliver} again, oldest first, before anything new is sent.
   */
  private void settleOldest() {
    Sent oldest = window.poll();
    Throwable failure = awaitQuietly(oldest);
    if (failure == null) {
      onSuccess(oldest.batch.size(), 0);
      settle(oldest, true);
      return;
    }
    recordFailure(failure, "write");
    reportThrottled(1, 0, failure);
    List<Sent> later = new ArrayList<>(window);
    window.clear();
    List<Throwable> laterFailures = new ArrayList<>(later.size());
    for (Sent s : later) {
      laterFailures.add(awaitQuietly(s));
    }
    redeliver(oldest);
    for (int i = 0; i < later.size(); i++) {
      Sent s = later.get(i);
      if (laterFailures.get(i) == null) {
        onSuccess(s.batch.size(), 0);
        settle(s, true);
      } else {
        redeliver(s);
      }
    }
  }

  private Throwable awaitQuietly(Sent s) {
    try {
      s.delivery.await();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  /** Writes a batch whose delivery failed through the retrying path, then settles it. */
  private void redeliver(Sent s) {
    if (s.batch.isEmpty()) {
      settle(s, true);
      return;
    }
    lock.lock();
    try {
      inFlightFromSpool = s.fromSpool;
    } finally {
      lock.unlock();
    }
    keepForNextRun = false;
    retries++;
    boolean settled = deliver(s.batch) && !keepForNextRun;
    lock.lock();
    try {
      inFlightFromSpool = false;
    } finally {
      lock.unlock();
    }
    settle(s, settled);
  }

  /**
   * Counts a batch of the window as done. A spooled batch saves its position, unless one before
   * it was left unsettled (stopped at shutdown): then it stays in the spool, like every later one.
   */
  private void settle(Sent s, boolean settled) {
    Sent next = window.peek();
    oldestUndeliveredMillis =
        next != null && !next.batch.isEmpty() ? next.batch.get(0).timestamp().toEpochMilli() : 0;
    if (!s.fromSpool) {
      settleFromMemory(s.batch.size());
      return;
    }
    lock.lock();
    try {
      inFlight -= s.batch.size();
    } finally {
      lock.unlock();
    }
    if (!settled) {
      spoolHeld = true;
    }
    if (!spoolHeld) {
      commitSpool(s.position);
    }
  }

  private void noteLeftInSpool() {
    long left = spool.bytesAfter(spoolDone);
    leftInSpool = left;
    fallback.report("sink '" + name + "' did not finish by the shutdown deadline; " + left
        + " bytes of its entries stay in the spool and are delivered after the next start");
  }

  private boolean hasReadyBarrier() {
    for (Barrier b : barriers) {
      if (b.target <= done && (reader == null || spoolBroken || spoolDone >= b.spoolTarget)) {
        return true;
      }
    }
    return false;
  }

  private List<Barrier> takeReadyBarriers() {
    List<Barrier> ready = new ArrayList<>(0);
    barriers.removeIf(b -> {
      if (b.target <= done && (reader == null || spoolBroken || spoolDone >= b.spoolTarget)) {
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

  /**
   * Writes the batch, retrying as configured. Returns true once every entry is settled (written,
   * or given up on and counted as failed); false when it stopped without settling them (the
   * worker was abandoned or shut down meanwhile), so a spooled batch must stay in the spool.
   */
  private boolean deliver(List<LogEntry> batch) {
    long backoff = initialBackoffNanos;
    int attempt = 0;
    while (true) {
      if (abandoned) {
        return false;
      }
      Attempt next;
      try {
        sink.write(batch);
        onSuccess(batch.size(), attempt);
        return true;
      } catch (LogSinkException e) {
        if (!e.isRetryable()) {
          recordFailure(e, "write");
          if (batch.size() == 1) {
            failed += 1;
            fallback.report("sink '" + name + "' rejected an entry for good (id " + batch.get(0).id()
                + "), counted as failed: " + describe(e));
            return true;
          }
          int half = batch.size() / 2; // isolate the offending entries, write the rest
          boolean first = deliver(batch.subList(0, half));
          boolean second = deliver(batch.subList(half, batch.size()));
          return first && second;
        }
        next = retryOrGiveUp(batch, e, ++attempt, backoff);
      } catch (Throwable e) {
        if (e instanceof InterruptedException && abandoned) {
          return false;
        }
        next = retryOrGiveUp(batch, e, ++attempt, backoff);
      }
      if (next != Attempt.RETRY) {
        return next == Attempt.FAILED;
      }
      backoff = Math.min(maxBackoffNanos, backoff * 2);
    }
  }

  /** What follows a failed attempt. */
  private enum Attempt {
    RETRY,
    /** Given up on and counted as failed: settled. */
    FAILED,
    /** Stopped by shutdown: neither written nor failed. */
    STOPPED
  }

  /** Sleeps before the next attempt, or counts the batch as failed, or as not delivered at shutdown. */
  private Attempt retryOrGiveUp(List<LogEntry> batch, Throwable e, int attempt, long backoff) {
    recordFailure(e, "write");
    if (maxAttempts > 0 && attempt >= maxAttempts) {
      failed += batch.size();
      fallback.report("sink '" + name + "' gave up on " + batch.size() + " entries after " + attempt
          + " attempts, counted as failed: " + describe(e));
      return Attempt.FAILED;
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
          + (inFlightFromSpool ? " entries stay in the spool for the next start: " : " entries not delivered: ")
          + describe(e));
      if (inFlightFromSpool) {
        noteLeftInSpool();
      }
      return Attempt.STOPPED;
    }
    reportThrottled(attempt, sleep, e);
    retries++;
    try {
      TimeUnit.NANOSECONDS.sleep(sleep);
    } catch (InterruptedException ie) {
      countLost(batch.size());
      return Attempt.STOPPED;
    }
    return Attempt.RETRY;
  }

  /** Counts entries lost at shutdown, unless {@link #abandon} has already counted them. */
  private void countLost(long n) {
    lock.lock();
    try {
      if (inFlightFromSpool) {
        keepForNextRun = true;
      } else if (!abandoned) {
        lostAtShutdown += n;
        inFlightFromMemory -= (int) n; // counted here, atomically with abandon()'s count
        lostBeforeSettled += (int) n;
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
    Map<String, Long> reasons = new TreeMap<>();
    shedByReason.forEach((k, v) -> reasons.put(k, v.sum()));
    long oldest = oldestUndeliveredMillis;
    return new SinkStats(
        name, written, retries, failed, shed.snapshot(), lostAtShutdown, backlogNow, lastError,
        lastErrorAt, consecutiveFailures, enqueued.sum(), spooled.sum(), replayed.sum(),
        java.util.Collections.unmodifiableMap(reasons), reader != null ? spool.bytesAfter(spoolDone) : 0,
        oldest == 0 ? null : java.time.Instant.ofEpochMilli(oldest), leftInSpool);
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

  Map<String, Long> shedReasons() {
    Map<String, Long> reasons = new TreeMap<>();
    shedByReason.forEach((k, v) -> reasons.put(k, v.sum()));
    return reasons;
  }

  /** Opens when the worker has handled everything offered before the barrier was taken. */
  static final class Barrier {
    final long target;
    final long spoolTarget;
    final CountDownLatch latch = new CountDownLatch(1);

    Barrier(long target, long spoolTarget) {
      this.target = target;
      this.spoolTarget = spoolTarget;
    }

    boolean await(long timeoutNanos) throws InterruptedException {
      return latch.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }
}
