package io.platformlogger.spring;

import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogLevels;
import io.platformlogger.core.pipeline.LogPipeline;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's {@link LoggingSystem} for platform-logger: what makes {@code logging.level.*},
 * {@code logging.group.*} and {@code /actuator/loggers} act on platform-logger's levels.
 *
 * <p>Boot calls it from its {@code LoggingApplicationListener}: {@link #initialize} once the
 * environment is ready (the process-wide pipeline is then built from {@code platform-logger.*}
 * properties, see {@link SpringPlatformLoggerConfig}), {@link #setLogLevel} for each
 * {@code logging.level.*} entry and each actuator change (through {@link LogLevels}, applied from
 * every logger's next call), and {@link #getShutdownHandler}'s handler at JVM exit, after the
 * application context has closed. {@code logging.config} and {@code logging.file.*} have no meaning
 * here: the pipeline's sinks replace Logback's appenders. Thread-safe.
 */
public final class PlatformLoggingSystem extends LoggingSystem {
  private static final Set<LogLevel> SUPPORTED =
      EnumSet.of(LogLevel.TRACE, LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR);

  /**
   * Called first, before Boot has read its properties. Installs a start-up pipeline (console only,
   * INFO, no sinks, no spool) for the few entries logged until {@link #initialize}, as Boot's
   * start-up Logback logs to the console only, and closes any pipeline created before (flushing
   * it, and releasing its spool directory for the pipeline {@code initialize} builds; two
   * pipelines never hold the same spool). Routes {@code java.util.logging} (Tomcat, some drivers)
   * into SLF4J, as Boot does for Logback, when jul-to-slf4j is on the class path (the starter
   * brings it).
   */
  @Override
  public void beforeInitialize() {
    LogPipeline startup = LogPipeline.builder()
        .config(PlatformLoggerConfig.builder().level(Level.INFO).spoolEnabled(false).shutdownHook(false).build())
        .build();
    LogPipeline previous = PlatformLoggers.install(startup);
    if (previous != null) {
      previous.close();
    }
    if (isPresent("org.slf4j.bridge.SLF4JBridgeHandler") && !SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** Takes the JUL bridge out again when the application context closes (Boot's own systems do too). */
  @Override
  public void cleanUp() {
    if (isPresent("org.slf4j.bridge.SLF4JBridgeHandler") && SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.uninstall();
    }
  }

  private static boolean isPresent(String className) {
    return ClassUtils.isPresent(className, PlatformLoggingSystem.class.getClassLoader());
  }

  @Override
  public void initialize(LoggingInitializationContext context, String configLocation, LogFile logFile) {
    if (configLocation != null && !configLocation.isBlank()) {
      throw new IllegalStateException(
          "logging.config is set to " + configLocation + ", but platform-logger is the logging system: it is"
              + " configured by platform-logger.* properties (docs/spring-boot.md); remove logging.config");
    }
    // Levels set before (logging.level.* of a parent context, actuator) are carried over by configure().
    PlatformLoggers.configure(SpringPlatformLoggerConfig.from(context.getEnvironment()));
  }

  @Override
  public Runnable getShutdownHandler() {
    return PlatformLoggers::shutdown;
  }

  @Override
  public Set<LogLevel> getSupportedLogLevels() {
    return SUPPORTED;
  }

  /** Sets ({@code level} non-null) or clears the run-time level of a logger-name prefix. */
  @Override
  public void setLogLevel(String loggerName, LogLevel level) {
    PlatformLoggers.levels().set(loggerName, level == null ? null : toLevel(loggerName, level));
  }

  /**
   * The root, every prefix with a level, every logger used so far and each of their parent names
   * (so {@code com.acme} can be chosen in {@code /actuator/loggers} before any logger of that name
   * exists), sorted with the root first.
   */
  @Override
  public List<LoggerConfiguration> getLoggerConfigurations() {
    LogLevels levels = PlatformLoggers.levels();
    Set<String> names = new TreeSet<>();
    names.addAll(levels.overrides().keySet());
    names.addAll(PlatformLoggers.pipeline().config().loggerLevels().keySet());
    for (String name : levels.loggerNames()) {
      for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
        names.add(name.substring(0, dot));
      }
      names.add(name);
    }
    names.remove(LogLevels.ROOT);
    List<LoggerConfiguration> all = new ArrayList<>(names.size() + 1);
    all.add(configuration(levels, ROOT_LOGGER_NAME));
    for (String name : names) {
      all.add(configuration(levels, name));
    }
    return all;
  }

  @Override
  public LoggerConfiguration getLoggerConfiguration(String loggerName) {
    return configuration(PlatformLoggers.levels(), loggerName == null ? ROOT_LOGGER_NAME : loggerName);
  }

  private static LoggerConfiguration configuration(LogLevels levels, String name) {
    Level configured = levels.configured(name);
    return new LoggerConfiguration(name, configured == null ? null : toLogLevel(configured), toLogLevel(levels.effective(name)));
  }

  static Level toLevel(String loggerName, LogLevel level) {
    if (level == LogLevel.OFF) {
      throw new IllegalArgumentException(
          "logging.level." + loggerName + "=OFF is not supported by platform-logger, which has no OFF level;"
              + " use ERROR (the least verbose level)");
    }
    // FATAL means ERROR, as with Logback: there is nothing above it. The other names are the same.
    return level == LogLevel.FATAL ? Level.ERROR : Level.valueOf(level.name());
  }

  static LogLevel toLogLevel(Level level) {
    return LogLevel.valueOf(level.name());
  }

  /**
   * Registered in {@code META-INF/spring.factories}; offers this system when SLF4J is bound to
   * platform-logger (so an application that still has Logback keeps Boot's Logback system).
   */
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public static final class Factory implements LoggingSystemFactory {
    @Override
    public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
      return isBound() ? new PlatformLoggingSystem() : null;
    }

    static boolean isBound() {
      return LoggerFactory.getILoggerFactory().getClass().getName().startsWith("io.platformlogger.");
    }
  }
}
