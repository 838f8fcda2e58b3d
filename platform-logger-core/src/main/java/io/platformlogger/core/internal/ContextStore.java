package io.platformlogger.core.internal;

import io.platformlogger.core.LogContext;

/**
 * The per-thread holder of the current {@link LogContext}, shared by {@code LogContext} scopes and
 * the SLF4J MDC adapter. Internal: not part of the API.
 */
public final class ContextStore {
  private static final ThreadLocal<LogContext> CURRENT = new ThreadLocal<>();

  private ContextStore() {}

  public static LogContext current() {
    LogContext c = CURRENT.get();
    return c != null ? c : LogContext.empty();
  }

  public static void set(LogContext context) {
    if (context == null || context == LogContext.empty()) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
  }
}
