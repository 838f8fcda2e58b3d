package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Failures;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.RetryPolicy;
import io.platformlogger.core.spool.Spool;
import io.platformlogger.core.spool.SpoolReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds one sink on its own thread, so a slow, failing or hanging sink never delays the
 * dispatcher or the other sinks. It delegates each concern to one part and keeps only the loop:
 *
 * <ul>
 *   <li>{@link Backlog}: the bounded in-memory backlog, its overflow policy and the count of what
 *       is done (which barriers wait for);
 *   <li>{@link SpoolSource}: with the spool on, where entries come from instead (tail cache,
 *       decoding, max age, corruption reports, saving the position);
 *   <li>{@link Retrier}: writing a batch with backoff and isolating permanent failures;
 *   <li>{@link DeliveryWindow}: batches sent to a sink that acknowledges asynchronously;
 *   <li>{@link SinkCounters}: the counters and reports.
 * </ul>
 *
 * <p><b>The states of a batch.</b> An entry is <em>offered</em> by the dispatcher ({@link #offer})
 * and waits in the backlog, or is <em>spooled</em> and waits on disk; the worker <em>takes</em> a
 * batch (from the spool first, since the backlog only carries what could not be spooled), hands it
 * to the sink (<em>in flight</em>) and <em>settles</em> it: written, given up on (failed), or, at
 * shutdown, lost (memory) or kept for the next start (spool: its position is not saved). A
 * spooled batch's position is saved only once it is settled. A sink with {@code
 * maxBatchesInFlight > 1} has several batches in flight in its {@link DeliveryWindow}, settled in
 * order.
 *
 * <p><b>The loop's invariant.</b> Each round waits (under {@link #lock}) until there is work — a
 * backlog, spool records, a barrier ready to open, or a stop — then does exactly one thing: opens
 * the ready barriers (after flushing the sink), or delivers one batch from the spool, or one from
 * memory. Nothing is sent while the window is full, and the window is drained before waiting, so
 * no batch stays unacknowledged while the worker sleeps. A barrier opens only when every entry
 * offered before it is done and the spool position has passed the spool's end at that time.
 *
 * <p><b>Stopping.</b> {@link #stop} lets the worker deliver until the deadline, then it drops the
 * backlog (counted as lost) and leaves the rest of the spool for the next start. {@link #abandon}
 * gives up on a worker still busy after the deadline (a hanging sink): what it holds in memory is
 * counted as lost at once, from the closing thread, and the worker counts nothing more.
 *
 * <p>Threading: {@link #offer}, {@link #spoolAdvanced} and {@link #shedBeforeSpool} on the
 * dispatcher thread; {@link #barrier}, {@link #stop}, {@link #abandon} and {@link #stats} on any
 * thread; the sink itself is only ever called from this worker's thread.
 */
final class SinkWorker implements Runnable {
  final LogSink sink;
  final String name;
  /** The sink takes each entry's shared JSON as an array of its own: the dispatcher encodes it once for it. */
  final boolean wantsJson;
  private final Level minLevel;
  private final int maxBatch;
  private final Clock clock;
  private final SinkCounters counters;
  /** Null when this sink is not fed from the spool. */
  private final SpoolSource spool;
  private final Retrier retrier;
  /** Null for a sink that stores synchronously (one batch at a time). */
  private final DeliveryWindow window;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock:
  private final Backlog backlog;
  private final List<Barrier> barriers = new ArrayList<>();
  private boolean stopping;
  private long stopDeadlineNanos;
  /** Written under lock; read without it by the retries, which only need to see it soon. */
  private volatile boolean abandoned;
  private boolean exited;

  /**
   * A worker for {@code sink} at {@code minLevel}; {@code spool} null when the sink is not fed
   * from the spool. The queue settings' sink backlog capacity also bounds the spool tail kept in
   * memory.
   */
  SinkWorker(
      LogSink sink,
      Level minLevel,
      PipelineSettings.Queue queue,
      RetryPolicy retry,
      FromSpool spool,
      FallbackPrinter fallback,
      Clock clock) {
    this.sink = sink;
    this.name = safeName(sink);
    this.wantsJson = safeWantsJson(sink);
    this.minLevel = minLevel;
    this.maxBatch = Math.max(1, safeMaxBatch(sink));
    this.clock = clock;
    this.counters = new SinkCounters(name, fallback, clock);
    this.backlog = new Backlog(queue.sinkBacklogCapacity(), queue.overflow());
    this.spool =
        spool == null
            ? null
            : new SpoolSource(spool.spool(), spool.reader(), minLevel, spool.maxAgeMillis(),
                queue.sinkBacklogCapacity(), counters);
    this.retrier = new Retrier(sink, retry, counters, new Shutdown(), this.spool);
    int maxInFlight = Math.max(1, safeMaxBatchesInFlight(sink));
    this.window =
        maxInFlight > 1 ? new DeliveryWindow(sink, maxInFlight, counters, retrier, new Settlement()) : null;
  }

  /** Where a spooled sink's entries come from: its own reader of {@code spool}. */
  record FromSpool(Spool spool, SpoolReader reader, long maxAgeMillis) {}

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

  private static boolean safeWantsJson(LogSink sink) {
    try {
      return sink.wantsEntryJson();
    } catch (RuntimeException e) {
      return false; // it encodes on its own thread, as it would anyway
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
        counters.enqueued();
        if (backlog.admit(e, !exited && !abandoned)) {
          added = true;
        } else {
          counters.shed(e.level(), "backlog_full");
        }
      }
      if (added) {
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the memory backlog has room for {@code n} more entries (a worker that has exited or
   * been abandoned counts as having room: it sheds, and must not hold the dispatcher). Dispatcher
   * thread, for {@code queue.overflow=block}.
   */
  boolean hasRoomFor(int n) {
    lock.lock();
    try {
      return exited || abandoned || backlog.size() + n <= backlog.capacity();
    } finally {
      lock.unlock();
    }
  }

  /** Whether this worker reads from the spool. */
  boolean spooled() {
    return spool != null;
  }

  /** An entry the dispatcher could not spool (the spool is at its bound). Dispatcher thread. */
  void shedBeforeSpool(Level level, String why) {
    if (level.isAtLeast(minLevel)) {
      counters.enqueued();
      counters.shed(level, why);
    }
  }

  /**
   * The spool has new records: {@code batch[i]} was written at {@code starts[i]} to {@code ends[i]}
   * (start -1: not spooled). See {@link SpoolSource#remember}. Dispatcher thread.
   */
  void spoolAdvanced(List<LogEntry> batch, long[] starts, long[] ends) {
    spool.remember(batch, starts, ends);
    lock.lock();
    try {
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  private boolean spoolPending() {
    return spool != null && spool.pending();
  }

  /** A barrier that opens when everything offered so far has been written (or given up on) and the sink flushed. */
  Barrier barrier() {
    lock.lock();
    try {
      Barrier b = new Barrier(backlog.offered(), spool != null ? spool.end() : 0);
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
      if (spool != null) {
        spool.abandoned(); // not lost: delivered after the next start
      }
      long lost = backlog.abandon();
      counters.lost(lost);
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
        counters.report("failed to flush at close: " + Failures.describe(t));
      }
      try {
        sink.close();
      } catch (Throwable t) {
        counters.report("failed to close: " + Failures.describe(t));
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

  /** What one round of the loop does; decided under the lock, done outside it. */
  private enum Round {
    OPEN_BARRIERS,
    FROM_SPOOL,
    FROM_MEMORY,
    /** Nothing to send now but the window holds batches: settle them, then look again. */
    DRAIN_WINDOW,
    /** The stop deadline passed: settle what is on its way, leave the spool for the next start. */
    EXIT_AFTER_DRAIN,
    EXIT
  }

  private void loop() {
    while (round(true)) {
      // one round at a time: see the class Javadoc for what a round does
    }
  }

  /**
   * Does one round of the loop without waiting for work; what the worker thread does, for tests
   * that drive a worker by hand (no thread, a manual clock). Returns false once the worker has
   * nothing to do or has exited.
   */
  boolean step() {
    return round(false);
  }

  /** One round: settles the window if idle, picks what to do under the lock, does it. False: exit. */
  private boolean round(boolean wait) {
    if (window != null && !window.isEmpty() && !workWaiting()) {
      window.drain(); // nothing more to send for now: have what is on its way acknowledged
    }
    Round round;
    List<Barrier> ready;
    List<LogEntry> batch = null;
    boolean spoolLeft = false;
    lock.lock();
    try {
      while (backlog.isEmpty() && !spoolPending() && !stopping && !hasReadyBarrier()) {
        if (!wait) {
          return false;
        }
        changed.awaitUninterruptibly();
      }
      if (abandoned) {
        return false;
      }
      ready = takeReadyBarriers();
      boolean fromSpool = spoolPending();
      if (!ready.isEmpty()) {
        round = Round.OPEN_BARRIERS;
      } else if (backlog.isEmpty() && !fromSpool) {
        round = window == null || window.isEmpty() ? Round.EXIT : Round.DRAIN_WINDOW; // stopping and drained
      } else if (stopping && System.nanoTime() - stopDeadlineNanos > 0) {
        counters.lost(backlog.dropWaiting());
        spoolLeft = fromSpool; // reported once the window has settled what it can
        round = Round.EXIT_AFTER_DRAIN;
      } else if (fromSpool) {
        round = Round.FROM_SPOOL;
      } else {
        batch = backlog.take(maxBatch);
        round = Round.FROM_MEMORY;
      }
    } finally {
      lock.unlock();
    }
    switch (round) {
      case EXIT:
        return false;
      case DRAIN_WINDOW:
        return true;
      case EXIT_AFTER_DRAIN:
        if (window != null) {
          window.drain();
        }
        if (spoolLeft) {
          spool.keptForNextStart();
        }
        return false;
      case OPEN_BARRIERS:
        try {
          sink.flush();
        } catch (Throwable t) {
          counters.failure(t, "flush");
        }
        ready.forEach(b -> b.latch.countDown());
        return true;
      case FROM_SPOOL:
        deliverFromSpool();
        return true;
      case FROM_MEMORY:
        if (window != null) {
          window.submit(batch, false, 0);
        } else {
          retrier.deliver(batch, false);
          settledFromMemory(batch.size());
        }
        return true;
      default:
        throw new AssertionError(round);
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

  private void settledFromMemory(int n) {
    lock.lock();
    try {
      if (!abandoned) {
        backlog.settledFromMemory(n);
      }
    } finally {
      lock.unlock();
    }
  }

  private void settledFromSpool(int n, long position, boolean commit) {
    lock.lock();
    try {
      backlog.spooledInFlight(-n);
    } finally {
      lock.unlock();
    }
    if (commit) {
      commitSpool(position);
    }
  }

  /** Reads the next batch from the spool, delivers it and saves the position after it. */
  private void deliverFromSpool() {
    SpoolSource.Read read = spool.read(maxBatch, clock.millis());
    List<LogEntry> batch = read.entries();
    lock.lock();
    try {
      backlog.spooledInFlight(batch.size());
    } finally {
      lock.unlock();
    }
    if (window != null) {
      window.submit(batch, true, read.position());
      return;
    }
    boolean settled = true;
    if (!batch.isEmpty()) {
      counters.oldestUndelivered(batch.get(0).timestamp().toEpochMilli());
      settled = retrier.deliver(batch, true);
    }
    lock.lock();
    try {
      backlog.spooledInFlight(-batch.size());
    } finally {
      lock.unlock();
    }
    counters.oldestUndelivered(0);
    if (settled) {
      commitSpool(read.position());
    } // else not delivered: stays on disk for the next run
  }

  /** Saves the spool position after a settled batch; barriers waiting for it may open. */
  private void commitSpool(long position) {
    spool.commit(position);
    lock.lock();
    try {
      changed.signal(); // barriers may be ready now
    } finally {
      lock.unlock();
    }
  }

  /** The retries' view of shutdown: the deadline, and losses counted atomically with {@link #abandon}. */
  private final class Shutdown implements Retrier.Shutdown {
    @Override
    public boolean abandoned() {
      return abandoned;
    }

    @Override
    public boolean deadlineBefore(long nanoTime) {
      lock.lock();
      try {
        return stopping && nanoTime - stopDeadlineNanos > 0;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void lostAtShutdown(int n) {
      lock.lock();
      try {
        if (!abandoned) { // counted here, atomically with abandon()'s count
          counters.lost(n);
          backlog.lostInFlight(n);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** The window's view of settling: memory and spool accounting, under the lock. */
  private final class Settlement implements DeliveryWindow.Settlement {
    @Override
    public boolean abandoned() {
      return abandoned;
    }

    @Override
    public void settledFromMemory(int n) {
      SinkWorker.this.settledFromMemory(n);
    }

    @Override
    public void settledFromSpool(int n, long position, boolean commit) {
      SinkWorker.this.settledFromSpool(n, position, commit);
    }
  }

  private boolean ready(Barrier b) {
    return b.target <= backlog.done() && (spool == null || spool.reached(b.spoolTarget));
  }

  private boolean hasReadyBarrier() {
    for (Barrier b : barriers) {
      if (ready(b)) {
        return true;
      }
    }
    return false;
  }

  private List<Barrier> takeReadyBarriers() {
    List<Barrier> ready = new ArrayList<>(0);
    barriers.removeIf(b -> ready(b) && ready.add(b));
    return ready;
  }

  private void releaseAllBarriers() {
    barriers.forEach(b -> b.latch.countDown());
    barriers.clear();
  }

  SinkStats stats() {
    long backlogNow;
    lock.lock();
    try {
      backlogNow = backlog.size();
    } finally {
      lock.unlock();
    }
    return counters.snapshot(backlogNow, spool != null ? spool.bytesLeft() : 0);
  }

  /** What waits in the backlog, oldest first (tests). */
  List<LogEntry> backlogSnapshot() {
    lock.lock();
    try {
      return backlog.snapshot();
    } finally {
      lock.unlock();
    }
  }

  Level minLevel() {
    return minLevel;
  }

  long shedTotal() {
    return counters.shedTotal();
  }

  Map<Level, Long> shedSnapshot() {
    return counters.shedSnapshot();
  }

  Map<String, Long> shedReasons() {
    return counters.shedReasons();
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
