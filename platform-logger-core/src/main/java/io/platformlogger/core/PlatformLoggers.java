package io.platformlogger.core;

import io.platformlogger.core.config.ConfigurationException;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogLevels;
import io.platformlogger.core.pipeline.LogPipeline;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point: the process-wide pipeline and the logger factories.
 *
 * <p>The process-wide pipeline is created on first use from {@code platform-logger.properties},
 * {@code platform-logger.*} system properties and {@code PLATFORM_LOGGER_*} environment variables
 * (see docs/configuration.md), unless {@link #configure} or {@link #install} set one first. The
 * SLF4J provider and every logger made here log through it, even after it is replaced. Thread-safe.
 */
public final class PlatformLoggers {
  private static volatile LogPipeline current;
  private static final ThreadLocal<Boolean> CREATING = new ThreadLocal<>();
  private static LogPipeline bootstrap; // guarded by the class lock

  private PlatformLoggers() {}

  /**
   * A logger for {@code service}: entries carry it as their service and logger name.
   *
   * @throws ConfigurationException if the process-wide pipeline must be created now and its
   *     configuration is invalid (fail fast, at start-up)
   */
  public static PlatformLogger createLogger(String service) {
    Objects.requireNonNull(service, "service");
    pipelineOrThrow();
    return new PlatformLogger(service, service, null, null);
  }

  /**
   * A logger for one request: tenant, user, session, request and trace fields come from the
   * request's headers ({@link RequestHeaders} lists the names and rules). Malformed header values
   * are not used; each one is reported once as a WARN entry by the returned logger, naming the
   * header and the rule it broke.
   *
   * @param headers a header map as servlet containers and HTTP frameworks give it, with String,
   *     String[] or List of String values; names are matched case-insensitively
   */
  public static PlatformLogger createRequestLogger(String service, Map<String, ?> headers) {
    PlatformLogger base = createLogger(service);
    RequestHeaders parsed = RequestHeaders.parse(headers);
    PlatformLogger logger = base.withContext(parsed.context());
    for (String problem : parsed.problems()) {
      logger.atWarn().eventType("platform_logger.invalid_header").log("ignored request header: {}", problem);
    }
    return logger;
  }

  /** {@link #createRequestLogger(String, Map)} for the configured service. */
  public static PlatformLogger createRequestLogger(Map<String, ?> headers) {
    return createRequestLogger(pipelineOrThrow().config().service(), headers);
  }

  /**
   * The process-wide pipeline's logger levels, to read or change at run time; a change applies to
   * every logger's next call. Levels set here are carried over when {@link #configure} replaces
   * the pipeline.
   */
  public static LogLevels levels() {
    return pipeline().levels();
  }

  /** The process-wide pipeline, created on first use. Never throws: see {@link #createLogger}. */
  public static LogPipeline pipeline() {
    LogPipeline p = current;
    return p != null ? p : init(false);
  }

  private static LogPipeline pipelineOrThrow() {
    LogPipeline p = current;
    return p != null ? p : init(true);
  }

  private static synchronized LogPipeline init(boolean rethrow) {
    if (current == null) {
      if (CREATING.get() != null) {
        // Building the pipeline logged on this same thread (a sink's client library): answer with
        // a closed pipeline, which counts such entries instead of building a second pipeline.
        return bootstrap();
      }
      CREATING.set(Boolean.TRUE);
      try {
        current = LogPipeline.builder().build();
      } catch (RuntimeException e) {
        if (rethrow) {
          throw e;
        }
        // Reached from a logging call (SLF4J), which must not throw: say so once and log to the
        // console with defaults rather than lose the application's entries.
        System.err.println("platform-logger: invalid configuration, logging to the console with defaults"
            + " until it is fixed: " + e.getMessage());
        current = LogPipeline.builder().config(PlatformLoggerConfig.builder().consoleEnabled(true).build()).build();
      } finally {
        CREATING.remove();
      }
    }
    return current;
  }

  private static LogPipeline bootstrap() {
    LogPipeline b = bootstrap;
    if (b == null) {
      b = LogPipeline.builder()
          .config(PlatformLoggerConfig.builder().consoleEnabled(false).shutdownHook(false).build())
          .configuredSinks(false)
          .build();
      b.close();
      bootstrap = b;
    }
    return b;
  }

  /**
   * Replaces the process-wide pipeline with one built from {@code config}, closing the previous
   * one (which flushes it).
   *
   * @throws ConfigurationException if a sink named in the configuration cannot be created
   */
  public static synchronized LogPipeline configure(PlatformLoggerConfig config) {
    LogPipeline next = LogPipeline.builder().config(config).build();
    LogPipeline previous = current;
    if (previous != null) {
      previous.levels().overrides().forEach(next.levels()::set);
    }
    install(next);
    if (previous != null) {
      previous.close();
    }
    return next;
  }

  /**
   * Makes {@code pipeline} the process-wide one and returns the previous (not closed: the caller
   * decides), or null. Loggers already handed out switch to it on their next call. Installing
   * null means the next use creates a pipeline from configuration again (test helpers use this to
   * restore the state they found).
   */
  public static synchronized LogPipeline install(LogPipeline pipeline) {
    LogPipeline previous = current;
    current = pipeline;
    return previous;
  }

  /** Closes the process-wide pipeline (flushing it) if one was created. */
  public static synchronized void shutdown() {
    LogPipeline p = current;
    if (p != null) {
      p.close();
    }
  }
}
