package io.platformlogger.spring;

import io.platformlogger.core.PlatformLoggers;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Flushes the process-wide pipeline when the application context stops, after the web server
 * has stopped taking requests: its phase is below the web server's ({@code DEFAULT_PHASE - 2048})
 * and graceful shutdown's ({@code DEFAULT_PHASE - 1024}), and lower phases stop later. The
 * pipeline itself is closed later still, by Boot's logging shutdown handler (see
 * {@link PlatformLoggingSystem#getShutdownHandler()}), so beans that log while being destroyed are
 * not lost. Called by Spring on the thread that closes the context.
 */
public class PipelineFlushLifecycle implements SmartLifecycle {
  /** The phase: after web server graceful shutdown and web server stop. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Duration timeout;
  private volatile boolean running;
  private volatile boolean lastFlushCompleted;

  public PipelineFlushLifecycle(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    lastFlushCompleted = PlatformLoggers.pipeline().flush(timeout);
  }

  /** Whether the flush at the last stop completed within the timeout. */
  public boolean lastFlushCompleted() {
    return lastFlushCompleted;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
