package io.platformlogger.core.location;

import io.platformlogger.core.LogSite;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;

/**
 * Implemented by platform-logger's own SLF4J logger so that {@link Slf4jCalls} can hand it a call
 * site. Not meant for applications. Implementations are thread-safe and never throw.
 */
public interface SiteAwareLogger extends Logger {
  /** Logs a normalized call (arguments without a trailing throwable) with its call site. */
  void logAt(LogSite site, Level level, Marker marker, String template, Object[] args, Throwable throwable);
}
