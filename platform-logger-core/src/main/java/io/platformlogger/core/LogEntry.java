package io.platformlogger.core;

import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.internal.FrozenMap;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One structured log entry: an immutable value carrying every field of the schema
 * (docs/schema.md), which {@link EntryField} describes field by field.
 *
 * <p>{@link #id()}, {@link #timestamp()}, {@link #level()}, {@link #message()} and {@link #data()}
 * are never null; {@link #markers()} and {@link #sanitized()} are never null (possibly empty);
 * every other field may be null. {@code data} holds only JSON-compatible values (String, Long,
 * Double, BigInteger, BigDecimal, Boolean, null, and unmodifiable Lists and Maps of those), so an
 * entry survives a JSON round trip equal to itself. Instances are immutable and thread-safe.
 */
public final class LogEntry {
  /*
   * Every field's value, indexed by EntryField ordinal, of that field's Kind type. Never modified
   * after the constructor; the invariants above hold for it (id, timestamp, level, message, data,
   * markers and sanitized are non-null; data, markers and sanitized are unmodifiable).
   */
  final Object[] values;

  /*
   * The entry's JSON encoding, once the spool has made it: sinks that encode to JSON reuse it.
   * Written only by the thread that built the entry, before it is handed on; not part of the
   * value (ignored by equals, hashCode and toBuilder).
   */
  private byte[] json;

  /* Set by the pipeline's entry factory: every text here is already sanitized. Same rules as json. */
  private boolean clean;

  static {
    EntryInternals.install(
        new EntryInternals.Access() {
          @Override
          public byte[] json(LogEntry entry) {
            return entry.json;
          }

          @Override
          public void keepJson(LogEntry entry, byte[] json) {
            entry.json = json;
          }

          @Override
          public boolean clean(LogEntry entry) {
            return entry.clean;
          }

          @Override
          public void markClean(LogEntry entry) {
            entry.clean = true;
          }

          @Override
          public Object[] values(LogEntry entry) {
            return entry.values;
          }
        });
  }

  private LogEntry(Builder b) {
    Object[] v = b.values.clone();
    String id = (String) v[EntryField.ID.ordinal()];
    Instant timestamp = (Instant) v[EntryField.TIMESTAMP.ordinal()];
    if (id == null) {
      id = EntryIds.next(EntryIds.millisOf(timestamp));
      v[EntryField.ID.ordinal()] = id;
    }
    if (timestamp == null) {
      v[EntryField.TIMESTAMP.ordinal()] = Instant.ofEpochMilli(EntryIds.timestampMillis(id));
    }
    Objects.requireNonNull(v[EntryField.LEVEL.ordinal()], "level");
    if (v[EntryField.MESSAGE.ordinal()] == null) {
      v[EntryField.MESSAGE.ordinal()] = "";
    }
    Map<?, ?> data = (Map<?, ?>) v[EntryField.DATA.ordinal()];
    v[EntryField.DATA.ordinal()] =
        data == null || data.isEmpty()
            ? Collections.emptyMap()
            : data instanceof FrozenMap // built by the normalizer and owned by nobody else
                ? data
                : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    v[EntryField.MARKERS.ordinal()] = copyOf((List<?>) v[EntryField.MARKERS.ordinal()]);
    v[EntryField.SANITIZED.ordinal()] = copyOf((List<?>) v[EntryField.SANITIZED.ordinal()]);
    this.values = v;
  }

  private static List<?> copyOf(List<?> list) {
    return list == null || list.isEmpty() ? List.of() : List.copyOf(list);
  }

  /** A builder with no fields set; {@code level} is required, {@code id} and {@code timestamp} default to new values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this entry's fields, for enrichers that derive a modified copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    System.arraycopy(values, 0, b.values, 0, values.length);
    return b;
  }

  // --- What happened (EntryField.Group.EVENT)

  /** JSON {@code id}: time-ordered unique id (UUIDv7 text); sinks deduplicate retries on it. */
  public String id() {
    return (String) values[EntryField.ID.ordinal()];
  }

  /** JSON {@code timestamp}: when the logging call was made. */
  public Instant timestamp() {
    return (Instant) values[EntryField.TIMESTAMP.ordinal()];
  }

  /** JSON {@code level}: severity. */
  public Level level() {
    return (Level) values[EntryField.LEVEL.ordinal()];
  }

  /** JSON {@code message}: the formatted, sanitized message. */
  public String message() {
    return (String) values[EntryField.MESSAGE.ordinal()];
  }

  /** JSON {@code data}: structured key/values (JSON-compatible values only). */
  public Map<String, Object> data() {
    @SuppressWarnings("unchecked")
    Map<String, Object> v = (Map<String, Object>) values[EntryField.DATA.ordinal()];
    return v;
  }

  /** JSON {@code event_type}: machine-readable event type such as {@code order.placed}. */
  public String eventType() {
    return (String) values[EntryField.EVENT_TYPE.ordinal()];
  }

  /** JSON {@code stream}: logical stream, such as {@code logs} or {@code events}. */
  public String stream() {
    return (String) values[EntryField.STREAM.ordinal()];
  }

  /** JSON {@code action}: what the code was doing, such as {@code checkout}. */
  public String action() {
    return (String) values[EntryField.ACTION.ordinal()];
  }

  /** JSON {@code markers}: SLF4J marker names. */
  public List<String> markers() {
    @SuppressWarnings("unchecked")
    List<String> v = (List<String>) values[EntryField.MARKERS.ordinal()];
    return v;
  }

  /** JSON {@code sanitized}: what the pipeline repaired in this entry, such as {@code message_truncated}. */
  public List<String> sanitized() {
    @SuppressWarnings("unchecked")
    List<String> v = (List<String>) values[EntryField.SANITIZED.ordinal()];
    return v;
  }

  // --- Origin: which deployment logged it (EntryField.Group.ORIGIN)

  /** JSON {@code service}: the service that logged. */
  public String service() {
    return (String) values[EntryField.SERVICE.ordinal()];
  }

  /** JSON {@code environment}: production, staging or development. */
  public Environment environment() {
    return (Environment) values[EntryField.ENVIRONMENT.ordinal()];
  }

  /** JSON {@code version}: the service's version. */
  public String version() {
    return (String) values[EntryField.VERSION.ordinal()];
  }

  /** JSON {@code region}: deployment region. */
  public String region() {
    return (String) values[EntryField.REGION.ordinal()];
  }

  /** JSON {@code instance_id}: host, pod or process instance. */
  public String instanceId() {
    return (String) values[EntryField.INSTANCE_ID.ordinal()];
  }

  // --- Request context: the fields a LogContext carries (EntryField.Group.REQUEST)

  /** JSON {@code tenant_id}. */
  public String tenantId() {
    return (String) values[EntryField.TENANT_ID.ordinal()];
  }

  /** JSON {@code tenant_slug}. */
  public String tenantSlug() {
    return (String) values[EntryField.TENANT_SLUG.ordinal()];
  }

  /** JSON {@code workspace_id}. */
  public String workspaceId() {
    return (String) values[EntryField.WORKSPACE_ID.ordinal()];
  }

  /** JSON {@code project_id}. */
  public String projectId() {
    return (String) values[EntryField.PROJECT_ID.ordinal()];
  }

  /** JSON {@code user_id}. */
  public String userId() {
    return (String) values[EntryField.USER_ID.ordinal()];
  }

  /** JSON {@code session_id}. */
  public String sessionId() {
    return (String) values[EntryField.SESSION_ID.ordinal()];
  }

  /** JSON {@code impersonator_id}: the operator acting as {@code userId}, if any. */
  public String impersonatorId() {
    return (String) values[EntryField.IMPERSONATOR_ID.ordinal()];
  }

  /** JSON {@code request_id}. */
  public String requestId() {
    return (String) values[EntryField.REQUEST_ID.ordinal()];
  }

  /** JSON {@code trace_id}: W3C trace id, 32 lower-case hex digits. */
  public String traceId() {
    return (String) values[EntryField.TRACE_ID.ordinal()];
  }

  /** JSON {@code span_id}: W3C span id, 16 lower-case hex digits. */
  public String spanId() {
    return (String) values[EntryField.SPAN_ID.ordinal()];
  }

  // --- Call site: where in the code (EntryField.Group.CALL_SITE)

  /** JSON {@code source_file}. */
  public String sourceFile() {
    return (String) values[EntryField.SOURCE_FILE.ordinal()];
  }

  /** JSON {@code source_line}. */
  public Integer sourceLine() {
    return (Integer) values[EntryField.SOURCE_LINE.ordinal()];
  }

  /** JSON {@code source_class}. */
  public String sourceClass() {
    return (String) values[EntryField.SOURCE_CLASS.ordinal()];
  }

  /** JSON {@code source_method}. */
  public String sourceMethod() {
    return (String) values[EntryField.SOURCE_METHOD.ordinal()];
  }

  /** JSON {@code logger_name}. */
  public String loggerName() {
    return (String) values[EntryField.LOGGER_NAME.ordinal()];
  }

  /** JSON {@code thread_name}. */
  public String threadName() {
    return (String) values[EntryField.THREAD_NAME.ordinal()];
  }

  // --- Error (EntryField.Group.ERROR)

  /** JSON {@code error_type}: fully qualified class name of the throwable. */
  public String errorType() {
    return (String) values[EntryField.ERROR_TYPE.ordinal()];
  }

  /** JSON {@code error_code}: application error code. */
  public String errorCode() {
    return (String) values[EntryField.ERROR_CODE.ordinal()];
  }

  /** JSON {@code error_stack}: the throwable's stack trace, causes included. */
  public String errorStack() {
    return (String) values[EntryField.ERROR_STACK.ordinal()];
  }

  /** JSON {@code error_signature}: stable hash grouping similar errors; see ErrorSignature. */
  public String errorSignature() {
    return (String) values[EntryField.ERROR_SIGNATURE.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof LogEntry && Arrays.equals(values, ((LogEntry) o).values));
  }

  @Override
  public int hashCode() {
    return Objects.hash(id(), timestamp(), level(), message(), data(), tenantId(), traceId());
  }

  /** The set fields by JSON name, such as {@code LogEntry{id=..., level=INFO, message=...}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LogEntry{");
    for (EntryField f : EntryField.all()) {
      Object v = values[f.ordinal()];
      if (v != null && !(v instanceof Map && ((Map<?, ?>) v).isEmpty())
          && !(v instanceof Collection && ((Collection<?>) v).isEmpty())) {
        sb.append(f.jsonName()).append('=').append(v).append(", ");
      }
    }
    sb.setLength(sb.length() - 2);
    return sb.append('}').toString();
  }

  /** Mutable builder for {@link LogEntry}; not thread-safe. */
  public static final class Builder {
    /* Values set so far, indexed by EntryField ordinal; null where unset. */
    final Object[] values = new Object[EntryField.COUNT];

    private Builder() {}

    private Builder put(EntryField field, Object value) {
      values[field.ordinal()] = value;
      return this;
    }

    public Builder id(String id) {
      return put(EntryField.ID, id);
    }

    public Builder timestamp(Instant timestamp) {
      return put(EntryField.TIMESTAMP, timestamp);
    }

    public Builder level(Level level) {
      return put(EntryField.LEVEL, level);
    }

    public Builder message(String message) {
      return put(EntryField.MESSAGE, message);
    }

    public Builder data(Map<String, Object> data) {
      return put(EntryField.DATA, data);
    }

    public Builder service(String service) {
      return put(EntryField.SERVICE, service);
    }

    public Builder environment(Environment environment) {
      return put(EntryField.ENVIRONMENT, environment);
    }

    public Builder version(String version) {
      return put(EntryField.VERSION, version);
    }

    public Builder region(String region) {
      return put(EntryField.REGION, region);
    }

    public Builder instanceId(String instanceId) {
      return put(EntryField.INSTANCE_ID, instanceId);
    }

    public Builder eventType(String eventType) {
      return put(EntryField.EVENT_TYPE, eventType);
    }

    public Builder stream(String stream) {
      return put(EntryField.STREAM, stream);
    }

    public Builder tenantId(String tenantId) {
      return put(EntryField.TENANT_ID, tenantId);
    }

    public Builder tenantSlug(String tenantSlug) {
      return put(EntryField.TENANT_SLUG, tenantSlug);
    }

    public Builder workspaceId(String workspaceId) {
      return put(EntryField.WORKSPACE_ID, workspaceId);
    }

    public Builder projectId(String projectId) {
      return put(EntryField.PROJECT_ID, projectId);
    }

    public Builder userId(String userId) {
      return put(EntryField.USER_ID, userId);
    }

    public Builder sessionId(String sessionId) {
      return put(EntryField.SESSION_ID, sessionId);
    }

    public Builder impersonatorId(String impersonatorId) {
      return put(EntryField.IMPERSONATOR_ID, impersonatorId);
    }

    public Builder requestId(String requestId) {
      return put(EntryField.REQUEST_ID, requestId);
    }

    public Builder traceId(String traceId) {
      return put(EntryField.TRACE_ID, traceId);
    }

    public Builder spanId(String spanId) {
      return put(EntryField.SPAN_ID, spanId);
    }

    public Builder sourceFile(String sourceFile) {
      return put(EntryField.SOURCE_FILE, sourceFile);
    }

    public Builder sourceLine(Integer sourceLine) {
      return put(EntryField.SOURCE_LINE, sourceLine);
    }

    public Builder sourceClass(String sourceClass) {
      return put(EntryField.SOURCE_CLASS, sourceClass);
    }

    public Builder sourceMethod(String sourceMethod) {
      return put(EntryField.SOURCE_METHOD, sourceMethod);
    }

    public Builder action(String action) {
      return put(EntryField.ACTION, action);
    }

    public Builder errorType(String errorType) {
      return put(EntryField.ERROR_TYPE, errorType);
    }

    public Builder errorCode(String errorCode) {
      return put(EntryField.ERROR_CODE, errorCode);
    }

    public Builder errorStack(String errorStack) {
      return put(EntryField.ERROR_STACK, errorStack);
    }

    public Builder errorSignature(String errorSignature) {
      return put(EntryField.ERROR_SIGNATURE, errorSignature);
    }

    public Builder loggerName(String loggerName) {
      return put(EntryField.LOGGER_NAME, loggerName);
    }

    public Builder threadName(String threadName) {
      return put(EntryField.THREAD_NAME, threadName);
    }

    public Builder markers(List<String> markers) {
      return put(EntryField.MARKERS, markers);
    }

    public Builder sanitized(List<String> sanitized) {
      return put(EntryField.SANITIZED, sanitized);
    }

    /** Adds one key/value to {@code data}; the value must already be JSON-compatible. */
    public Builder putData(String key, Object value) {
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) values[EntryField.DATA.ordinal()];
      if (data == null) {
        data = new LinkedHashMap<>();
      } else if (!(data instanceof LinkedHashMap)) {
        data = new LinkedHashMap<>(data);
      }
      data.put(key, value);
      return put(EntryField.DATA, data);
    }

    public Level level() {
      return (Level) values[EntryField.LEVEL.ordinal()];
    }

    public LogEntry build() {
      return new LogEntry(this);
    }
  }
}
