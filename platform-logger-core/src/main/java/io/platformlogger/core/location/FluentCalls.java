package io.platformlogger.core.location;

import io.platformlogger.core.LogSite;
import java.util.function.Supplier;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What the source-location processor calls instead of SLF4J's fluent
 * {@code LoggingEventBuilder.log(...)}: the builder first, the call's {@link LogSite} last. Our own
 * builder records the site; any other builder (Logback's, the no-op one of a disabled level) gets
 * the plain call. Thread-safe (builders themselves are used by one thread).
 */
public final class FluentCalls {
  private FluentCalls() {}

  private static LoggingEventBuilder at(LoggingEventBuilder builder, LogSite site) {
    if (builder instanceof SiteAwareEventBuilder) {
      ((SiteAwareEventBuilder) builder).site(site);
    }
    return builder;
  }

  public static void log(LoggingEventBuilder builder, LogSite site) {
    at(builder, site).log();
  }

  public static void log(LoggingEventBuilder builder, String message, LogSite site) {
    at(builder, site).log(message);
  }

  public static void log(LoggingEventBuilder builder, String format, Object arg, LogSite site) {
    at(builder, site).log(format, arg);
  }

  public static void log(LoggingEventBuilder builder, String format, Object arg1, Object arg2, LogSite site) {
    at(builder, site).log(format, arg1, arg2);
  }

  public static void log(LoggingEventBuilder builder, String format, Object[] args, LogSite site) {
    at(builder, site).log(format, args);
  }

  public static void log(LoggingEventBuilder builder, Supplier<String> message, LogSite site) {
    at(builder, site).log(message);
  }
}
