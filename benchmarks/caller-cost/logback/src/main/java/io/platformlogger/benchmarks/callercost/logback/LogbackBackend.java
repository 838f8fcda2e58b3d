package io.platformlogger.benchmarks.callercost.logback;

import ch.qos.logback.classic.LoggerContext;
import io.platformlogger.benchmarks.callercost.Backend;
import org.slf4j.LoggerFactory;

/** Logback with AsyncAppender (neverBlock) for the end-to-end run; drops silently when full. */
public final class LogbackBackend implements Backend {
  @Override
  public String name() {
    return "logback";
  }

  @Override
  public void start() {
    LoggerFactory.getILoggerFactory(); // reads logback.xml
  }

  @Override
  public long delivered() {
    return DiscardingAppender.ENTRIES.get();
  }

  @Override
  public long stop() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    return -1; // AsyncAppender does not count what it discards
  }
}
