package io.platformlogger.core;

import io.platformlogger.core.internal.ContextStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

  /*
   * The request fields (EntryField.Group.REQUEST), indexed by their position in
   * EntryField.requestFields(); null where unset. Never modified after the constructor.
   */
  private final String[] fields;
  private final Map<String, String> extras;

  private LogContext(Builder b) {
    this.fields = b.fields.clone();
    this.extras = b.extras == null || b.extras.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
  }

  /** A field's slot in {@code fields}, by its JSON or Java name; -1 for any other key. */
  private static int slot(String key) {
    Integer i = SLOTS.get(key);
    return i == null ? -1 : i;
  }

  private static final Map<String, Integer> SLOTS = new java.util.HashMap<>();

  static {
    List<EntryField> request = EntryField.requestFields();
    for (int i = 0; i < request.size(); i++) {
      SLOTS.put(request.get(i).jsonName(), i);
      SLOTS.put(request.get(i).javaName(), i);
    }
  }

  private static final int FIRST = EntryField.requestFields().get(0).ordinal();

  private static int slot(EntryField field) {
    return field.ordinal() - FIRST; // the group is one range of ordinals: see EntryField
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
    System.arraycopy(fields, 0, b.fields, 0, fields.length);
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
    int slot = slot(key);
    return slot >= 0 ? fields[slot] : extras.get(key);
  }

  /** True when no field and no extra is set. */
  public boolean isEmpty() {
    return this == EMPTY || equals(EMPTY);
  }

  public String tenantId() {
    return fields[slot(EntryField.TENANT_ID)];
  }

  public String tenantSlug() {
    return fields[slot(EntryField.TENANT_SLUG)];
  }

  public String workspaceId() {
    return fields[slot(EntryField.WORKSPACE_ID)];
  }

  public String projectId() {
    return fields[slot(EntryField.PROJECT_ID)];
  }

  public String userId() {
    return fields[slot(EntryField.USER_ID)];
  }

  public String sessionId() {
    return fields[slot(EntryField.SESSION_ID)];
  }

  public String impersonatorId() {
    return fields[slot(EntryField.IMPERSONATOR_ID)];
  }

  public String requestId() {
    return fields[slot(EntryField.REQUEST_ID)];
  }

  public String traceId() {
    return fields[slot(EntryField.TRACE_ID)];
  }

  public String spanId() {
    return fields[slot(EntryField.SPAN_ID)];
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
    return Arrays.equals(fields, c.fields) && extras.equals(c.extras);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(fields) + extras.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LogContext{");
    List<EntryField> request = EntryField.requestFields();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != null) {
        sb.append(request.get(i).jsonName()).append('=').append(fields[i]).append(", ");
      }
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
    /* As LogContext.fields. */
    private final String[] fields = new String[EntryField.requestFields().size()];
    private Map<String, String> extras;

    private Builder() {}

    public Builder tenantId(String tenantId) {
      fields[slot(EntryField.TENANT_ID)] = tenantId;
      return this;
    }

    public Builder tenantSlug(String tenantSlug) {
      fields[slot(EntryField.TENANT_SLUG)] = tenantSlug;
      return this;
    }

    public Builder workspaceId(String workspaceId) {
      fields[slot(EntryField.WORKSPACE_ID)] = workspaceId;
      return this;
    }

    public Builder projectId(String projectId) {
      fields[slot(EntryField.PROJECT_ID)] = projectId;
      return this;
    }

    public Builder userId(String userId) {
      fields[slot(EntryField.USER_ID)] = userId;
      return this;
    }

    public Builder sessionId(String sessionId) {
      fields[slot(EntryField.SESSION_ID)] = sessionId;
      return this;
    }

    public Builder impersonatorId(String impersonatorId) {
      fields[slot(EntryField.IMPERSONATOR_ID)] = impersonatorId;
      return this;
    }

    public Builder requestId(String requestId) {
      fields[slot(EntryField.REQUEST_ID)] = requestId;
      return this;
    }

    public Builder traceId(String traceId) {
      fields[slot(EntryField.TRACE_ID)] = traceId;
      return this;
    }

    public Builder spanId(String spanId) {
      fields[slot(EntryField.SPAN_ID)] = spanId;
      return this;
    }

    /**
     * Sets a field by MDC key: a named field's snake_case or camelCase name sets that field, any
     * other key sets an extra. A null value removes it.
     */
    public Builder put(String key, String value) {
      Objects.requireNonNull(key, "key");
      int slot = slot(key);
      if (slot >= 0) {
        fields[slot] = value;
      } else if (value == null) {
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

    /** Removes every field and extra. */
    public Builder clear() {
      Arrays.fill(fields, null);
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
