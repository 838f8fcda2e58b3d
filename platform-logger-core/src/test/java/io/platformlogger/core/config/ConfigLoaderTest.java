package io.platformlogger.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.console.ColorMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static ClassLoader withResource(String name, String content) {
    return new ClassLoader(null) {
      @Override
      public InputStream getResourceAsStream(String n) {
        return n.equals(name) ? new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)) : null;
      }

      @Override
      protected Enumeration<URL> findResources(String n) throws IOException {
        return java.util.Collections.emptyEnumeration();
      }
    };
  }

  @Test
  void aPropertiesFileSetsEveryKindOfKey() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    ConfigLoader.applyResource(
        b,
        withResource(
            "platform-logger.properties",
            String.join("\n",
                "service=orders",
                "environment=staging",
                "level=warn",
                "level.com.acme.billing=DEBUG",
                "console.color=never",
                "flush.max-entries=200",
                "flush.interval=750ms",
                "queue.overflow=shed-newest",
                "rate-limit.max-per-site=10",
                "rate-limit.window=PT2S",
                "sinks=postgres, kafka",
                "sink.postgres.url=jdbc:postgresql://db/logs",
                "internal.loggers=com.zaxxer.hikari")),
        "platform-logger.properties");
    PlatformLoggerConfig c = b.build();
    assertThat(c.service()).isEqualTo("orders");
    assertThat(c.environment()).isEqualTo(Environment.STAGING);
    assertThat(c.level()).isEqualTo(Level.WARN);
    assertThat(c.loggerLevels()).containsEntry("com.acme.billing", Level.DEBUG);
    assertThat(c.consoleColor()).isEqualTo(ColorMode.NEVER);
    assertThat(c.flushMaxEntries()).isEqualTo(200);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(750));
    assertThat(c.overflowPolicy()).isEqualTo(OverflowPolicy.SHED_NEWEST);
    assertThat(c.rateLimitMaxPerSite()).isEqualTo(10);
    assertThat(c.rateLimitWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.sinks()).containsExactly("postgres", "kafka");
    assertThat(c.sinkProperties("postgres")).containsEntry("url", "jdbc:postgresql://db/logs");
    assertThat(c.internalLoggers()).containsExactly("com.zaxxer.hikari");
  }

  @Test
  void environmentVariablesOverrideSystemPropertiesWhichOverrideTheFile() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    ConfigLoader.applyResource(b, withResource("platform-logger.properties", "service=from-file\nversion=1"), "platform-logger.properties");
    Properties sys = new Properties();
    sys.setProperty("platform-logger.service", "from-sysprop");
    sys.setProperty("platform-logger.region", "eu");
    sys.setProperty("unrelated.key", "x");
    ConfigLoader.applySystemProperties(b, sys);
    ConfigLoader.applyEnvironment(
        b,
        Map.of(
            "PLATFORM_LOGGER_SERVICE", "from-env",
            "PLATFORM_LOGGER_FLUSH_MAX_ENTRIES", "77",
            "PLATFORM_LOGGER_LEVELS", "com.acme=DEBUG,org.apache.kafka=WARN",
            "PLATFORM_LOGGER_SINK_POSTGRES_JDBC_URL", "jdbc:postgresql://h/db",
            "PATH", "/usr/bin"));
    PlatformLoggerConfig c = b.build();
    assertThat(c.service()).isEqualTo("from-env");
    assertThat(c.version()).isEqualTo("1");
    assertThat(c.region()).isEqualTo("eu");
    assertThat(c.flushMaxEntries()).isEqualTo(77);
    assertThat(c.loggerLevels()).containsEntry("com.acme", Level.DEBUG).containsEntry("org.apache.kafka", Level.WARN);
    assertThat(c.sinkProperties("postgres")).containsEntry("jdbc.url", "jdbc:postgresql://h/db");
  }

  @Test
  void anInvalidValueNamesTheKeyItsSourceAndWhatIsAccepted() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    assertThatThrownBy(() -> ConfigLoader.applyEnvironment(b, Map.of("PLATFORM_LOGGER_ENVIRONMENT", "prod")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("environment: (from environment variable PLATFORM_LOGGER_ENVIRONMENT) unknown environment"
            + " 'prod'; accepted: production, staging, development");
    assertThatThrownBy(() -> ConfigLoader.apply(b, "flush.interval", "5", "test"))
        .hasMessageContaining("flush.interval: (from test) '5' is not a duration; accepted: a number with a unit");
    assertThatThrownBy(() -> ConfigLoader.apply(b, "level", "verbose", "test"))
        .hasMessageContaining("level: (from test) unknown level 'verbose'; accepted: TRACE, DEBUG, INFO, WARN, ERROR");
    assertThatThrownBy(() -> ConfigLoader.apply(b, "flush.on-error", "maybe", "test"))
        .hasMessageContaining("'maybe' is not a boolean");
    assertThatThrownBy(() -> ConfigLoader.apply(b, "queue.overflow", "drop-all", "test"))
        .hasMessageContaining("accepted: shed-low-levels-first, shed-newest, block");
    assertThatThrownBy(() -> ConfigLoader.apply(b, "levels", "com.acme", "test"))
        .hasMessageContaining("'com.acme' is not logger=LEVEL");
  }

  @Test
  void anUnknownKeyIsRejectedWithASuggestion() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    assertThatThrownBy(() -> ConfigLoader.apply(b, "flush.max-entrys", "5", "platform-logger.properties"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is not a known setting")
        .hasMessageContaining("did you mean flush.max-entries?");
    assertThatThrownBy(() -> ConfigLoader.applyEnvironment(b, Map.of("PLATFORM_LOGGER_FLUSH_INTERVL", "5s")))
        .hasMessageContaining("PLATFORM_LOGGER_FLUSH_INTERVL")
        .hasMessageContaining("did you mean flush.interval?");
  }

  @Test
  void durationsAcceptUnitsAndIso8601() {
    assertThat(ConfigLoader.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigLoader.duration("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(ConfigLoader.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ConfigLoader.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(ConfigLoader.duration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(ConfigLoader.duration("PT0.25S")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void theBlockPolicyTakesABoundedTimeoutThatNamesItsKeyWhenOutOfRange() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder().service("svc");
    assertThat(b.build().queueBlockTimeout()).isEqualTo(java.time.Duration.ofMillis(10));
    ConfigLoader.apply(b, "queue.overflow", "block", "test");
    ConfigLoader.apply(b, "queue.block-timeout", "25ms", "test");
    assertThat(b.build().overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
    assertThat(b.build().queueBlockTimeout()).isEqualTo(java.time.Duration.ofMillis(25));
    ConfigLoader.apply(b, "queue.block-timeout", "0", "test");
    assertThatThrownBy(b::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("queue.block-timeout: is PT0S; accepted: a duration from PT0.001S to PT10S such as 500ms, 5s, 2m");
    ConfigLoader.apply(b, "queue.block-timeout", "1m", "test");
    assertThatThrownBy(b::build).hasMessageStartingWith("queue.block-timeout: is PT1M;");
  }
}
