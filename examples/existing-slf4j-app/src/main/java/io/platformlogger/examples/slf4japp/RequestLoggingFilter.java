package io.platformlogger.examples.slf4japp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.RequestHeaders;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that knows about platform-logger: puts the request's tenant, user, request and
 * trace headers into the logging context for the whole exchange, so every SLF4J call the handlers
 * make carries them, and writes one access entry per request through {@link
 * PlatformLoggers#createRequestLogger}, which also reports malformed headers. Thread-safe.
 */
final class RequestLoggingFilter extends Filter {
  private final String service;

  RequestLoggingFilter(String service) {
    this.service = service;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    long start = System.nanoTime();
    Map<String, ?> headers = exchange.getRequestHeaders();
    LogContext context = RequestHeaders.parse(headers).context();
    if (context.requestId() == null) {
      context = context.toBuilder().requestId(UUID.randomUUID().toString()).build();
    }
    exchange.getResponseHeaders().set(RequestHeaders.REQUEST_ID, context.requestId());
    PlatformLogger access = PlatformLoggers.createRequestLogger(service, headers).withContext(context);
    try (LogContext.Scope scope = context.open()) {
      chain.doFilter(exchange);
    } finally {
      access
          .atInfo()
          .eventType("http.request")
          .with("method", exchange.getRequestMethod())
          .with("path", exchange.getRequestURI().getPath())
          .with("status", exchange.getResponseCode())
          .with("duration_ms", (System.nanoTime() - start) / 1_000_000)
          .log("{} {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getResponseCode());
    }
  }

  @Override
  public String description() {
    return "tenant, request and trace context for every log call of a request";
  }
}
