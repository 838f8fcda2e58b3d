package io.platformlogger.benchmarks.callercost.logback;

import io.platformlogger.benchmarks.callercost.Slf4jCallerCost;
import org.openjdk.jmh.annotations.Setup;
import org.slf4j.LoggerFactory;

/**
 * The Logback anchor: AsyncAppender with neverBlock on, logstash-logback-encoder JSON into a
 * discarding appender (see logback.xml).
 */
public class LogbackCallerCost extends Slf4jCallerCost {

  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void checkBackend() {
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    if (!factory.startsWith("ch.qos.logback")) {
      throw new IllegalStateException("expected Logback, got " + factory);
    }
  }

  @Override
  protected long delivered() {
    return DiscardingAppender.ENTRIES.get();
  }
}
