package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.config.ConfigLoader;
import io.platformlogger.core.config.ConfigurationException;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** {@code platform-logger.*} Spring properties become the core configuration, with Spring's defaults. */
class SpringPlatformLoggerConfigTest {
  private final MockEnvironment env = new MockEnvironment();

  @Test
  void coreKeysAreReadFromSpringPropertiesAndCheckedByTheCore() {
    env.setProperty("platform-logger.level", "warn");
    env.setProperty("platform-logger.level.com.acme", "TRACE");
    env.setProperty("platform-logger.flush.max-entries", "7");
    env.setProperty("platform-logger.console.enabled", "false");
    env.setProperty("platform-logger.spool.enabled", "false");
    env.setProperty("platform-logger.spring.web.enabled", "false"); // the starter's own: skipped
    PlatformLoggerConfig config = SpringPlatformLoggerConfig.from(env);
    assertThat(config.level()).isEqualTo(Level.WARN);
    assertThat(config.loggerLevels()).containsEntry("com.acme", Level.TRACE);
    assertThat(config.flushMaxEntries()).isEqualTo(7);
    assertThat(config.consoleEnabled()).isFalse();
  }

  @Test
  void aYamlListOfSinksBecomesTheCoresCommaSeparatedList() {
    env.setProperty("platform-logger.sinks[0]", "memory");
    env.setProperty("platform-logger.sinks[1]", "memory");
    env.setProperty("platform-logger.spool.enabled", "false");
    assertThat(SpringPlatformLoggerConfig.properties(env)).containsEntry("sinks", "memory,memory");
  }

  @Test
  void anUnknownKeyFailsNamingTheKeyWhereItCameFromAndTheLikelyFix() {
    env.setProperty("platform-logger.flush.max-entrys", "7");
    assertThatThrownBy(() -> SpringPlatformLoggerConfig.from(env))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("flush.max-entrys")
        .hasMessageContaining("Spring property platform-logger.flush.max-entrys")
        .hasMessageContaining("did you mean flush.max-entries");
  }

  @Test
  void theRootLevelIsInfoAsBootSetsItEvenInDevelopment() {
    env.setProperty("platform-logger.environment", "development");
    assertThat(SpringPlatformLoggerConfig.from(env).level()).isEqualTo(Level.INFO);
  }

  @Test
  void theApplicationNameIsTheDefaultServiceAndAnExplicitServiceWins() {
    env.setProperty("spring.application.name", "billing");
    assertThat(SpringPlatformLoggerConfig.from(env).service()).isEqualTo("billing");
    env.setProperty("platform-logger.service", "billing-api");
    assertThat(SpringPlatformLoggerConfig.from(env).service()).isEqualTo("billing-api");
  }

  @Test
  void theFirstActiveProfileNamingAnEnvironmentIsTheDefaultEnvironment() {
    env.setActiveProfiles("kafka", "prod");
    env.setProperty("platform-logger.spool.dir", "target/spool-profile-test");
    assertThat(SpringPlatformLoggerConfig.from(env).environment()).isEqualTo(Environment.PRODUCTION);
    env.setActiveProfiles("staging");
    assertThat(SpringPlatformLoggerConfig.from(env).environment()).isEqualTo(Environment.STAGING);
    env.setProperty("platform-logger.environment", "development");
    assertThat(SpringPlatformLoggerConfig.from(env).environment()).isEqualTo(Environment.DEVELOPMENT);
    assertThat(SpringPlatformLoggerConfig.fromProfiles(new String[] {"local"})).isEqualTo(Environment.DEVELOPMENT);
    assertThat(SpringPlatformLoggerConfig.fromProfiles(new String[] {"kafka"})).isNull();
  }

  @Test
  void bootsLoggingShutdownHookReplacesTheCoresUnlessItIsTurnedOff() {
    assertThat(SpringPlatformLoggerConfig.from(env).shutdownHook()).isFalse();
    env.setProperty("logging.register-shutdown-hook", "false");
    assertThat(SpringPlatformLoggerConfig.from(env).shutdownHook()).isTrue();
  }

  @Test
  void everyKeyInTheConfigurationMetadataIsOneTheCoreKnows() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    int coreKeys = 0;
    for (JsonNode p : metadata.get("properties")) {
      String name = p.get("name").asText();
      assertThat(p.hasNonNull("description")).as(name).isTrue();
      if (name.startsWith(SpringPlatformLoggerConfig.STARTER_PREFIX)) {
        continue;
      }
      String key = name.substring(SpringPlatformLoggerConfig.PREFIX.length());
      coreKeys++;
      // An invalid value for a known key fails on the value, never as an unknown setting.
      try {
        ConfigLoader.apply(PlatformLoggerConfig.builder(), key, "\u0000not-a-value", "metadata");
      } catch (ConfigurationException e) {
        assertThat(e.getMessage()).as(key).doesNotContain("is not a known setting");
      }
    }
    assertThat(coreKeys).isGreaterThan(30);
    assertThat(metadata.toString()).contains("platform-logger.spring.web.enabled", "platform-logger.spring.metrics.enabled",
        "platform-logger.spring.shutdown.flush-timeout");
  }

  @Test
  void durationsAndSizesUseTheCoresForms() {
    env.setProperty("platform-logger.flush.interval", "250ms");
    assertThat(SpringPlatformLoggerConfig.from(env).flushInterval()).isEqualTo(Duration.ofMillis(250));
  }
}
