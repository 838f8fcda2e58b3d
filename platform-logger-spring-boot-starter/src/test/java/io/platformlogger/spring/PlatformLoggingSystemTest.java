package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.testkit.InMemorySink;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.mock.env.MockEnvironment;

/** Boot's logging-system contract, on a real pipeline installed as the process-wide one. */
class PlatformLoggingSystemTest {
  @RegisterExtension final InstalledPipeline installed = new InstalledPipeline();

  private final PlatformLoggingSystem system = new PlatformLoggingSystem();

  @Test
  void bootPicksThisSystemThroughSpringFactoriesWhenSlf4jIsBoundToPlatformLogger() {
    assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(PlatformLoggingSystem.class);
  }

  @Test
  void aLevelSetByBootTakesEffectOnTheNextCallOfALoggerAlreadyInUse() {
    Logger log = LoggerFactory.getLogger("com.acme.orders.Api");
    log.debug("hidden");
    system.setLogLevel("com.acme", LogLevel.DEBUG);
    log.debug("shown");
    system.setLogLevel("com.acme", null);
    log.debug("hidden again");
    installed.flush();
    assertThat(installed.sink.entries()).extracting(LogEntry::message).containsExactly("shown");
  }

  @Test
  void theRootLevelIsReadAndChangedUnderBootsRootName() {
    system.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
    assertThat(system.getLoggerConfiguration("ROOT").getEffectiveLevel()).isEqualTo(LogLevel.WARN);
    assertThat(LoggerFactory.getLogger("x.y").isInfoEnabled()).isFalse();
    system.setLogLevel("root", null);
    assertThat(system.getLoggerConfiguration("ROOT").getConfiguredLevel()).isEqualTo(LogLevel.INFO);
    assertThat(LoggerFactory.getLogger("x.y").isInfoEnabled()).isTrue();
  }

  @Test
  void configurationsListTheRootFirstAndEveryUsedLoggerWithItsParents() {
    LoggerFactory.getLogger("com.acme.billing.Invoices").info("used");
    system.setLogLevel("org.example", LogLevel.ERROR);
    List<LoggerConfiguration> all = system.getLoggerConfigurations();
    assertThat(all.get(0).getName()).isEqualTo("ROOT");
    assertThat(all).extracting(LoggerConfiguration::getName)
        .contains("com", "com.acme", "com.acme.billing", "com.acme.billing.Invoices", "org.example");
    LoggerConfiguration inherited = system.getLoggerConfiguration("com.acme.billing.Invoices");
    assertThat(inherited.getConfiguredLevel()).isNull();
    assertThat(inherited.getEffectiveLevel()).isEqualTo(LogLevel.INFO);
    assertThat(system.getLoggerConfiguration("org.example.Thing").getEffectiveLevel()).isEqualTo(LogLevel.ERROR);
    assertThat(system.getLoggerConfiguration("org.example").getConfiguredLevel()).isEqualTo(LogLevel.ERROR);
  }

  @Test
  void fatalMeansErrorAndOffIsRefusedNamingTheSetting() {
    system.setLogLevel("com.acme", LogLevel.FATAL);
    assertThat(system.getLoggerConfiguration("com.acme").getEffectiveLevel()).isEqualTo(LogLevel.ERROR);
    assertThatThrownBy(() -> system.setLogLevel("com.acme", LogLevel.OFF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logging.level.com.acme=OFF")
        .hasMessageContaining("ERROR");
    assertThat(system.getSupportedLogLevels()).containsExactlyInAnyOrder(
        LogLevel.TRACE, LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR);
  }

  @Test
  void initializeBuildsTheProcessWidePipelineFromSpringPropertiesKeepingLevelsSetBefore() {
    system.setLogLevel("com.acme", LogLevel.TRACE);
    MockEnvironment env = new MockEnvironment();
    env.setProperty("spring.application.name", "billing");
    env.setProperty("platform-logger.console.enabled", "false");
    env.setProperty("platform-logger.sinks", "memory");
    env.setProperty("platform-logger.spool.enabled", "false");
    system.initialize(new LoggingInitializationContext(env), null, null);
    try {
      assertThat(PlatformLoggers.pipeline()).isNotSameAs(installed.pipeline);
      assertThat(PlatformLoggers.pipeline().config().service()).isEqualTo("billing");
      assertThat(system.getLoggerConfiguration("com.acme").getConfiguredLevel()).isEqualTo(LogLevel.TRACE);
      LoggerFactory.getLogger("com.acme.X").trace("after initialize");
      PlatformLoggers.pipeline().flush(java.time.Duration.ofSeconds(10));
      assertThat(MemorySinkProvider.last().entries()).extracting(LogEntry::message).containsExactly("after initialize");
      assertThat(MemorySinkProvider.last().entries().get(0).service()).isEqualTo("billing");
    } finally {
      system.getShutdownHandler().run();
      assertThat(PlatformLoggers.pipeline().isClosed()).isTrue();
    }
  }

  @Test
  void javaUtilLoggingIsRoutedIntoThePipelineFromBeforeInitializeUntilCleanUp() {
    system.beforeInitialize();
    InMemorySink sink = new InMemorySink();
    LogPipeline pipeline = InstalledPipeline.build(sink);
    PlatformLoggers.install(pipeline).close(); // in place of the start-up pipeline beforeInitialize installed
    try {
      java.util.logging.Logger.getLogger("org.apache.catalina.Thing").warning("from JUL");
    } finally {
      system.cleanUp();
    }
    java.util.logging.Logger.getLogger("org.apache.catalina.Thing").warning("after clean-up: not routed");
    pipeline.close();
    assertThat(sink.entries()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("from JUL");
      assertThat(e.loggerName()).isEqualTo("org.apache.catalina.Thing");
      assertThat(e.level()).isEqualTo(io.platformlogger.core.Level.WARN);
    });
  }

  @Test
  void beforeInitializeClosesAnEarlierPipelineAndLogsToTheConsoleOnlyUntilInitialize() {
    system.beforeInitialize();
    try {
      assertThat(installed.pipeline.isClosed()).isTrue(); // flushed, its spool released
      io.platformlogger.core.config.PlatformLoggerConfig startup = PlatformLoggers.pipeline().config();
      assertThat(startup.sinks()).isEmpty();
      assertThat(startup.spoolEnabled()).isFalse();
      assertThat(startup.level()).isEqualTo(io.platformlogger.core.Level.INFO);
    } finally {
      system.cleanUp();
      PlatformLoggers.pipeline().close();
    }
  }

  @Test
  void logbackStyleConfigFilesAreRefusedWithTheFix() {
    assertThatThrownBy(() -> system.initialize(new LoggingInitializationContext(new MockEnvironment()), "classpath:logback.xml", null))
        .hasMessageContaining("logging.config")
        .hasMessageContaining("platform-logger.*");
  }
}
