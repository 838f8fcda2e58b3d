package io.platformlogger.spring;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.RequestHeaders;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * WebFlux request context: the {@link LogContext} from the request's headers travels in the
 * Reactor context under {@link LogContextAccessor#KEY}; with automatic context propagation on
 * (the auto-configuration turns it on) Reactor makes it the current context on whichever thread
 * runs an operator of that request, and restores the thread's own afterwards, so concurrent
 * requests never see each other's. The request id goes on the response ({@code X-Request-Id},
 * generated when absent). One instance serves all requests; thread-safe.
 */
public class LogContextWebFilter implements WebFilter, Ordered {
  private final boolean generateRequestId;

  public LogContextWebFilter(boolean generateRequestId) {
    this.generateRequestId = generateRequestId;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    LogContext context = RequestContexts.fromHeaders(exchange.getRequest().getHeaders(), generateRequestId);
    if (context.requestId() != null) {
      exchange.getResponse().getHeaders().set(RequestHeaders.REQUEST_ID, context.requestId());
    }
    return chain.filter(exchange).contextWrite(ctx -> ctx.put(LogContextAccessor.KEY, context));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}
