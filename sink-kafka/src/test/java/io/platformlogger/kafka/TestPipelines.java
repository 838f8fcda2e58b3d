package io.platformlogger.kafka;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Duration;

/** Pipeline settings for tests: no console, quick retries that never give up. */
final class TestPipelines {
  private TestPipelines() {}

  static PlatformLoggerConfig.Builder config() {
    return PlatformLoggerConfig.builder()
        .service("kafka-test-service")
        .environment(Environment.DEVELOPMENT)
        .level(Level.DEBUG)
        .consoleEnabled(false)
        .shutdownHook(false)
        .flushInterval(Duration.ofMillis(50))
        .retryInitialBackoff(Duration.ofMillis(50))
        .retryMaxBackoff(Duration.ofSeconds(1))
        .retryMaxAttempts(0)
        .shutdownTimeout(Duration.ofSeconds(30));
  }
}
