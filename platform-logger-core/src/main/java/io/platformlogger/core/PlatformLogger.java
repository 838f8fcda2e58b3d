package io.platformlogger.core;

import io.platformlogger.core.backend.LogBackend;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.pipeline.LogLevels;
import io.platformlogger.core.pipeline.LogPipeline;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rich logging API: messages with structured data, errors with throwables, SLF4J-style
 * {@code {}} parameters, and a fluent form for the schema's extra fields.
 *
 * <pre>{@code
 * PlatformLogger log = PlatformLoggers.createLogger("billing");
 * log.info("order placed", Map.of("order_id", id, "amount", 42.5));
 * log.info("order {} placed by {}", id, user);
 * log.error("payment failed", e, Map.of("order_id", id));
 * log.atWarn().eventType("payment.retry").with("attempt", 3).log("retrying {}", id);
 * }</pre>
 *
 * <p>A call on a disabled level returns after one threshold check, building nothing. A call never
 * blocks on I/O and never throws. Thread-safe and immutable; loggers are cheap, keep them in
 * fields.
 */
public final class PlatformLogger {
  /** Failures a call of this API (or of a {@link LogStatement}) caught instead of throwing. */
  private static final LongAdder INTERNAL_ERRORS = new LongAdder();

  private final String service;
  private final String name;
  private final LogPipeline fixedPipeline;
  private final LogContext boundContext;

  // Cached threshold for the pipeline and levels generation it was computed for; revalidated with
  // two compares, so a level changed at run time applies from the next call.
  private volatile Cache cache;

  PlatformLogger(String service, String name, LogPipeline fixedPipeline, LogContext boundContext) {
    this.service = service;
    this.name = Objects.requireNonNull(name, "name");
    this.fixedPipeline = fixedPipeline;
    this.boundContext = boundContext;
  }

  /** A logger on {@code pipeline} (instead of the process-wide one) for {@code service}. */
  public static PlatformLogger on(LogPipeline pipeline, String service) {
    return new PlatformLogger(service, service, Objects.requireNonNull(pipeline, "pipeline"), null);
  }

  /**
   * How many failures calls of this API and of {@link LogStatement} caught instead of throwing
   * into the application since the JVM started (a clock or pipeline that threw, an event that
   * could not be built or submitted): the counterpart of {@code
   * PlatformSlf4jServiceProvider.internalErrors()} for the SLF4J path. Never decreases.
   */
  public static long internalErrors() {
    return INTERNAL_ERRORS.sum();
  }

  static void recordInternalError() {
    INTERNAL_ERRORS.increment();
  }

  /** The service name stamped on entries (null: the pipeline's configured service). */
  public String service() {
    return service;
  }

  /** The logger name, which drives per-logger level overrides. */
  public String name() {
    return name;
  }

  /** A logger with the same settings and another logger name. */
  public PlatformLogger named(String loggerName) {
    return new PlatformLogger(service, loggerName, fixedPipeline, boundContext);
  }

  /**
   * A logger whose entries carry {@code context}'s fields (over the thread's current context,
   * which still fills fields this one leaves unset).
   */
  public PlatformLogger withContext(LogContext context) {
    return new PlatformLogger(service, name, fixedPipeline, context);
  }

  /** The context fixed on this logger, or null. */
  public LogContext boundContext() {
    return boundContext;
  }

  LogPipeline pipeline() {
    return fixedPipeline != null ? fixedPipeline : PlatformLoggers.pipeline();
  }

  private LogBackend enabledPipeline(Level level) {
    LogBackend p = pipeline();
    Cache c = cache;
    LogLevels levels = p.levels();
    int generation = levels.generation();
    if (c == null || c.pipeline != p || c.generation != generation) {
      // The generation is read before the threshold: a change in between only costs a recompute.
      c = new Cache(p, generation, levels.threshold(name));
      cache = c;
    }
    return level.isAtLeast(c.threshold) ? p : null;
  }

  public boolean isEnabled(Level level) {
    return enabledPipeline(level) != null;
  }

  public boolean isDebugEnabled() {
    return isEnabled(Level.DEBUG);
  }

  public boolean isInfoEnabled() {
    return isEnabled(Level.INFO);
  }

  // --- DEBUG

  public void debug(String message) {
    log(Level.DEBUG, message, null, null, (Object[]) null);
  }

  public void debug(String message, Map<String, ?> data) {
    log(Level.DEBUG, message, data, null, (Object[]) null);
  }

