package io.platformlogger.core;

import io.platformlogger.core.backend.LogBackend;
import io.platformlogger.core.backend.LogCall;
import java.util.Map;

/**
 * One fluent logging statement, ended by {@code log(...)}:
 * {@code log.atWarn().eventType("payment.retry").with("attempt", 3).log("retrying {}", id)}.
 *
 * <p>Not thread-safe: use it on one thread, within one expression. Statements on a disabled level
 * are a shared no-op that ignores everything.
 */
public class LogStatement {
  static final LogStatement NO_OP = new LogStatement(null, null);

  private final LogBackend backend;
  private final LogCall event;
  /** key, value, key, value…: handed to the event flat, the map is made on the pipeline's thread. */
  private Object[] pairs;
  private int pairCount;
  private boolean logged;

  LogStatement(LogBackend backend, LogCall event) {
    this.backend = backend;
    this.event = event;
  }

  /** Adds one key/value to the entry's data (a later value for the same key wins). */
  public LogStatement with(String key, Object value) {
    if (event != null && key != null && !logged) { // once logged, the event owns the array
      pairs = LogCall.appendKeyValue(pairs, pairCount++, key, value);
    }
    return this;
  }

  /** Adds every key/value of {@code values} to the entry's data. */
  public LogStatement with(Map<String, ?> values) {
    if (event != null && values != null) {
      try {
        values.forEach(this::with);
      } catch (RuntimeException e) {
        with("data_unreadable", String.valueOf(e));
      }
    }
    return this;
  }

  public LogStatement cause(Throwable error) {
    if (event != null) {
      event.throwable(error);
    }
    return this;
  }

  public LogStatement eventType(String eventType) {
    if (event != null) {
      event.eventType(eventType);
    }
    return this;
  }

  public LogStatement action(String action) {
    if (event != null) {
      event.action(action);
    }
    return this;
  }

  public LogStatement errorCode(String errorCode) {
    if (event != null) {
      event.errorCode(errorCode);
    }
    return this;
  }

  /** The logical stream, such as {@code events} for lifecycle events (default: logs). */
  public LogStatement stream(String stream) {
    if (event != null) {
      event.stream(stream);
    }
    return this;
  }

  /** The call site (normally supplied at compile time by the source-location processor). */
  public LogStatement site(LogSite site) {
    if (event != null) {
      event.site(site);
    }
    return this;
  }

  public void log(String message) {
    log(message, (Object[]) null);
  }

  public void log(String template, Object... args) {
    if (event == null || logged) {
      return; // a statement is logged once; a second log() would hand the same event over twice
    }
    logged = true;
    try {
      event.message(template, args);
      if (pairCount > 0) {
        event.handOverKeyValues(pairs, pairCount);
      }
      backend.submit(event);
    } catch (Throwable t) {
      PlatformLogger.recordInternalError(); // never into the application: counted instead
    }
  }
}
