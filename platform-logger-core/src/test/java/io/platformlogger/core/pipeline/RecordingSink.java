package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** A sink for pipeline tests: records batches, and can fail, block or run code inside write. */
public class RecordingSink implements LogSink {
  private final String name;
  private final List<List<LogEntry>> batches = new ArrayList<>();
  private int failuresLeft;
  private Exception failure;
  private volatile CountDownLatch gate;
  private volatile Consumer<List<LogEntry>> duringWrite;
  private int maxBatchSize = 1000;
  private int attempts;
  private boolean closed;
  private int closeCalls;

  public RecordingSink(String name) {
    this.name = name;
  }

  synchronized RecordingSink failNext(int writes, Exception e) {
    this.failuresLeft = writes;
    this.failure = e;
    return this;
  }

  RecordingSink block() {
    gate = new CountDownLatch(1);
    return this;
  }

  void unblock() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  RecordingSink duringWrite(Consumer<List<LogEntry>> action) {
    this.duringWrite = action;
    return this;
  }

  synchronized RecordingSink maxBatchSize(int n) {
    this.maxBatchSize = n;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public void write(List<LogEntry> batch) throws Exception {
    CountDownLatch g = gate;
    if (g != null) {
      g.await();
    }
    Consumer<List<LogEntry>> d = duringWrite;
    if (d != null) {
      d.accept(batch);
    }
    synchronized (this) {
      attempts++;
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        throw failure;
      }
      batches.add(List.copyOf(batch));
    }
  }

  synchronized List<List<LogEntry>> batches() {
    return List.copyOf(batches);
  }

  public synchronized List<LogEntry> entries() {
    List<LogEntry> all = new ArrayList<>();
    batches.forEach(all::addAll);
    return all;
  }

  public synchronized List<String> messages() {
    List<String> m = new ArrayList<>();
    batches.forEach(b -> b.forEach(e -> m.add(e.message())));
    return m;
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized int closeCalls() {
    return closeCalls;
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeCalls++;
  }
}
