package io.platformlogger.core.slf4j;

import io.platformlogger.core.LogSite;
import io.platformlogger.core.location.SiteAwareEventBuilder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.spi.DefaultLoggingEventBuilder;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The fluent API's builder for enabled levels: SLF4J's own {@link DefaultLoggingEventBuilder}
 * (which collects markers, arguments, key/values and the cause, then hands the event to the
 * logger's {@code log(LoggingEvent)}), except that a {@link Supplier} that throws does not throw
 * into the application: its value becomes {@code "[supplier failed: <exception class>]"} and the
 * failure is counted in {@link PlatformSlf4jServiceProvider#internalErrors()}. Suppliers are
 * evaluated on the caller's thread when added, as in SLF4J. Code rewritten by the source-location
 * processor sets the call site before logging. Used by one thread, once.
 */
final class PlatformLoggingEventBuilder extends DefaultLoggingEventBuilder implements SiteAwareEventBuilder {
  private LogSite site;

  PlatformLoggingEventBuilder(Logger logger, Level level) {
    super(logger, level);
  }

  @Override
  public LoggingEventBuilder addArgument(Supplier<?> supplier) {
    loggingEvent.addArgument(evaluate(supplier, false));
    return this;
  }

  @Override
  public LoggingEventBuilder addKeyValue(String key, Supplier<Object> supplier) {
    loggingEvent.addKeyValue(key, evaluate(supplier, false));
    return this;
  }

  @Override
  public LoggingEventBuilder setMessage(Supplier<String> supplier) {
    loggingEvent.setMessage((String) evaluate(supplier, true));
    return this;
  }

  @Override
  public void log(Supplier<String> supplier) {
    log((String) evaluate(supplier, true));
  }

  @Override
  public void site(LogSite site) {
    this.site = site;
  }

  @Override
  protected void log(LoggingEvent event) {
    if (site != null && logger instanceof PlatformSlf4jLogger) {
      ((PlatformSlf4jLogger) logger).log(event, site);
    } else {
      super.log(event);
    }
  }

  private static Object evaluate(Supplier<?> supplier, boolean asText) {
    if (supplier == null) {
      return null;
    }
    try {
      Object value = supplier.get();
      // asText: a raw-typed Supplier<String> may still return something else.
      return asText && value != null ? value.toString() : value;
    } catch (Throwable t) {
      PlatformSlf4jServiceProvider.recordInternalError();
      return "[supplier failed: " + t.getClass().getName() + "]";
    }
  }
}
