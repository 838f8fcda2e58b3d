package io.platformlogger.core.sink;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy for writing batches to a {@link LogSink}, used by the pipeline's sink
 * workers and by the Kafka ingestor: a failed write is tried again after a backoff that doubles
 * from {@code initialBackoff} up to {@code maxBackoff}, each wait drawn at random from its upper
 * half (jitter, so that many writers do not retry in step), until it succeeds, the attempts run
 * out ({@code maxAttempts}, 0 for no limit) or the caller stops; a {@linkplain
 * LogSinkException#permanent permanent} failure is isolated instead, by halving the batch until
 * the entries that fail alone are found, and everything else is written.
 *
 * <p>What a failure means for the caller (counted, reported, dead-lettered, kept for the next run)
 * is decided by its {@link Attempts}. Immutable; {@link #write} runs on the caller's thread and
 * calls back on it.
 */
public final class RetryPolicy {
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final int maxAttempts;

  private RetryPolicy(long initialBackoffNanos, long maxBackoffNanos, int maxAttempts) {
    if (initialBackoffNanos <= 0 || maxBackoffNanos < initialBackoffNanos || maxAttempts < 0) {
      throw new IllegalArgumentException("backoff must be positive, at most its maximum; attempts at least 0");
    }
    this.initialBackoffNanos = initialBackoffNanos;
    this.maxBackoffNanos = maxBackoffNanos;
    this.maxAttempts = maxAttempts;
  }

  /** Backoff from {@code initialBackoff} doubling to {@code maxBackoff}; {@code maxAttempts} 0: no limit. */
  public static RetryPolicy of(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
    return new RetryPolicy(initialBackoff.toNanos(), maxBackoff.toNanos(), maxAttempts);
  }

  public Duration initialBackoff() {
    return Duration.ofNanos(initialBackoffNanos);
  }

  public Duration maxBackoff() {
    return Duration.ofNanos(maxBackoffNanos);
  }

  /** Attempts per batch before it is given up on; 0: no limit. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the next attempt: drawn from the upper half of {@code backoffNanos}. */
  public static long jittered(long backoffNanos) {
    return backoffNanos / 2 + ThreadLocalRandom.current().nextLong(backoffNanos / 2 + 1);
  }

  /** The backoff after {@code backoffNanos}: doubled, at most the maximum. */
  public long next(long backoffNanos) {
    return Math.min(maxBackoffNanos, backoffNanos * 2);
  }

  /** The backoff before the second attempt (the first retry). */
  public long firstBackoffNanos() {
    return initialBackoffNanos;
  }

  /** Whether a batch that failed {@code attempts} times is given up on. */
  public boolean exhausted(int attempts) {
    return maxAttempts > 0 && attempts >= maxAttempts;
  }

  /**
   * The caller's side of {@link #write}: how to attempt a batch and what each outcome means.
   * Called on the thread that called {@code write}.
   */
  public interface Attempts<T> {
    /** One attempt; throws as {@link LogSink#write} does. */
    void write(List<T> batch) throws Exception;

    /** Whether to stop without another attempt (shutting down, given up on from outside). */
    boolean stopped();

    /** An attempt failed ({@code attempt} counts from 1); the policy decides what follows. */
    default void failed(List<T> batch, Throwable failure, int attempt) {}

    /**
     * One entry failed permanently on its own. Returns true when it is settled (counted, sent
     * elsewhere), false to stop as if stopped.
     */
    boolean rejected(T entry, LogSinkException failure);

    /**
     * The attempts ran out ({@link #maxAttempts}): the batch is given up on. Returns true when
     * it is settled, false to stop.
     */
    default boolean exhausted(List<T> batch, Throwable failure, int attempts) {
      throw new IllegalStateException("no attempt limit expected", failure);
    }

    /**
     * Waits {@code sleepNanos} before attempt {@code attempt + 1}. Returns false to stop instead
     * (shutdown, interrupted).
     */
    boolean pause(List<T> batch, Throwable failure, int attempt, long sleepNanos);
  }

  /**
   * Writes {@code batch} through {@code attempts}: retried with backoff until written, given up
   * on, or stopped; a permanent failure is isolated by halving (both halves are written, the
   * second even when the first stopped, so that each entry is either written or accounted for).
   * Returns true when every entry is settled (written, rejected, or given up on), false when it
   * stopped with some neither written nor given up on.
   */
  public <T> boolean write(List<T> batch, Attempts<T> attempts) {
    long backoff = initialBackoffNanos;
    for (int attempt = 1; ; attempt++) {
      if (attempts.stopped()) {
        return false;
      }
      Throwable failure;
      try {
        attempts.write(batch);
        return true;
      } catch (LogSinkException e) {
        if (!e.isRetryable()) {
          attempts.failed(batch, e, attempt);
          if (batch.size() == 1) {
            return attempts.rejected(batch.get(0), e);
          }
          int half = batch.size() / 2; // isolate the offending entries, write the rest
          boolean first = write(batch.subList(0, half), attempts);
          boolean second = write(batch.subList(half, batch.size()), attempts);
          return first && second;
        }
        failure = e;
      } catch (Throwable e) {
        if (e instanceof InterruptedException && attempts.stopped()) {
          return false;
        }
        failure = e;
      }
      attempts.failed(batch, failure, attempt);
      if (exhausted(attempt)) {
        return attempts.exhausted(batch, failure, attempt);
      }
      if (!attempts.pause(batch, failure, attempt, jittered(backoff))) {
        return false;
      }
      backoff = next(backoff);
    }
  }
}
