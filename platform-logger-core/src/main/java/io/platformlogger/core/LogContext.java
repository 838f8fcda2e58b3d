package io.platformlogger.core;

import io.platformlogger.core.internal.ContextStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A scoped, immutable bag of tenant, user and request fields that every entry logged on the
 * current thread picks up.
 *
 * <pre>{@code
 * try (LogContext.Scope s = LogContext.with().tenantId("t-42").requestId(rid).open()) {
 *   log.info("order placed");          // carries tenant_id and request_id
 * }                                     // the previous context is back
 * }</pre>
 *
 * <p>Besides the named fields a context holds free-form string {@linkplain #extras() extras}:
 * SLF4J's {@code MDC} reads and writes this same store, so {@code MDC.put("tenant_id", "t-42")}
 * and a {@code LogContext} scope are two views of one thing. Extras end up in an entry's
 * {@code data}. Instances are immutable and thread-safe; the "current" context is per thread.
 * Use {@link #wrap(Runnable)} and {@link ContextPropagation} to carry it into other threads.
 */
public final class LogContext {
  private static final LogContext EMPTY = new Builder().build();

  private final String tenantId;
  private final String tenantSlug;
  private final String workspaceId;
  private final String projectId;
  private final String userId;
  private final String sessionId;
  private final String impersonatorId;
  private final String requestId;
  private final String traceId;
  private final String spanId;
  private final Map<String, String> extras;

  private LogContext(Builder b) {
    this.tenantId = b.tenantId;
    this.tenantSlug = b.tenantSlug;
    this.workspaceId = b.workspaceId;
    this.projectId = b.projectId;
    this.userId = b.userId;
    this.sessionId = b.sessionId;
    this.impersonatorId = b.impersonatorId;
    this.requestId = b.requestId;
    this.traceId = b.traceId;
    this.spanId = b.spanId;
    this.extras = b.extras == null || b.extras.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
  }

  /** The context with no fields set. */
  public static LogContext empty() {
    return EMPTY;
  }

  /** The current thread's context (never null). */
  public static LogContext current() {
    return ContextStore.current();
  }

  /** A builder starting from the current thread's context, so scopes nest by adding fields. */
  public static Builder with() {
    return current().toBuilder();
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this context's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.tenantId = tenantId;
    b.tenantSlug = tenantSlug;
    b.workspaceId = workspaceId;
    b.projectId = projectId;
    b.userId = userId;
    b.sessionId = sessionId;
    b.impersonatorId = impersonatorId;
    b.requestId = requestId;
    b.traceId = traceId;
    b.spanId = spanId;
    if (!extras.isEmpty()) {
      b.extras = new LinkedHashMap<>(extras);
    }
    return b;
  }

  /** Makes this the current thread's context until the returned scope is closed. */
  public Scope open() {
    LogContext previous = ContextStore.current();
    ContextStore.set(this);
    return new Scope(previous, this);
  }

  /** A runnable that runs {@code task} with this context current, restoring the thread's own afterwards. */
  public Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      try (Scope ignored = open()) {
        task.run();
      }
    };
  }

  /** A callable that runs {@code task} with this context current. */
  public <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      try (Scope ignored = open()) {
        return task.call();
      }
    };
  }

  /** A supplier that runs {@code task} with this context current (for {@code CompletableFuture.supplyAsync}). */
  public <T> Supplier<T> wrap(Supplier<T> task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      try (Scope ignored = open()) {
        return task.get();
      }
    };
  }

  /**
   * The value of a named field or an extra, by MDC key. Field keys may be given in snake_case or
   * camelCase ({@code tenant_id} or {@code tenantId}).
   */
  public String get(String key) {
    if (key == null) {
      return null;
    }
    switch (key) {
      case "tenantId":
      case "tenant_id":
        return tenantId;
      case "tenantSlug":
      case "tenant_slug":
        return tenantSlug;
      case "workspaceId":
      case "workspace_id":
        return workspaceId;
      case "projectId":
      case "project_id":
        return projectId;
      case "userId":
      case "user_id":
        return userId;
      case "sessionId":
      case "session_id":
        return sessionId;
      case "impersonatorId":
      case "impersonator_id":
        return impersonatorId;
      case "requestId":
      case "request_id":
        return requestId;
      case "traceId":
      case "trace_id":
        return traceId;
      case "spanId":
      case "span_id":
        return spanId;
      default:
        return extras.get(key);
    }
  }

  /** True when no field and no extra is set. */
  public boolean isEmpty() {
    return this == EMPTY || equals(EMPTY);
  }

  public String tenantId() {
    return tenantId;
  }

  public String tenantSlug() {
    return tenantSlug;
  }

  public String workspaceId() {
    return workspaceId;
  }

  public String projectId() {
    return projectId;
  }

  public String userId() {
    return userId;
  }

  public String sessionId() {
    return sessionId;
  }

  public String impersonatorId() {
    return impersonatorId;
  }

  public String requestId() {
    return requestId;
  }

  public String traceId() {
    return traceId;
  }

  public String spanId() {
    return spanId;
  }

  /** Free-form string values (MDC keys that are not named fields); unmodifiable. */
  public Map<String, String> extras() {
    return extras;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LogContext)) {
      return false;
    }
    LogContext c = (LogContext) o;
    return Objects.equals(tenantId, c.tenantId)
        && Objects.equals(tenantSlug, c.tenantSlug)
        && Objects.equals(workspaceId, c.workspaceId)
        && Objects.equals(projectId, c.projectId)
        && Objects.equals(userId, c.userId)
        && Objects.equals(sessionId, c.sessionId)
        && Objects.equals(impersonatorId, c.impersonatorId)
        && Objects.equals(requestId, c.requestId)
        && Objects.equals(traceId, c.traceId)
        && Objects.equals(spanId, c.spanId)
        && extras.equals(c.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenantId, tenantSlug, workspaceId, projectId, userId, sessionId, impersonatorId, requestId, traceId, spanId, extras);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LogContext{");
    if (tenantId != null) {
      sb.append("tenant_id=").append(tenantId).append(", ");
    }
    if (tenantSlug != null) {
      sb.append("tenant_slug=").append(tenantSlug).append(", ");
    }
    if (workspaceId != null) {
      sb.append("workspace_id=").append(workspaceId).append(", ");
    }
    if (projectId != null) {
      sb.append("project_id=").append(projectId).append(", ");
    }
    if (userId != null) {
      sb.append("user_id=").append(userId).append(", ");
    }
    if (sessionId != null) {
      sb.append("session_id=").append(sessionId).append(", ");
    }
    if (impersonatorId != null) {
      sb.append("impersonator_id=").append(impersonatorId).append(", ");
    }
    if (requestId != null) {
      sb.append("request_id=").append(requestId).append(", ");
    }
    if (traceId != null) {
      sb.append("trace_id=").append(traceId).append(", ");
    }
    if (spanId != null) {
      sb.append("span_id=").append(spanId).append(", ");
    }
    if (!extras.isEmpty()) {
      sb.append("extras=").append(extras).append(", ");
    }
    if (sb.charAt(sb.length() - 1) == ' ') {
      sb.setLength(sb.length() - 2);
    }
    return sb.append('}').toString();
  }

  /**
   * Restores the context that was current when it was opened. Closing is idempotent, and a close
   * on another thread than the opening one does nothing (it must not overwrite that thread's
   * context). Scopes closed out of order restore what was current when each was opened, as
   * OpenTelemetry's context scopes do.
   */
  public static final class Scope implements AutoCloseable {
    private final LogContext previous;
    private final LogContext opened;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private Scope(LogContext previous, LogContext opened) {
      this.previous = previous;
      this.opened = opened;
    }

    /** The context this scope made current. */
    public LogContext context() {
      return opened;
    }

    @Override
    public void close() {
      if (!closed && Thread.currentThread() == owner) {
        closed = true;
        ContextStore.set(previous);
      }
    }
  }

  /** Mutable builder for {@link LogContext}; not thread-safe. */
  public static final class Builder {
    private String tenantId;
    private String tenantSlug;
    private String workspaceId;
    private String projectId;
    private String userId;
    private String sessionId;
    private String impersonatorId;
    private String requestId;
    private String traceId;
    private String spanId;
    private Map<String, String> extras;

    private Builder() {}

    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    public Builder tenantSlug(String tenantSlug) {
      this.tenantSlug = tenantSlug;
      return this;
    }

    public Builder workspaceId(String workspaceId) {
      this.workspaceId = workspaceId;
      return this;
    }

    public Builder projectId(String projectId) {
      this.projectId = projectId;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    public Builder impersonatorId(String impersonatorId) {
      this.impersonatorId = impersonatorId;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder spanId(String spanId) {
      this.spanId = spanId;
      return this;
    }

    /**
     * Sets a field by MDC key: a named field's snake_case or camelCase name sets that field, any
     * other key sets an extra. A null value removes it.
     */
    public Builder put(String key, String value) {
      Objects.requireNonNull(key, "key");
      switch (key) {
        case "tenantId":
        case "tenant_id":
          tenantId = value;
          return this;
        case "tenantSlug":
        case "tenant_slug":
          tenantSlug = value;
          return this;
        case "workspaceId":
        case "workspace_id":
          workspaceId = value;
          return this;
        case "projectId":
        case "project_id":
          projectId = value;
          return this;
        case "userId":
        case "user_id":
          userId = value;
          return this;
        case "sessionId":
        case "session_id":
          sessionId = value;
          return this;
        case "impersonatorId":
        case "impersonator_id":
          impersonatorId = value;
          return this;
        case "requestId":
        case "request_id":
          requestId = value;
          return this;
        case "traceId":
        case "trace_id":
          traceId = value;
          return this;
        case "spanId":
        case "span_id":
          spanId = value;
          return this;
        default:
          if (value == null) {
            if (extras != null) {
              extras.remove(key);
            }
          } else {
            if (extras == null) {
              extras = new LinkedHashMap<>();
            }
            extras.put(key, value);
          }
          return this;
      }
    }

    /** Removes every field and extra. */
    public Builder clear() {
      tenantId = null;
      tenantSlug = null;
      workspaceId = null;
      projectId = null;
      userId = null;
      sessionId = null;
      impersonatorId = null;
      requestId = null;
      traceId = null;
      spanId = null;
      extras = null;
      return this;
    }

    public LogContext build() {
      return new LogContext(this);
    }

    /** Builds the context and makes it current until the scope is closed. */
    public Scope open() {
      return build().open();
    }
  }
}
