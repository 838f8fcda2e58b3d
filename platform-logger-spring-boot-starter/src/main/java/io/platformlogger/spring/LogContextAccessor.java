package io.platformlogger.spring;

import io.micrometer.context.ThreadLocalAccessor;
import io.platformlogger.core.LogContext;

/**
 * Lets Micrometer's context-propagation (what Reactor's automatic context propagation uses) move
 * the current {@link LogContext} between the Reactor context and the thread: registered once in
 * the global {@code ContextRegistry} by the auto-configuration. Called on whatever thread Reactor
 * runs an operator on; stateless.
 */
public final class LogContextAccessor implements ThreadLocalAccessor<LogContext> {
  /** The Reactor context key holding a request's {@link LogContext}. */
  public static final String KEY = "platform-logger.log-context";

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public LogContext getValue() {
    LogContext current = LogContext.current();
    return current.isEmpty() ? null : current;
  }

  @Override
  @SuppressWarnings("resource") // scopes restore by value: the next setValue/reset replaces it
  public void setValue(LogContext value) {
    value.open();
  }

  @Override
  @SuppressWarnings("resource")
  public void setValue() {
    LogContext.empty().open();
  }
}
