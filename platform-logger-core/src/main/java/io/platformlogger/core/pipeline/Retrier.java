package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Failures;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.core.sink.RetryPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes one batch to a sink through the {@link RetryPolicy} (backoff with jitter, permanent
 * failures isolated by halving), with a worker's rules: every failure is counted and reported,
 * entries rejected for good or past the attempt limit count as failed, and a retry that would
 * outlast the shutdown deadline stops instead: memory entries count as lost, spooled ones stay in
 * the spool for the next start.
 *
 * <p>Threading: the sink worker's thread only.
 */
final class Retrier {
  /** The worker's shutdown state, as the retries need it. */
  interface Shutdown {
    /** The worker was given up on: stop at once, counting nothing. */
    boolean abandoned();

    /** Whether the worker is stopping with a deadline before {@code nanoTime}. */
    boolean deadlineBefore(long nanoTime);

    /** {@code n} entries of the memory batch in flight are undelivered at shutdown. */
    void lostAtShutdown(int n);
  }

  private final LogSink sink;
  private final RetryPolicy policy;
  private final SinkCounters counters;
  private final Shutdown shutdown;
  /** Null without a spool. */
  private final SpoolSource spool;
  private final Attempts fromMemory = new Attempts(false);
  private final Attempts fromSpool = new Attempts(true);

  Retrier(LogSink sink, RetryPolicy policy, SinkCounters counters, Shutdown shutdown, SpoolSource spool) {
    this.sink = sink;
    this.policy = policy;
    this.counters = counters;
    this.shutdown = shutdown;
    this.spool = spool;
  }

  /**
   * Writes the batch, retrying as configured. Returns true once every entry is settled (written,
   * or given up on and counted as failed); false when it stopped without settling them (the
   * worker was abandoned or shut down meanwhile), so a spooled batch must stay in the spool.
   */
  boolean deliver(List<LogEntry> batch, boolean spooled) {
    return policy.write(batch, spooled ? fromSpool : fromMemory);
  }

  private final class Attempts implements RetryPolicy.Attempts<LogEntry> {
    private final boolean spooled;

    Attempts(boolean spooled) {
      this.spooled = spooled;
    }

    @Override
    public void write(List<LogEntry> batch) throws Exception {
      sink.write(batch);
      counters.written(batch.size());
    }

    @Override
    public boolean stopped() {
      return shutdown.abandoned();
    }

    @Override
    public void failed(List<LogEntry> batch, Throwable failure, int attempt) {
      counters.failure(failure, "write");
    }

    @Override
    public boolean rejected(LogEntry entry, LogSinkException failure) {
      counters.failed(1);
      counters.report("rejected an entry for good (id " + entry.id() + "), counted as failed: "
          + Failures.describe(failure));
      return true;
    }

    @Override
    public boolean exhausted(List<LogEntry> batch, Throwable failure, int attempts) {
      counters.failed(batch.size());
      counters.report("gave up on " + batch.size() + " entries after " + attempts
          + " attempts, counted as failed: " + Failures.describe(failure));
      return true;
    }

    @Override
    public boolean pause(List<LogEntry> batch, Throwable failure, int attempt, long sleepNanos) {
      if (shutdown.deadlineBefore(System.nanoTime() + sleepNanos)) {
        lost(batch.size());
        counters.report("still failing at shutdown; " + batch.size()
            + (spooled ? " entries stay in the spool for the next start: " : " entries not delivered: ")
            + Failures.describe(failure));
        if (spooled) {
          spool.keptForNextStart();
        }
        return false;
      }
      counters.reportRetry(attempt, sleepNanos, failure);
      counters.retried();
      try {
        TimeUnit.NANOSECONDS.sleep(sleepNanos);
      } catch (InterruptedException ie) {
        lost(batch.size());
        return false;
      }
      return true;
    }

    /** Undelivered at shutdown: spooled entries stay on disk (the batch is not settled), memory ones are lost. */
    private void lost(int n) {
      if (!spooled) {
        shutdown.lostAtShutdown(n);
      }
    }
  }
}
