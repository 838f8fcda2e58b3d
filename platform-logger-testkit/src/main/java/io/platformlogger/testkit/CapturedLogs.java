package io.platformlogger.testkit;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.pipeline.LogPipeline;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the current test logged, as captured by {@link CaptureLogs}. Every read first waits until
 * everything logged before it has been delivered, so assertions never race the pipeline.
 * Thread-safe.
 */
public final class CapturedLogs {
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

  private final LogPipeline pipeline;
  private final InMemorySink sink;

  CapturedLogs(LogPipeline pipeline, InMemorySink sink) {
    this.pipeline = pipeline;
    this.sink = sink;
  }

  /** Every entry logged so far in this test, in order. */
  public List<LogEntry> entries() {
    if (!pipeline.flush(FLUSH_TIMEOUT)) {
      throw new AssertionError("captured logs were not delivered within " + FLUSH_TIMEOUT);
    }
    return sink.entries();
  }

  /** The entries at {@code level}. */
  public List<LogEntry> entries(Level level) {
    return entries().stream().filter(e -> e.level() == level).collect(Collectors.toList());
  }

  /** The messages of every entry, in order. */
  public List<String> messages() {
    return entries().stream().map(LogEntry::message).collect(Collectors.toList());
  }

  /** Fluent assertions on everything captured so far. */
  public LogEntriesAssert assertThat() {
    return LogAssertions.assertThat(entries());
  }

  /** Forgets what was captured so far. */
  public void clear() {
    pipeline.flush(FLUSH_TIMEOUT);
    sink.clear();
  }

  /** The capturing pipeline, for its counters. */
  public LogPipeline pipeline() {
    return pipeline;
  }
}
