package io.platformlogger.spring;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.RequestHeaders;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What both web filters do with a request's headers: the {@link LogContext} they carry (rules and
 * names in {@link RequestHeaders}), a generated request id when the request brings none, and one
 * WARN per malformed header (the header is not used). Stateless; any thread.
 */
final class RequestContexts {
  private static final Logger LOG = LoggerFactory.getLogger("io.platformlogger.spring.RequestContext");

  private RequestContexts() {}

  /** The context for {@code headers} (String, String[] or List values), with a request id always set. */
  static LogContext fromHeaders(Map<String, ?> headers, boolean generateRequestId) {
    RequestHeaders parsed = RequestHeaders.parse(headers);
    LogContext context = parsed.context();
    if (generateRequestId && context.requestId() == null) {
      context = context.toBuilder().requestId(UUID.randomUUID().toString()).build();
    }
    if (!parsed.problems().isEmpty()) {
      try (LogContext.Scope ignored = context.open()) {
        for (String problem : parsed.problems()) {
          LoggingEventBuilder warn = LOG.atWarn().addKeyValue("event_type", "platform_logger.invalid_header");
          warn.log("ignored request header: {}", problem);
        }
      }
    }
    return context;
  }
}
