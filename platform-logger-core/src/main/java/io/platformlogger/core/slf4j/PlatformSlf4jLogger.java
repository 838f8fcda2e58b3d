package io.platformlogger.core.slf4j;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.location.SiteAwareLogger;
import io.platformlogger.core.pipeline.LogEvent;
import io.platformlogger.core.pipeline.LogLevels;
import io.platformlogger.core.pipeline.LogPipeline;
import org.slf4j.Marker;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * An SLF4J logger writing into the process-wide pipeline. {@link AbstractLogger} supplies the
 * classic methods (each one level check, then one normalized call); the fluent API arrives through
 * {@link LoggingEventAware#log(LoggingEvent)}.
 *
 * <p>The level check is two volatile reads plus two compares: the threshold is cached together
 * with the pipeline and the {@link LogLevels#generation() levels generation} it came from, and
 * recomputed only when {@code PlatformLoggers} hands out another pipeline or a level changes. Calls never walk the stack (the caller boundary is ignored) and
 * never throw. Thread-safe.
 */
final class PlatformSlf4jLogger extends AbstractLogger
    implements LoggingEventAware, SiteAwareLogger, PlatformLoggingEventBuilder.Target {
  private static final long serialVersionUID = 1L;

  // Not volatile: Threshold is immutable (final fields), and a stale read only costs a recompute.
  private transient Threshold threshold = Threshold.UNRESOLVED;

  PlatformSlf4jLogger(String name) {
    this.name = name;
  }

  /** The pipeline to submit to if {@code level} is enabled for this logger, else null. */
  private LogPipeline enabledPipeline(Level level) {
    try {
      LogPipeline p = PipelineAccess.current();
      if (p == null) {
        return null;
      }
      Threshold t = threshold;
      LogLevels levels = p.levels();
      int generation = levels.generation();
      if (t == null || t.pipeline != p || t.generation != generation) {
        // The generation is read before the threshold: a change in between only costs a recompute.
        t = new Threshold(p, generation, levels.threshold(name));
        threshold = t;
      }
      return level.ordinal() >= t.minOrdinal ? p : null;
    } catch (Throwable e) {
      PlatformSlf4jServiceProvider.recordInternalError();
      return null;
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return enabledPipeline(Level.TRACE) != null;
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return enabledPipeline(Level.TRACE) != null;
  }

  @Override
  public boolean isDebugEnabled() {
    return enabledPipeline(Level.DEBUG) != null;
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return enabledPipeline(Level.DEBUG) != null;
  }

  @Override
  public boolean isInfoEnabled() {
    return enabledPipeline(Level.INFO) != null;
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return enabledPipeline(Level.INFO) != null;
  }

  @Override
  public boolean isWarnEnabled() {
    return enabledPipeline(Level.WARN) != null;
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return enabledPipeline(Level.WARN) != null;
  }

  @Override
  public boolean isErrorEnabled() {
    return enabledPipeline(Level.ERROR) != null;
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return enabledPipeline(Level.ERROR) != null;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null; // we never walk the stack
  }

  @Override
  protected void handleNormalizedLoggingCall(
      org.slf4j.event.Level slf4jLevel, Marker marker, String template, Object[] args, Throwable throwable) {
    logAt(null, slf4jLevel, marker, template, args, throwable);
  }

  /** A normalized call with its compile-time call site (null: none), from the rewritten bytecode. */
  @Override
  public void logAt(
      LogSite site, org.slf4j.event.Level slf4jLevel, Marker marker, String template, Object[] args, Throwable throwable) {
    try {
      Level level = Slf4jEvents.level(slf4jLevel);
      LogPipeline p = enabledPipeline(level);
      if (p == null) {
        return;
      }
      LogEvent event = Slf4jEvents.event(level, name, p.now(), template, args, throwable);
      if (marker != null) {
        event.markers(MarkerNames.of(marker));
      }
      if (site != null) {
        event.site(site);
      }
      p.submit(event);
    } catch (Throwable e) {
      PlatformSlf4jServiceProvider.recordInternalError();
    }
  }

  /** The fluent API's builder; {@code atInfo()} etc. return a no-op one for disabled levels. */
  @Override
  public LoggingEventBuilder makeLoggingEventBuilder(org.slf4j.event.Level level) {
    return new PlatformLoggingEventBuilder(this, Slf4jEvents.level(level));
  }

  /** A finished fluent statement (the level is checked again: the threshold may have changed). */
  @Override
  public void log(PlatformLoggingEventBuilder statement) {
    try {
      LogPipeline p = enabledPipeline(statement.level());
      if (p == null) {
        return;
      }
      p.submit(statement.toEvent(name, p.now()));
    } catch (Throwable e) {
      PlatformSlf4jServiceProvider.recordInternalError();
    }
  }

  /**
   * Logs a complete SLF4J event: replayed by SLF4J for loggers handed out while it was still
   * initializing, or from code that builds its own events (the fluent API goes through {@link
   * PlatformLoggingEventBuilder}). The level is checked again; the event's timestamp, thread
   * name and caller boundary are ignored (the pipeline's clock and this thread are used).
   */
  @Override
  public void log(LoggingEvent slf4jEvent) {
    try {
      Level level = Slf4jEvents.level(slf4jEvent.getLevel());
      LogPipeline p = enabledPipeline(level);
      if (p == null) {
        return;
      }
      p.submit(Slf4jEvents.event(level, name, p.now(), slf4jEvent));
    } catch (Throwable e) {
      PlatformSlf4jServiceProvider.recordInternalError();
    }
  }

  /** A threshold and the pipeline it was computed for; immutable. */
  private static final class Threshold {
    static final Threshold UNRESOLVED = new Threshold(null, -1, null);

    final LogPipeline pipeline;
    final int generation;
    final int minOrdinal;

    Threshold(LogPipeline pipeline, int generation, Level threshold) {
      this.pipeline = pipeline;
      this.generation = generation;
      // No threshold means nothing is enabled.
      this.minOrdinal = threshold != null ? threshold.ordinal() : Integer.MAX_VALUE;
    }
  }
}
