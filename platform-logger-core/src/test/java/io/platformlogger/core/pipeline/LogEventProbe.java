package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Read access to a {@link LogEvent}'s package-private fields, for tests in other packages. */
public final class LogEventProbe {
  private LogEventProbe() {}

  public static Object[] args(LogEvent e) {
    return e.args;
  }

  public static Throwable throwable(LogEvent e) {
    return e.throwable;
  }

  public static List<String> markers(LogEvent e) {
    return e.markers;
  }

  public static Map<String, ?> data(LogEvent e) {
    return e.data;
  }

  public static LogContext context(LogEvent e) {
    return e.context;
  }

  public static String threadName(LogEvent e) {
    return e.threadName;
  }

  public static io.platformlogger.core.LogSite site(LogEvent e) {
    return e.site;
  }

  public static Instant timestamp(LogEvent e) {
    return Instant.ofEpochMilli(e.epochMillis).plusNanos(e.nanoOfMilli);
  }
}
