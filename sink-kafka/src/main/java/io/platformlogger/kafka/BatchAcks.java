package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSinkException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The acknowledgements of one batch's records, counted as the producer reports them: the {@link
 * Delivery} {@link KafkaLogSink#send} returns. Awaiting it waits once for the whole batch instead
 * of once per record's future (each {@code Future.get} builds the record's metadata again and
 * takes a latch: about a sixth of the sink thread's own work per record in the profile); only a
 * batch with a failure or a timeout looks at the futures one by one, to name the first entry that
 * was not stored and say whether a retry can help, exactly as before.
 *
 * <p>Threading: {@link #onCompletion} runs on the producer's I/O thread (or on the sending thread
 * when a send fails at once), once per record; everything else on the sink's thread, which sends
 * the batch and later awaits it.
 */
final class BatchAcks implements Callback, Delivery {
  private final List<LogEntry> batch;
  /** The record futures by position in the batch; filled while sending, read when awaiting. */
  private final Future<RecordMetadata>[] futures;
  /** Records neither acknowledged nor failed yet; {@link #done} opens when it reaches 0. */
  private final AtomicInteger pending;

  private final CountDownLatch done = new CountDownLatch(1);
  /** Some record failed; written before its count goes down, so seen once {@link #done} opened. */
  private volatile boolean failed;
  /** When the sink stops waiting for the broker (System.nanoTime); set once every record is sent. */
  private long deadline;

  @SuppressWarnings("unchecked")
  BatchAcks(List<LogEntry> batch) {
    this.batch = batch;
    this.futures = new Future[batch.size()];
    this.pending = new AtomicInteger(batch.size());
  }

  /** Records the future of the record at {@code index}, the one sent with this callback. */
  void sent(int index, Future<RecordMetadata> future) {
    futures[index] = future;
  }

  /** Every record is sent; {@link #await} gives up at {@code deadlineNanos}. */
  void allSent(long deadlineNanos) {
    this.deadline = deadlineNanos;
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      failed = true;
    }
    if (pending.decrementAndGet() == 0) {
      done.countDown();
    }
  }

  @Override
  public void await() throws LogSinkException {
    boolean complete;
    try {
      complete = done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw LogSinkException.retryable("interrupted while waiting for Kafka", ex);
    }
    if (complete && !failed) {
      return;
    }
    // Which entry, and whether for good: the first record, in batch order, that was not stored.
    for (int i = 0; i < futures.length; i++) {
      KafkaLogSink.await(futures[i], deadline, batch.get(i));
    }
    // Unreachable while the futures agree with the callbacks, as the producer completes both alike.
    throw LogSinkException.retryable("Kafka reported a failed record in the batch", null);
  }
}
