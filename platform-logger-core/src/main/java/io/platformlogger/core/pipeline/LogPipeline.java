package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * STUB being written: the buffer, dispatcher and sink workers. Public surface used by loggers:
 * {@link #thresholdFor}, {@link #isEnabled}, {@link #now}, {@link #submit}, {@link #flush}.
 */
public final class LogPipeline implements AutoCloseable {

  /** The least severe level at which an entry from {@code loggerName} is built at all. */
  public Level thresholdFor(String loggerName) {
    throw new UnsupportedOperationException("TODO");
  }

  public boolean isEnabled(String loggerName, Level level) {
    return level.isAtLeast(thresholdFor(loggerName));
  }

  /** The pipeline clock's current instant (injectable in tests). */
  public Instant now() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Hands an event to the pipeline. Never blocks on I/O, never throws. */
  public void submit(LogEvent event) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Waits until everything submitted before this call reached every sink, or the timeout. */
  public boolean flush(Duration timeout) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public void close() {}
}
