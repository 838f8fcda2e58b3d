package io.platformlogger.core.pipeline;

import java.util.concurrent.locks.LockSupport;

/**
 * {@code queue.overflow=block}: a caller that found the hand-off queue full waits for room, at
 * most {@code queue.block-timeout}; past that bound it gives up and the entry is shed (counted by
 * the caller), so a logging call never hangs however long the pipeline is stalled.
 *
 * <p>The wait polls: it wakes the dispatcher, parks a short while (doubling from 1 µs up to 100
 * µs, never past the deadline) and offers again. The dispatcher never signals waiters, so its hot
 * path stays free of any waiter bookkeeping; a full queue is the rare case this policy is for.
 *
 * <p>Never used on a thread that the pipeline itself must drain for (its own threads, a sink's
 * client library): the caller ({@link LogPipeline#submit}) decides that before calling {@link
 * #offer}. Thread-safety: stateless apart from its settings; any application thread.
 */
final class QueueWait {
  /** The clock and the parking, separate so that a test can see every wait without timing it. */
  interface Parker {
    long nanoTime();

    void parkNanos(long nanos);

    Parker SYSTEM =
        new Parker() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void parkNanos(long nanos) {
            LockSupport.parkNanos(this, nanos);
          }
        };
  }

  private static final long FIRST_PAUSE_NANOS = 1_000;
  private static final long LONGEST_PAUSE_NANOS = 100_000;

  private final EventQueue queue;
  /** The bound on one call's wait, > 0. */
  private final long timeoutNanos;
  private final Runnable wakeDispatcher;
  private final Parker parker;

  QueueWait(EventQueue queue, long timeoutNanos, Runnable wakeDispatcher, Parker parker) {
    this.queue = queue;
    this.timeoutNanos = timeoutNanos;
    this.wakeDispatcher = wakeDispatcher;
    this.parker = parker;
  }

  /** Offers {@code event}, waiting at most the timeout for room; returns whether it was queued. */
  boolean offer(Object event) {
    long deadline = parker.nanoTime() + timeoutNanos;
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      wakeDispatcher.run();
      long left = deadline - parker.nanoTime();
      if (left <= 0) {
        return false;
      }
      parker.parkNanos(Math.min(pause, left));
      if (queue.offer(event)) {
        return true;
      }
      if (Thread.currentThread().isInterrupted()) {
        return false; // parking returns at once now: shed rather than spin (the flag stays set)
      }
      pause = Math.min(pause << 1, LONGEST_PAUSE_NANOS);
    }
  }
}
