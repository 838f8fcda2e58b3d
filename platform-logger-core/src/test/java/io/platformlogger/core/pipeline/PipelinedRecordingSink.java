package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A sink for tests of the pipeline's window of unacknowledged batches: {@code send} records the
 * batch and returns a delivery that does what the test's plan says for it (complete, fail, block
 * until released), {@code write} records and stores too. Keeps an event log of sends, awaits,
 * writes and flushes in the order they happened, and the most deliveries ever sent and not yet
 * awaited. Thread-safe.
 */
class PipelinedRecordingSink implements LogSink {
  /** What happens to a batch handed to {@link #send}. */
  enum Outcome {
    /** Stored when sent; the delivery returns at once. */
    COMPLETE,
    /** Not stored; the delivery throws a retryable failure. */
    FAIL_RETRYABLE,
    /** Not stored; the delivery throws a permanent failure. */
    FAIL_PERMANENT,
    /** The delivery waits until {@link #release()}, then the batch is stored. */
    BLOCK,
    /** {@code send} itself throws a retryable failure. */
    THROW_RETRYABLE,
    /** {@code send} itself throws a permanent failure. */
    THROW_PERMANENT
  }

  private final String name;
  private final int maxBatchSize;
  private final int maxBatchesInFlight;
  private volatile boolean maxBatchesInFlightThrows;
  private volatile Function<List<LogEntry>, Outcome> plan = batch -> Outcome.COMPLETE;
  private volatile Predicate<LogEntry> rejectedByWrite = e -> false;
  private volatile boolean writeFails;
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch blockedAwaitStarted = new CountDownLatch(1);

  // Guarded by this:
  private final List<List<LogEntry>> sent = new ArrayList<>();
  private final List<List<LogEntry>> writes = new ArrayList<>();
  private final List<LogEntry> stored = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private int unawaited;
  private int maxUnawaited;
  private int awaitedTwice;
  private boolean closed;

  PipelinedRecordingSink(String name, int maxBatchSize, int maxBatchesInFlight) {
    this.name = name;
    this.maxBatchSize = maxBatchSize;
    this.maxBatchesInFlight = maxBatchesInFlight;
  }

  /** Decides the outcome of every later {@code send} from its batch. */
  PipelinedRecordingSink plan(Function<List<LogEntry>, Outcome> plan) {
    this.plan = plan;
    return this;
  }

  /** The outcome for a batch holding an entry with that message; every other batch completes. */
  PipelinedRecordingSink whenSent(String message, Outcome outcome) {
    Function<List<LogEntry>, Outcome> before = plan;
    return plan(batch -> holds(batch, message) ? outcome : before.apply(batch));
  }

  /** {@code write} fails permanently for a batch holding an entry that matches. */
  PipelinedRecordingSink writeRejects(Predicate<LogEntry> rejected) {
    this.rejectedByWrite = rejected;
    return this;
  }

  /** Every {@code write} fails with a retryable error: the store is down. */
  PipelinedRecordingSink writeFails() {
    this.writeFails = true;
    return this;
  }

  /** {@link #maxBatchesInFlight()} throws instead of answering. */
  PipelinedRecordingSink maxBatchesInFlightThrows() {
    this.maxBatchesInFlightThrows = true;
    return this;
  }

  /** Lets every blocked delivery complete. */
  void release() {
    released.countDown();
  }

  /** Waits until a delivery planned to block is being awaited; false at the deadline. */
  boolean awaitBlockedDelivery(java.time.Duration timeout) throws InterruptedException {
    return blockedAwaitStarted.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private static boolean holds(List<LogEntry> batch, String message) {
    return batch.stream().anyMatch(e -> e.message().equals(message));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public int maxBatchesInFlight() {
    if (maxBatchesInFlightThrows) {
      throw new IllegalStateException("no answer");
    }
    return maxBatchesInFlight;
  }

  @Override
  public Delivery send(List<LogEntry> batch) throws Exception {
    List<LogEntry> copy = List.copyOf(batch);
    Outcome outcome = plan.apply(copy);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      sent.add(copy);
      events.add("send " + messages(copy));
      switch (outcome) {
        case THROW_RETRYABLE:
          throw LogSinkException.retryable("send refused " + messages(copy), null);
        case THROW_PERMANENT:
          throw LogSinkException.permanent("send rejected " + messages(copy), null);
        case COMPLETE:
          stored.addAll(copy);
          break;
        default:
          break;
      }
      unawaited++;
      maxUnawaited = Math.max(maxUnawaited, unawaited);
    }
    boolean[] awaited = new boolean[1];
    return () -> {
      synchronized (this) {
        if (awaited[0]) {
          awaitedTwice++;
          return;
        }
        awaited[0] = true;
      }
      try {
        switch (outcome) {
          case FAIL_RETRYABLE:
            throw LogSinkException.retryable("delivery failed " + messages(copy), null);
          case FAIL_PERMANENT:
            throw LogSinkException.permanent("delivery rejected " + messages(copy), null);
          case BLOCK:
            blockedAwaitStarted.countDown();
            released.await();
            synchronized (this) {
              stored.addAll(copy);
            }
            break;
          default:
            break;
        }
        synchronized (this) {
          events.add("delivered " + messages(copy));
        }
      } finally {
        synchronized (this) {
          unawaited--;
        }
      }
    };
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws Exception {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    List<LogEntry> copy = List.copyOf(batch);
    events.add("write " + messages(copy));
    if (writeFails) {
      throw new java.io.IOException("store down");
    }
    if (copy.stream().anyMatch(rejectedByWrite)) {
      throw LogSinkException.permanent("write rejected " + messages(copy), null);
    }
    writes.add(copy);
    stored.addAll(copy);
  }

  @Override
  public synchronized void flush() {
    events.add("flush");
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** Adds a line to the event log, for the test's own steps. */
  synchronized void note(String event) {
    events.add(event);
  }

  synchronized List<List<LogEntry>> sent() {
    return List.copyOf(sent);
  }

  /** The batches {@code write} stored, in order. */
  synchronized List<List<String>> writes() {
    List<List<String>> w = new ArrayList<>();
    writes.forEach(b -> w.add(messages(b)));
    return w;
  }

  /** The messages of the entries sent, in sending order. */
  synchronized List<String> sentMessages() {
    List<String> m = new ArrayList<>();
    sent.forEach(b -> m.addAll(messages(b)));
    return m;
  }

  /** The messages of every entry stored, in the order they were stored. */
  synchronized List<String> storedMessages() {
    return messages(stored);
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized int maxUnawaited() {
    return maxUnawaited;
  }

  synchronized int unawaited() {
    return unawaited;
  }

  synchronized int awaitedTwice() {
    return awaitedTwice;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private static List<String> messages(List<LogEntry> batch) {
    List<String> m = new ArrayList<>(batch.size());
    batch.forEach(e -> m.add(e.message()));
    return m;
  }
}