  public void debug(String template, Object arg) {
    log(Level.DEBUG, template, null, null, arg);
  }

  public void debug(String template, Object arg1, Object arg2) {
    log(Level.DEBUG, template, null, null, arg1, arg2);
  }

  public void debug(String template, Object... args) {
    log(Level.DEBUG, template, null, null, args);
  }

  // --- INFO

  public void info(String message) {
    log(Level.INFO, message, null, null, (Object[]) null);
  }

  public void info(String message, Map<String, ?> data) {
    log(Level.INFO, message, data, null, (Object[]) null);
  }

  public void info(String template, Object arg) {
    log(Level.INFO, template, null, null, arg);
  }

  public void info(String template, Object arg1, Object arg2) {
    log(Level.INFO, template, null, null, arg1, arg2);
  }

  public void info(String template, Object... args) {
    log(Level.INFO, template, null, null, args);
  }

  // --- WARN

  public void warn(String message) {
    log(Level.WARN, message, null, null, (Object[]) null);
  }

  public void warn(String message, Map<String, ?> data) {
    log(Level.WARN, message, data, null, (Object[]) null);
  }

  public void warn(String message, Throwable error) {
    log(Level.WARN, message, null, error, (Object[]) null);
  }

  public void warn(String template, Object arg) {
    log(Level.WARN, template, null, null, arg);
  }

  public void warn(String template, Object arg1, Object arg2) {
    log(Level.WARN, template, null, null, arg1, arg2);
  }

  public void warn(String template, Object... args) {
    log(Level.WARN, template, null, null, args);
  }

  // --- ERROR

  public void error(String message) {
    log(Level.ERROR, message, null, null, (Object[]) null);
  }

  public void error(String message, Map<String, ?> data) {
    log(Level.ERROR, message, data, null, (Object[]) null);
  }

  public void error(String message, Throwable error) {
    log(Level.ERROR, message, null, error, (Object[]) null);
  }

  public void error(String message, Throwable error, Map<String, ?> data) {
    log(Level.ERROR, message, data, error, (Object[]) null);
  }

  public void error(String template, Object arg) {
    log(Level.ERROR, template, null, null, arg);
  }

  public void error(String template, Object arg1, Object arg2) {
    log(Level.ERROR, template, null, null, arg1, arg2);
  }

  public void error(String template, Object... args) {
    log(Level.ERROR, template, null, null, args);
  }

  // --- fluent

  public LogStatement atDebug() {
    return at(Level.DEBUG);
  }

  public LogStatement atInfo() {
    return at(Level.INFO);
  }

  public LogStatement atWarn() {
    return at(Level.WARN);
  }

  public LogStatement atError() {
    return at(Level.ERROR);
  }

  /** A fluent statement at {@code level}; a no-op when the level is disabled. */
  public LogStatement at(Level level) {
    try {
      LogBackend p = enabledPipeline(level);
      if (p == null) {
        return LogStatement.NO_OP;
      }
      return new LogStatement(p, newEvent(p, level));
    } catch (Throwable t) {
      recordInternalError();
      return LogStatement.NO_OP;
    }
  }

  private LogCall newEvent(LogBackend p, Level level) {
    LogCall ev = p.capture(level, name);
    if (service != null) {
      ev.service(service);
    }
    if (boundContext != null) {
      ev.boundContext(boundContext);
    }
    return ev;
  }

  /**
   * Logs with a known call site: what code rewritten by the source-location processor calls (see
   * docs/source-location.md). {@code site}, {@code data}, {@code error} and {@code args} may be null.
   */
  public void logAt(LogSite site, Level level, String template, Map<String, ?> data, Throwable error, Object... args) {
    try {
      LogBackend p = enabledPipeline(level);
      if (p == null) {
        return;
      }
      LogCall ev = newEvent(p, level).message(template, args);
      if (data != null) {
        ev.data(data);
      }
      if (error != null) {
        ev.throwable(error);
      }
      if (site != null) {
        ev.site(site);
      }
      p.submit(ev);
    } catch (Throwable t) {
      recordInternalError(); // a logging call never throws into the application: counted instead
    }
  }

  private void log(Level level, String template, Map<String, ?> data, Throwable error, Object... args) {
    logAt(null, level, template, data, error, args);
  }

  private static final class Cache {
    final LogBackend pipeline;
    final int generation;
    final Level threshold;

    Cache(LogBackend pipeline, int generation, Level threshold) {
      this.pipeline = pipeline;
      this.generation = generation;
      this.threshold = threshold;
    }
  }
}
