package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches a sink that acknowledges asynchronously ({@link LogSink#maxBatchesInFlight()} above
 * 1) has been {@linkplain LogSink#send sent} and not yet settled, oldest first.
 *
 * <p>A batch goes <em>sent</em> → <em>awaited</em> → <em>settled</em>: it is sent once there is
 * room, awaited in order, and settled (counted, its spool position saved) only once its delivery
 * has returned. When a delivery fails, every later batch is awaited too (so nothing of them is
 * still on its way) and each one that was not stored goes through the retrying {@link
 * Retrier#deliver} again, oldest first, before anything new is sent.
 *
 * <p>Invariant: at most {@code maxBatchesInFlight} batches are in the window; a spooled batch's
 * position is saved only if every spooled batch before it was settled ({@link #spoolHeld} stops
 * all later saves this run once one was not, at shutdown).
 *
 * <p>Threading: the sink worker's thread only.
 */
final class DeliveryWindow {
  /** A batch sent to the sink and not yet settled; {@code position}: the spool position after it. */
  record Sent(List<LogEntry> batch, boolean fromSpool, long position, Delivery delivery) {}

  /** What settling a batch means for the worker. */
  interface Settlement {
    boolean abandoned();

    /** A memory batch of {@code n} is settled. */
    void settledFromMemory(int n);

    /** A spooled batch of {@code n} is settled; {@code commit}: save {@code position}. */
    void settledFromSpool(int n, long position, boolean commit);
  }

  private final LogSink sink;
  private final int maxBatchesInFlight;
  private final SinkCounters counters;
  private final Retrier retrier;
  private final Settlement settlement;
  private final ArrayDeque<Sent> window = new ArrayDeque<>();
  /** A spooled batch was left unsettled: no later position may be saved this run. */
  private boolean spoolHeld;

  DeliveryWindow(LogSink sink, int maxBatchesInFlight, SinkCounters counters, Retrier retrier, Settlement settlement) {
    this.sink = sink;
    this.maxBatchesInFlight = maxBatchesInFlight;
    this.counters = counters;
    this.retrier = retrier;
    this.settlement = settlement;
  }

  boolean isEmpty() {
    return window.isEmpty();
  }

  /**
   * Sends a batch into the window once there is room for it, awaiting the oldest batches as
   * needed. A send that fails at once settles the whole window before anything else is sent.
   */
  void submit(List<LogEntry> batch, boolean fromSpool, long position) {
    while (window.size() >= maxBatchesInFlight) {
      settleOldest();
    }
    if (settlement.abandoned()) {
      // Given up on while making room (shutdown timed out): close() has counted this batch, or
      // left it in the spool, already; sending it now would reach a sink being closed.
      settle(new Sent(batch, fromSpool, position, Delivery.DONE), false);
      return;
    }
    Delivery delivery;
    boolean failedAtOnce = false;
    if (batch.isEmpty()) {
      delivery = Delivery.DONE; // a spool read that kept nothing: its position is saved in order
    } else {
      if (counters.oldestUndelivered() == 0) {
        counters.oldestUndelivered(batch.get(0).timestamp().toEpochMilli());
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
    window.add(new Sent(batch, fromSpool, position, delivery));
    if (failedAtOnce) {
      drain();
    }
  }

  private static void rethrow(Throwable t) throws Exception {
    if (t instanceof Exception e) {
      throw e;
    }
    throw (Error) t;
  }

  /** Flushes the sink and settles every batch in the window, oldest first. */
  void drain() {
    if (window.isEmpty()) {
      return;
    }
    try {
      sink.flush(); // what lingers in the client's buffer goes now, not after its linger time
    } catch (Throwable t) {
      counters.failure(t, "flush"); // the deliveries will tell what was not stored
    }
    while (!window.isEmpty()) {
      settleOldest();
    }
  }

  /**
   * Awaits the oldest batch in the window. When its delivery failed, every later batch is
   * awaited too and each one that was not stored is redelivered, oldest first.
   */
  private void settleOldest() {
    Sent oldest = window.poll();
    Throwable failure = awaitQuietly(oldest);
    if (failure == null) {
      counters.written(oldest.batch.size());
      settle(oldest, true);
      return;
    }
    counters.failure(failure, "write");
    counters.reportRetry(1, 0, failure);
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
        counters.written(s.batch.size());
        settle(s, true);
      } else {
        redeliver(s);
      }
    }
  }

  private static Throwable awaitQuietly(Sent s) {
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
    counters.retried();
    settle(s, retrier.deliver(s.batch, s.fromSpool));
  }

  /**
   * Counts a batch of the window as done. A spooled batch saves its position, unless one before
   * it was left unsettled (stopped at shutdown): then it stays in the spool, like every later one.
   */
  private void settle(Sent s, boolean settled) {
    Sent next = window.peek();
    counters.oldestUndelivered(
        next != null && !next.batch.isEmpty() ? next.batch.get(0).timestamp().toEpochMilli() : 0);
    if (!s.fromSpool) {
      settlement.settledFromMemory(s.batch.size());
      return;
    }
    if (!settled) {
      spoolHeld = true;
    }
    settlement.settledFromSpool(s.batch.size(), s.position, !spoolHeld);
  }
}
