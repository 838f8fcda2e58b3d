package io.platformlogger.core.location;

import io.platformlogger.core.LogSite;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Implemented by platform-logger's fluent SLF4J builder so that {@link FluentCalls} can give the
 * statement its call site before it is logged. Not meant for applications; used by one thread.
 */
public interface SiteAwareEventBuilder extends LoggingEventBuilder {
  /** Sets the call site of the entry this builder will log. */
  void site(LogSite site);
}
