package io.platformlogger.benchmarks.callercost.log4j2;

import io.platformlogger.benchmarks.callercost.Backend;
import org.apache.logging.log4j.LogManager;

/** Log4j 2 all-asynchronous for the end-to-end run; blocks callers when its ring is full. */
public final class Log4j2Backend implements Backend {
  @Override
  public String name() {
    return "log4j2";
  }

  @Override
  public void start() {
    new Log4j2CallerCost().addDiscardingJsonAppender();
  }

  @Override
  public long delivered() {
    return new Log4j2CallerCost().deliveredForBackend();
  }

  @Override
  public long stop() {
    LogManager.shutdown();
    return -1; // Log4j 2 does not count what it drops; by default it blocks instead
  }
}
