package io.platformlogger.core.slf4j;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.location.CallerLookup;
import io.platformlogger.core.location.SiteAwareLogger;
import io.platformlogger.core.backend.LogBackend;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.pipeline.LogLevels;
import io.platformlogger.core.pipeline.LogPipeline;
import org.slf4j.Marker;
import java.time.Instant;
import org.slf4j.event.LoggingEvent;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * An SLF4J logger writing into the process-wide pipeline. {@link AbstractLogger} supplies the
 * classic methods (each one level check, then one normalized call); the fluent API arrives through
 * {@link LoggingEventAware#log(LoggingEvent)}.
 *
 * <p>The level check is two volatile reads plus two compares: the threshold is cached together
 * with the pipeline and the {@link LogLevels#generation() levels generation} it came from, and
 * recomputed only when {@code PlatformLoggers} hands out another pipeline or a level changes
 * at run time. Calls never throw, and walk the stack only with {@code
 * location.runtime=true} (then below the caller boundary a bridge passes through {@link
 * LocationAwareLogger}). Thread-safe.
 *
 * <p>Public only because SLF4J replays the calls it queued while initializing through {@code
 * getClass().getMethod("log", LoggingEvent.class)}, which refuses methods of a non-public class;
 * applications get instances from {@code LoggerFactory}, never construct one.
 */
public final class PlatformSlf4jLogger extends AbstractLogger
    implements LoggingEventAware, LocationAwareLogger, SiteAwareLogger, PlatformLoggingEventBuilder.Target {
  private static final long serialVersionUID = 1L;

  // Not volatile: Threshold is immutable (final fields), and a stale read only costs a recompute.
  private transient Threshold threshold = Threshold.UNRESOLVED;

  PlatformSlf4jLogger(String name) {
    this.name = name;
  }

  /** The pipeline to submit to if {@code level} is enabled for this logger, else null. */
  private LogBackend enabledPipeline(Level level) {
    try {
      LogBackend p = PipelineAccess.current();
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
      LogBackend p = enabledPipeline(level);
      if (p == null) {
        return;
      }
      LogCall event = Slf4jEvents.message(p.capture(level, name), template, args, throwable);
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

  /**
   * A call from a bridge (jcl-over-slf4j, jul-to-slf4j, log4j-to-slf4j): {@code message} is final
   * text unless {@code argArray} is given, and with {@code location.runtime=true} the call site is
   * the frame below {@code fqcn}, the bridge's own class.
   */
  @Override
  public void log(Marker marker, String fqcn, int levelInt, String message, Object[] argArray, Throwable t) {
    try {
      org.slf4j.event.Level slf4jLevel = org.slf4j.event.Level.intToLevel(levelInt);
      LogBackend p = enabledPipeline(Slf4jEvents.level(slf4jLevel));
      if (p == null) {
        return;
      }
      LogSite site = p.locatesCallers() ? CallerLookup.find(fqcn) : null;
      logAt(site, slf4jLevel, marker, message, argArray, t);
    } catch (Throwable e) {
      PlatformSlf4jServiceProvider.recordInternalError();
    }
  }

  /** The fluent API's builder; {@code atInfo()} etc. return a no-op one for disabled levels. */
  @Override
  public LoggingEventBuilder makeLoggingEventBuilder(org.slf4j.event.Level level) {
    return PlatformLoggingEventBuilder.start(this, Slf4jEvents.level(level));
  }

  /** A finished fluent statement (the level is checked again: the threshold may have changed). */
  @Override
  public void log(PlatformLoggingEventBuilder statement) {
    try {
      LogBackend p = enabledPipeline(statement.level());
      if (p == null) {
        return;
      }
      p.submit(statement.fill(p.capture(statement.level(), name)));
    } catch (Throwable e) {
      PlatformSlf4jServiceProvider.recordInternalError();
    }
  }

  /**
   * Logs a complete SLF4J event: replayed by SLF4J for the calls it queued while it was still
   * initializing (those keep their own time and thread name; their MDC was not recorded), or from
   * code that builds its own events (the fluent API goes through {@link
   * PlatformLoggingEventBuilder}; there the pipeline's clock and this thread are used). The level
   * is checked again.
   */
  @Override
  public void log(LoggingEvent slf4jEvent) {
    try {
      Level level = Slf4jEvents.level(slf4jEvent.getLevel());
      LogBackend p = enabledPipeline(level);
      if (p == null) {
        return;
      }
      LogCall event =
          slf4jEvent instanceof SubstituteLoggingEvent && slf4jEvent.getTimeStamp() > 0
              ? p.replay(level, name, Instant.ofEpochMilli(slf4jEvent.getTimeStamp()),
                  String.valueOf(slf4jEvent.getThreadName()), LogContext.empty())
              : p.capture(level, name);
      p.submit(Slf4jEvents.fill(event, slf4jEvent));
    } catch (Throwable e) {
      PlatformSlf4jServiceProvider.recordInternalError();
    }
  }

  /** A threshold and the pipeline it was computed for; immutable. */
  private static final class Threshold {
    static final Threshold UNRESOLVED = new Threshold(null, -1, null);

    final LogBackend pipeline;
    final int generation;
    final int minOrdinal;

    Threshold(LogBackend pipeline, int generation, Level threshold) {
      this.pipeline = pipeline;
      this.generation = generation;
      // No threshold means nothing is enabled.
      this.minOrdinal = threshold != null ? threshold.ordinal() : Integer.MAX_VALUE;
    }
  }
}
