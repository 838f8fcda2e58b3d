package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.backend.LogCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link LogEvent}s and reads their package-private fields, for tests in other packages
 * (which see them as {@link LogCall}s, as the logging API does).
 */
public final class LogEventProbe {
  private LogEventProbe() {}

  /** A call captured now on this thread, as {@code LogPipeline.capture} makes it, but at {@code at}. */
  public static LogCall capture(Level level, String loggerName, Instant at) {
    return new LogEvent(level, loggerName, at);
  }

  public static Level level(LogCall c) {
    return ((LogEvent) c).level;
  }

  public static String loggerName(LogCall c) {
    return ((LogEvent) c).loggerName;
  }

  public static String template(LogCall c) {
    return ((LogEvent) c).template;
  }

  public static Object[] args(LogCall c) {
    LogEvent e = (LogEvent) c;
    return e.args();
  }

  public static Throwable throwable(LogCall c) {
    LogEvent e = (LogEvent) c;
    return e.throwable();
  }

  public static List<String> markers(LogCall c) {
    LogEvent e = (LogEvent) c;
    return e.markers();
  }

  public static Map<String, ?> data(LogCall c) {
    return ((LogEvent) c).data(); // as EntryFactory does: key/values handed over flat become the map
  }

  public static LogContext context(LogCall c) {
    LogEvent e = (LogEvent) c;
    return e.context;
  }

  public static String threadName(LogCall c) {
    LogEvent e = (LogEvent) c;
    return e.threadName;
  }

  public static io.platformlogger.core.LogSite site(LogCall c) {
    LogEvent e = (LogEvent) c;
    return e.site;
  }

  public static Instant timestamp(LogCall c) {
    LogEvent e = (LogEvent) c;
    return Instant.ofEpochMilli(e.epochMillis).plusNanos(e.nanoOfMilli);
  }
}
