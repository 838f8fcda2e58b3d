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
   * Each field's index into values: its EntryField ordinal, as a constant the JIT folds (an enum's
   * ordinal is a field it would load on every access and every builder call).
   */
  private static final int ID = EntryField.ID.ordinal();
  private static final int TIMESTAMP = EntryField.TIMESTAMP.ordinal();
  private static final int LEVEL = EntryField.LEVEL.ordinal();
  private static final int MESSAGE = EntryField.MESSAGE.ordinal();
  private static final int DATA = EntryField.DATA.ordinal();
  private static final int SERVICE = EntryField.SERVICE.ordinal();
  private static final int ENVIRONMENT = EntryField.ENVIRONMENT.ordinal();
  private static final int VERSION = EntryField.VERSION.ordinal();
  private static final int REGION = EntryField.REGION.ordinal();
  private static final int INSTANCE_ID = EntryField.INSTANCE_ID.ordinal();
  private static final int EVENT_TYPE = EntryField.EVENT_TYPE.ordinal();
  private static final int STREAM = EntryField.STREAM.ordinal();
  private static final int TENANT_ID = EntryField.TENANT_ID.ordinal();
  private static final int TENANT_SLUG = EntryField.TENANT_SLUG.ordinal();
  private static final int WORKSPACE_ID = EntryField.WORKSPACE_ID.ordinal();
  private static final int PROJECT_ID = EntryField.PROJECT_ID.ordinal();
  private static final int USER_ID = EntryField.USER_ID.ordinal();
  private static final int SESSION_ID = EntryField.SESSION_ID.ordinal();
  private static final int IMPERSONATOR_ID = EntryField.IMPERSONATOR_ID.ordinal();
  private static final int REQUEST_ID = EntryField.REQUEST_ID.ordinal();
  private static final int TRACE_ID = EntryField.TRACE_ID.ordinal();
  private static final int SPAN_ID = EntryField.SPAN_ID.ordinal();
  private static final int SOURCE_FILE = EntryField.SOURCE_FILE.ordinal();
  private static final int SOURCE_LINE = EntryField.SOURCE_LINE.ordinal();
  private static final int SOURCE_CLASS = EntryField.SOURCE_CLASS.ordinal();
  private static final int SOURCE_METHOD = EntryField.SOURCE_METHOD.ordinal();
  private static final int ACTION = EntryField.ACTION.ordinal();
  private static final int ERROR_TYPE = EntryField.ERROR_TYPE.ordinal();
  private static final int ERROR_CODE = EntryField.ERROR_CODE.ordinal();
  private static final int ERROR_STACK = EntryField.ERROR_STACK.ordinal();
  private static final int ERROR_SIGNATURE = EntryField.ERROR_SIGNATURE.ordinal();
  private static final int LOGGER_NAME = EntryField.LOGGER_NAME.ordinal();
  private static final int THREAD_NAME = EntryField.THREAD_NAME.ordinal();
  private static final int MARKERS = EntryField.MARKERS.ordinal();
  private static final int SANITIZED = EntryField.SANITIZED.ordinal();

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

          @Override
          public LogEntry buildOwned(Builder builder) {
            return new LogEntry(builder.values); // the array is handed over, not copied
          }
        });
  }

  private LogEntry(Builder b) {
    this(b.values.clone());
  }

  /* Takes v as the entry's own values array: nobody else may hold it afterwards. */
  private LogEntry(Object[] v) {
    String id = (String) v[ID];
    Instant timestamp = (Instant) v[TIMESTAMP];
    if (id == null) {
      id = EntryIds.next(EntryIds.millisOf(timestamp));
      v[ID] = id;
    }
    if (timestamp == null) {
      v[TIMESTAMP] = Instant.ofEpochMilli(EntryIds.timestampMillis(id));
    }
    Objects.requireNonNull(v[LEVEL], "level");
    if (v[MESSAGE] == null) {
      v[MESSAGE] = "";
    }
    Map<?, ?> data = (Map<?, ?>) v[DATA];
    v[DATA] =
        data == null || data.isEmpty()
            ? Collections.emptyMap()
            : data instanceof FrozenMap // built by the normalizer and owned by nobody else
                ? data
                : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    v[MARKERS] = copyOf((List<?>) v[MARKERS]);
    v[SANITIZED] = copyOf((List<?>) v[SANITIZED]);
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
    return (String) values[ID];
  }

  /** JSON {@code timestamp}: when the logging call was made. */
  public Instant timestamp() {
    return (Instant) values[TIMESTAMP];
  }

  /** JSON {@code level}: severity. */
  public Level level() {
    return (Level) values[LEVEL];
  }

  /** JSON {@code message}: the formatted, sanitized message. */
  public String message() {
    return (String) values[MESSAGE];
  }

  /** JSON {@code data}: structured key/values (JSON-compatible values only). */
  public Map<String, Object> data() {
    @SuppressWarnings("unchecked")
    Map<String, Object> v = (Map<String, Object>) values[DATA];
    return v;
  }

  /** JSON {@code event_type}: machine-readable event type such as {@code order.placed}. */
  public String eventType() {
    return (String) values[EVENT_TYPE];
  }

  /** JSON {@code stream}: logical stream, such as {@code logs} or {@code events}. */
  public String stream() {
    return (String) values[STREAM];
  }

  /** JSON {@code action}: what the code was doing, such as {@code checkout}. */
  public String action() {
    return (String) values[ACTION];
  }

  /** JSON {@code markers}: SLF4J marker names. */
  public List<String> markers() {
    @SuppressWarnings("unchecked")
    List<String> v = (List<String>) values[MARKERS];
    return v;
  }

  /** JSON {@code sanitized}: what the pipeline repaired in this entry, such as {@code message_truncated}. */
  public List<String> sanitized() {
    @SuppressWarnings("unchecked")
    List<String> v = (List<String>) values[SANITIZED];
    return v;
  }

  // --- Origin: which deployment logged it (EntryField.Group.ORIGIN)

  /** JSON {@code service}: the service that logged. */
  public String service() {
    return (String) values[SERVICE];
  }

  /** JSON {@code environment}: production, staging or development. */
  public Environment environment() {
    return (Environment) values[ENVIRONMENT];
  }

  /** JSON {@code version}: the service's version. */
  public String version() {
    return (String) values[VERSION];
  }

  /** JSON {@code region}: deployment region. */
  public String region() {
    return (String) values[REGION];
  }

  /** JSON {@code instance_id}: host, pod or process instance. */
  public String instanceId() {
    return (String) values[INSTANCE_ID];
  }

  // --- Request context: the fields a LogContext carries (EntryField.Group.REQUEST)

  /** JSON {@code tenant_id}. */
  public String tenantId() {
    return (String) values[TENANT_ID];
  }

  /** JSON {@code tenant_slug}. */
  public String tenantSlug() {
    return (String) values[TENANT_SLUG];
  }

  /** JSON {@code workspace_id}. */
  public String workspaceId() {
    return (String) values[WORKSPACE_ID];
  }

  /** JSON {@code project_id}. */
  public String projectId() {
    return (String) values[PROJECT_ID];
  }

  /** JSON {@code user_id}. */
  public String userId() {
    return (String) values[USER_ID];
  }

  /** JSON {@code session_id}. */
  public String sessionId() {
    return (String) values[SESSION_ID];
  }

  /** JSON {@code impersonator_id}: the operator acting as {@code userId}, if any. */
  public String impersonatorId() {
    return (String) values[IMPERSONATOR_ID];
  }

  /** JSON {@code request_id}. */
  public String requestId() {
    return (String) values[REQUEST_ID];
  }

  /** JSON {@code trace_id}: W3C trace id, 32 lower-case hex digits. */
  public String traceId() {
    return (String) values[TRACE_ID];
  }

  /** JSON {@code span_id}: W3C span id, 16 lower-case hex digits. */
  public String spanId() {
    return (String) values[SPAN_ID];
  }

  // --- Call site: where in the code (EntryField.Group.CALL_SITE)

  /** JSON {@code source_file}. */
  public String sourceFile() {
    return (String) values[SOURCE_FILE];
  }

  /** JSON {@code source_line}. */
  public Integer sourceLine() {
    return (Integer) values[SOURCE_LINE];
  }

  /** JSON {@code source_class}. */
  public String sourceClass() {
    return (String) values[SOURCE_CLASS];
  }

  /** JSON {@code source_method}. */
  public String sourceMethod() {
    return (String) values[SOURCE_METHOD];
  }

  /** JSON {@code logger_name}. */
  public String loggerName() {
    return (String) values[LOGGER_NAME];
  }

  /** JSON {@code thread_name}. */
  public String threadName() {
    return (String) values[THREAD_NAME];
  }

  // --- Error (EntryField.Group.ERROR)

  /** JSON {@code error_type}: fully qualified class name of the throwable. */
  public String errorType() {
    return (String) values[ERROR_TYPE];
  }

  /** JSON {@code error_code}: application error code. */
  public String errorCode() {
    return (String) values[ERROR_CODE];
  }

  /** JSON {@code error_stack}: the throwable's stack trace, causes included. */
  public String errorStack() {
    return (String) values[ERROR_STACK];
  }

  /** JSON {@code error_signature}: stable hash grouping similar errors; see ErrorSignature. */
  public String errorSignature() {
    return (String) values[ERROR_SIGNATURE];
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

    public Builder id(String id) {
      values[ID] = id;
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      values[TIMESTAMP] = timestamp;
      return this;
    }

    public Builder level(Level level) {
      values[LEVEL] = level;
      return this;
    }

    public Builder message(String message) {
      values[MESSAGE] = message;
      return this;
    }

    public Builder data(Map<String, Object> data) {
      values[DATA] = data;
      return this;
    }

    public Builder service(String service) {
      values[SERVICE] = service;
      return this;
    }

    public Builder environment(Environment environment) {
      values[ENVIRONMENT] = environment;
      return this;
    }

    public Builder version(String version) {
      values[VERSION] = version;
      return this;
    }

    public Builder region(String region) {
      values[REGION] = region;
      return this;
    }

    public Builder instanceId(String instanceId) {
      values[INSTANCE_ID] = instanceId;
      return this;
    }

    public Builder eventType(String eventType) {
      values[EVENT_TYPE] = eventType;
      return this;
    }

    public Builder stream(String stream) {
      values[STREAM] = stream;
      return this;
    }

    public Builder tenantId(String tenantId) {
      values[TENANT_ID] = tenantId;
      return this;
    }

    public Builder tenantSlug(String tenantSlug) {
      values[TENANT_SLUG] = tenantSlug;
      return this;
    }

    public Builder workspaceId(String workspaceId) {
      values[WORKSPACE_ID] = workspaceId;
      return this;
    }

    public Builder projectId(String projectId) {
      values[PROJECT_ID] = projectId;
      return this;
    }

    public Builder userId(String userId) {
      values[USER_ID] = userId;
      return this;
    }

    public Builder sessionId(String sessionId) {
      values[SESSION_ID] = sessionId;
      return this;
    }

    public Builder impersonatorId(String impersonatorId) {
      values[IMPERSONATOR_ID] = impersonatorId;
      return this;
    }

    public Builder requestId(String requestId) {
      values[REQUEST_ID] = requestId;
      return this;
    }

    public Builder traceId(String traceId) {
      values[TRACE_ID] = traceId;
      return this;
    }

    public Builder spanId(String spanId) {
      values[SPAN_ID] = spanId;
      return this;
    }

    public Builder sourceFile(String sourceFile) {
      values[SOURCE_FILE] = sourceFile;
      return this;
    }

    public Builder sourceLine(Integer sourceLine) {
      values[SOURCE_LINE] = sourceLine;
      return this;
    }

    public Builder sourceClass(String sourceClass) {
      values[SOURCE_CLASS] = sourceClass;
      return this;
    }

    public Builder sourceMethod(String sourceMethod) {
      values[SOURCE_METHOD] = sourceMethod;
      return this;
    }

    public Builder action(String action) {
      values[ACTION] = action;
      return this;
    }

    public Builder errorType(String errorType) {
      values[ERROR_TYPE] = errorType;
      return this;
    }

    public Builder errorCode(String errorCode) {
      values[ERROR_CODE] = errorCode;
      return this;
    }

    public Builder errorStack(String errorStack) {
      values[ERROR_STACK] = errorStack;
      return this;
    }

    public Builder errorSignature(String errorSignature) {
      values[ERROR_SIGNATURE] = errorSignature;
      return this;
    }

    public Builder loggerName(String loggerName) {
      values[LOGGER_NAME] = loggerName;
      return this;
    }

    public Builder threadName(String threadName) {
      values[THREAD_NAME] = threadName;
      return this;
    }

    public Builder markers(List<String> markers) {
      values[MARKERS] = markers;
      return this;
    }

    public Builder sanitized(List<String> sanitized) {
      values[SANITIZED] = sanitized;
      return this;
    }

    /** Adds one key/value to {@code data}; the value must already be JSON-compatible. */
    public Builder putData(String key, Object value) {
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) values[DATA];
      if (data == null) {
        data = new LinkedHashMap<>();
      } else if (!(data instanceof LinkedHashMap)) {
        data = new LinkedHashMap<>(data);
      }
      data.put(key, value);
      values[DATA] = data;
      return this;
    }

    public Level level() {
      return (Level) values[LEVEL];
    }

    public LogEntry build() {
      return new LogEntry(this);
    }
  }
}
