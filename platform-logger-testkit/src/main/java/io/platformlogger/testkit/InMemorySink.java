package io.platformlogger.testkit;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * A sink that keeps entries in memory, for tests of code that logs and of the pipeline itself.
 *
 * <p>Idempotent on {@link LogEntry#id()}: an entry written again (a retried batch) is kept once, at
 * its first position. Test hooks simulate a failing sink ({@link #failNext}) and a hanging one
 * ({@link #blockWrites}). Thread-safe: any thread may write, read and use the hooks.
 */
public final class InMemorySink implements LogSink {
  private final Object lock = new Object();
  private final List<LogEntry> entries = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final Semaphore blockedWrites = new Semaphore(0);
  private int writeCount;
  private int failuresLeft;
  private Exception failure;
  private CountDownLatch gate;
  private boolean closed;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  /**
   * Stores the batch, skipping entries whose id is already stored. Waits first while writes are
   * {@linkplain #blockWrites() blocked}, then throws if a {@linkplain #failNext failure} is
   * pending.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public void write(List<LogEntry> batch) throws Exception {
    CountDownLatch waitFor;
    synchronized (lock) {
      checkOpen();
      writeCount++;
      waitFor = gate;
    }
    if (waitFor != null) {
      blockedWrites.release();
      waitFor.await();
    }
    synchronized (lock) {
      checkOpen();
      if (failuresLeft > 0) {
        failuresLeft--;
        throw failure;
      }
      for (LogEntry entry : batch) {
        if (ids.add(entry.id())) {
          entries.add(entry);
        }
      }
    }
  }

  /** A snapshot of the stored entries, in the order they were first written. */
  public List<LogEntry> entries() {
    synchronized (lock) {
      return List.copyOf(entries);
    }
  }

  /** Forgets every stored entry (and their ids, so they may be stored again). */
  public void clear() {
    synchronized (lock) {
      entries.clear();
      ids.clear();
    }
  }

  /** How many times {@link #write} was called, failed and blocked calls included. */
  public int writeCount() {
    synchronized (lock) {
      return writeCount;
    }
  }

  /**
   * Makes the next {@code writes} calls of {@link #write} throw {@code exception} (for example
   * {@code LogSinkException.permanent(...)} or an {@code IOException}) without storing anything.
   */
  public void failNext(int writes, Exception exception) {
    if (writes < 0) {
      throw new IllegalArgumentException("writes must be >= 0, was " + writes);
    }
    Objects.requireNonNull(exception, "exception");
    synchronized (lock) {
      failuresLeft = writes;
      failure = exception;
    }
  }

  /**
   * Makes every following {@link #write} wait until {@link #unblockWrites()} (or {@link #close()}),
   * simulating a hanging server. Use {@link #awaitBlockedWrite()} to know a write is waiting.
   */
  public void blockWrites() {
    synchronized (lock) {
      if (gate == null) {
        gate = new CountDownLatch(1);
      }
    }
  }

  /** Lets waiting and future writes proceed. */
  public void unblockWrites() {
    synchronized (lock) {
      if (gate != null) {
        gate.countDown();
        gate = null;
      }
    }
  }

  /**
   * Waits until a write is blocked by {@link #blockWrites()}. Each blocked write is awaited once,
   * so two calls wait for two blocked writes.
   */
  public void awaitBlockedWrite() throws InterruptedException {
    blockedWrites.acquire();
  }

  /** No buffering: everything written is already visible. */
  @Override
  public void flush() {}

  /**
   * Marks the sink closed and releases blocked writes (which then throw {@link
   * IllegalStateException}); stored entries stay readable. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    unblockWrites();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("InMemorySink is closed");
    }
  }
}
