package io.platformlogger.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.console.ConsoleFormat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlatformLoggerConfigTest {

  @Test
  void theDefaultsMatchTheSpecifiedBuffering() {
    PlatformLoggerConfig c = PlatformLoggerConfig.builder().build();
    assertThat(c.flushMaxEntries()).isEqualTo(50);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.flushOnError()).isTrue();
    assertThat(c.overflowPolicy()).isEqualTo(OverflowPolicy.SHED_LOW_LEVELS_FIRST);
  }

  @Test
  void developmentLogsDebugToAPrettyConsole() {
    PlatformLoggerConfig c = PlatformLoggerConfig.builder().environment(Environment.DEVELOPMENT).build();
    assertThat(c.level()).isEqualTo(Level.DEBUG);
    assertThat(c.consoleEnabled()).isTrue();
    assertThat(c.consoleFormat()).isEqualTo(ConsoleFormat.PRETTY);
    assertThat(c.storedLevel()).isEqualTo(Level.TRACE);
  }

  @Test
  void stagingLogsInfo() {
    PlatformLoggerConfig c = PlatformLoggerConfig.builder().environment(Environment.STAGING).build();
    assertThat(c.level()).isEqualTo(Level.INFO);
    assertThat(c.consoleEnabled()).isTrue();
  }

  @Test
  void productionLogsInfoWithTheConsoleOffAndNeverStoresDebug() {
    PlatformLoggerConfig c = PlatformLoggerConfig.builder().environment(Environment.PRODUCTION).build();
    assertThat(c.level()).isEqualTo(Level.INFO);
    assertThat(c.consoleEnabled()).isFalse();
    assertThat(c.storedLevel()).isEqualTo(Level.INFO);
    assertThatThrownBy(
            () -> PlatformLoggerConfig.builder().environment(Environment.PRODUCTION).storedLevel(Level.DEBUG).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stored.level")
        .hasMessageContaining("production");
  }

  @Test
  void anOutOfRangeValueNamesTheKeyAndTheAcceptedRange() {
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().flushMaxEntries(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("flush.max-entries: is 0; accepted: an integer from 1 to 1000000")
        .extracting(e -> ((ConfigurationException) e).key())
        .isEqualTo("flush.max-entries");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().queueCapacity(10).build())
        .hasMessageStartingWith("queue.capacity: is 10;");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().service(" ").build())
        .hasMessage("service: must not be blank");
    assertThatThrownBy(
            () -> PlatformLoggerConfig.builder()
                .retryInitialBackoff(Duration.ofSeconds(10))
                .retryMaxBackoff(Duration.ofSeconds(1))
                .build())
        .hasMessageStartingWith("retry.max-backoff:");
  }

  @Test
  void toBuilderReproducesTheSameConfiguration() {
    PlatformLoggerConfig c =
        PlatformLoggerConfig.builder()
            .service("s")
            .loggerLevel("com.acme", Level.WARN)
            .sink("postgres")
            .sinkProperty("postgres", "url", "jdbc:postgresql://x/y")
            .rateLimit(5, Duration.ofSeconds(2))
            .build();
    PlatformLoggerConfig copy = c.toBuilder().build();
    assertThat(copy.loggerLevels()).isEqualTo(c.loggerLevels());
    assertThat(copy.sinks()).containsExactly("postgres");
    assertThat(copy.sinkProperties("postgres")).containsEntry("url", "jdbc:postgresql://x/y");
    assertThat(copy.rateLimitMaxPerSite()).isEqualTo(5);
    assertThat(copy.rateLimitWindow()).isEqualTo(Duration.ofSeconds(2));
  }
}
