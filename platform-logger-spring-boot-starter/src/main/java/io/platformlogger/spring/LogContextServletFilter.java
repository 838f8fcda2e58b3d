package io.platformlogger.spring;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.RequestHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring MVC (servlet) request context: opens a {@link LogContext} from the request's headers
 * (tenant, user, session, request id, {@code traceparent}; see {@link RequestHeaders}) on the
 * request thread, puts the request id on the response ({@code X-Request-Id}, generated when the
 * request has none) before the handler runs, and closes the context once the chain returns.
 * Work the handler hands to other threads carries the context only through the core's wrappers
 * ({@code ContextPropagation}). One instance serves all requests; thread-safe.
 */
public class LogContextServletFilter extends OncePerRequestFilter {
  private final boolean generateRequestId;

  public LogContextServletFilter(boolean generateRequestId) {
    this.generateRequestId = generateRequestId;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Map<String, Object> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    LogContext context = RequestContexts.fromHeaders(headers, generateRequestId);
    if (context.requestId() != null) {
      response.setHeader(RequestHeaders.REQUEST_ID, context.requestId());
    }
    try (LogContext.Scope ignored = context.open()) {
      chain.doFilter(request, response);
    }
  }
}
