package io.platformlogger.spring;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.RequestHeaders;
import java.util.Map;
import java.util.UUID;

/**
 * What both web filters do with a request's headers: the {@link LogContext} they carry (rules and
 * names in {@link RequestHeaders}), a generated request id when the request brings none, and one
 * WARN per malformed header (the header is not used). Stateless; any thread.
 */
final class RequestContexts {
  static final String LOGGER_NAME = "io.platformlogger.spring.RequestContext";

  private RequestContexts() {}

  /** The context for {@code headers} (String, String[] or List values), with a request id always set. */
  static LogContext fromHeaders(Map<String, ?> headers, boolean generateRequestId) {
    RequestHeaders parsed = RequestHeaders.parse(headers);
    LogContext context = parsed.context();
    if (generateRequestId && context.requestId() == null) {
      context = context.toBuilder().requestId(UUID.randomUUID().toString()).build();
    }
    if (!parsed.problems().isEmpty()) {
      // Rare: a logger per occurrence, on the configured service, bound to the request's context.
      PlatformLogger log = PlatformLoggers.createLogger(PlatformLoggers.pipeline().config().service())
          .named(LOGGER_NAME).withContext(context);
      for (String problem : parsed.problems()) {
        log.atWarn().eventType("platform_logger.invalid_header").log("ignored request header: {}", problem);
      }
    }
    return context;
  }
}
