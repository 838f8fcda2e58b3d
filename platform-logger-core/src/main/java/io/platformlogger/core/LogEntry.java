package io.platformlogger.core;

import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.internal.FrozenMap;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One structured log entry: an immutable value carrying every field of the schema
 * (docs/schema.md).
 *
 * <p>{@link #id()}, {@link #timestamp()}, {@link #level()}, {@link #message()} and {@link #data()}
 * are never null; {@link #markers()} and {@link #sanitized()} are never null (possibly empty);
 * every other field may be null. {@code data} holds only JSON-compatible values (String, Long,
 * Double, BigInteger, BigDecimal, Boolean, null, and unmodifiable Lists and Maps of those), so an
 * entry survives a JSON round trip equal to itself. Instances are immutable and thread-safe.
 */
public final class LogEntry {
  private final String id;
  private final Instant timestamp;
  private final Level level;
  private final String message;
  private final Map<String, Object> data;
  private final String service;
  private final Environment environment;
  private final String version;
  private final String region;
  private final String instanceId;
  private final String eventType;
  private final String stream;
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
  private final String sourceFile;
  private final Integer sourceLine;
  private final String sourceClass;
  private final String sourceMethod;
  private final String action;
  private final String errorType;
  private final String errorCode;
  private final String errorStack;
  private final String errorSignature;
  private final String loggerName;
  private final String threadName;
  private final List<String> markers;
  private final List<String> sanitized;

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
        });
  }

  private LogEntry(Builder b) {
    this.id = b.id != null ? b.id : EntryIds.next(EntryIds.millisOf(b.timestamp));
    this.timestamp = b.timestamp != null ? b.timestamp : Instant.ofEpochMilli(EntryIds.timestampMillis(this.id));
    this.level = Objects.requireNonNull(b.level, "level");
    this.message = b.message != null ? b.message : "";
    this.data =
        b.data == null || b.data.isEmpty()
            ? Collections.emptyMap()
            : b.data instanceof FrozenMap // built by the normalizer and owned by nobody else
                ? b.data
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.data));
    this.service = b.service;
    this.environment = b.environment;
    this.version = b.version;
    this.region = b.region;
    this.instanceId = b.instanceId;
    this.eventType = b.eventType;
    this.stream = b.stream;
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
    this.sourceFile = b.sourceFile;
    this.sourceLine = b.sourceLine;
    this.sourceClass = b.sourceClass;
    this.sourceMethod = b.sourceMethod;
    this.action = b.action;
    this.errorType = b.errorType;
    this.errorCode = b.errorCode;
    this.errorStack = b.errorStack;
    this.errorSignature = b.errorSignature;
    this.loggerName = b.loggerName;
    this.threadName = b.threadName;
    this.markers = b.markers == null || b.markers.isEmpty() ? List.of() : List.copyOf(b.markers);
    this.sanitized = b.sanitized == null || b.sanitized.isEmpty() ? List.of() : List.copyOf(b.sanitized);
  }

  /** A builder with no fields set; {@code level} is required, {@code id} and {@code timestamp} default to new values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this entry's fields, for enrichers that derive a modified copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.timestamp = timestamp;
    b.level = level;
    b.message = message;
    b.data = data;
    b.service = service;
    b.environment = environment;
    b.version = version;
    b.region = region;
    b.instanceId = instanceId;
    b.eventType = eventType;
    b.stream = stream;
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
    b.sourceFile = sourceFile;
    b.sourceLine = sourceLine;
    b.sourceClass = sourceClass;
    b.sourceMethod = sourceMethod;
    b.action = action;
    b.errorType = errorType;
    b.errorCode = errorCode;
    b.errorStack = errorStack;
    b.errorSignature = errorSignature;
    b.loggerName = loggerName;
    b.threadName = threadName;
    b.markers = markers;
    b.sanitized = sanitized;
    return b;
  }

  /** JSON {@code id}: time-ordered unique id (UUIDv7 text); sinks deduplicate retries on it. */
  public String id() {
    return id;
  }

  /** JSON {@code timestamp}: when the logging call was made. */
  public Instant timestamp() {
    return timestamp;
  }

  /** JSON {@code level}: severity. */
  public Level level() {
    return level;
  }

  /** JSON {@code message}: the formatted, sanitized message. */
  public String message() {
    return message;
  }

  /** JSON {@code data}: structured key/values (JSON-compatible values only). */
  public Map<String, Object> data() {
    return data;
  }

  /** JSON {@code service}: the service that logged. */
  public String service() {
    return service;
  }

  /** JSON {@code environment}: production, staging or development. */
  public Environment environment() {
    return environment;
  }

  /** JSON {@code version}: the service's version. */
  public String version() {
    return version;
  }

  /** JSON {@code region}: deployment region. */
  public String region() {
    return region;
  }

  /** JSON {@code instance_id}: host, pod or process instance. */
  public String instanceId() {
    return instanceId;
  }

  /** JSON {@code event_type}: machine-readable event type such as {@code order.placed}. */
  public String eventType() {
    return eventType;
  }

  /** JSON {@code stream}: logical stream, such as {@code logs} or {@code events}. */
  public String stream() {
    return stream;
  }

  /** JSON {@code tenant_id}. */
  public String tenantId() {
    return tenantId;
  }

  /** JSON {@code tenant_slug}. */
  public String tenantSlug() {
    return tenantSlug;
  }

  /** JSON {@code workspace_id}. */
  public String workspaceId() {
    return workspaceId;
  }

  /** JSON {@code project_id}. */
  public String projectId() {
    return projectId;
  }

  /** JSON {@code user_id}. */
  public String userId() {
    return userId;
  }

  /** JSON {@code session_id}. */
  public String sessionId() {
    return sessionId;
  }

  /** JSON {@code impersonator_id}: the operator acting as {@code userId}, if any. */
  public String impersonatorId() {
    return impersonatorId;
  }

  /** JSON {@code request_id}. */
  public String requestId() {
    return requestId;
  }

  /** JSON {@code trace_id}: W3C trace id, 32 lower-case hex digits. */
  public String traceId() {
    return traceId;
  }

  /** JSON {@code span_id}: W3C span id, 16 lower-case hex digits. */
  public String spanId() {
    return spanId;
  }

  /** JSON {@code source_file}. */
  public String sourceFile() {
    return sourceFile;
  }

  /** JSON {@code source_line}. */
  public Integer sourceLine() {
    return sourceLine;
  }

  /** JSON {@code source_class}. */
  public String sourceClass() {
    return sourceClass;
  }

  /** JSON {@code source_method}. */
  public String sourceMethod() {
    return sourceMethod;
  }

  /** JSON {@code action}: what the code was doing, such as {@code checkout}. */
  public String action() {
    return action;
  }

  /** JSON {@code error_type}: fully qualified class name of the throwable. */
  public String errorType() {
    return errorType;
  }

  /** JSON {@code error_code}: application error code. */
  public String errorCode() {
    return errorCode;
  }

  /** JSON {@code error_stack}: the throwable's stack trace, causes included. */
  public String errorStack() {
    return errorStack;
  }

  /** JSON {@code error_signature}: stable hash grouping similar errors; see ErrorSignature. */
  public String errorSignature() {
    return errorSignature;
  }

  /** JSON {@code logger_name}. */
  public String loggerName() {
    return loggerName;
  }

  /** JSON {@code thread_name}. */
  public String threadName() {
    return threadName;
  }

  /** JSON {@code markers}: SLF4J marker names. */
  public List<String> markers() {
    return markers;
  }

  /** JSON {@code sanitized}: what the pipeline repaired in this entry, such as {@code message_truncated}. */
  public List<String> sanitized() {
    return sanitized;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LogEntry)) {
      return false;
    }
    LogEntry e = (LogEntry) o;
    return Objects.equals(id, e.id)
        && Objects.equals(timestamp, e.timestamp)
        && Objects.equals(level, e.level)
        && Objects.equals(message, e.message)
        && Objects.equals(data, e.data)
        && Objects.equals(service, e.service)
        && Objects.equals(environment, e.environment)
        && Objects.equals(version, e.version)
        && Objects.equals(region, e.region)
        && Objects.equals(instanceId, e.instanceId)
        && Objects.equals(eventType, e.eventType)
        && Objects.equals(stream, e.stream)
        && Objects.equals(tenantId, e.tenantId)
        && Objects.equals(tenantSlug, e.tenantSlug)
        && Objects.equals(workspaceId, e.workspaceId)
        && Objects.equals(projectId, e.projectId)
        && Objects.equals(userId, e.userId)
        && Objects.equals(sessionId, e.sessionId)
        && Objects.equals(impersonatorId, e.impersonatorId)
        && Objects.equals(requestId, e.requestId)
        && Objects.equals(traceId, e.traceId)
        && Objects.equals(spanId, e.spanId)
        && Objects.equals(sourceFile, e.sourceFile)
        && Objects.equals(sourceLine, e.sourceLine)
        && Objects.equals(sourceClass, e.sourceClass)
        && Objects.equals(sourceMethod, e.sourceMethod)
        && Objects.equals(action, e.action)
        && Objects.equals(errorType, e.errorType)
        && Objects.equals(errorCode, e.errorCode)
        && Objects.equals(errorStack, e.errorStack)
        && Objects.equals(errorSignature, e.errorSignature)
        && Objects.equals(loggerName, e.loggerName)
        && Objects.equals(threadName, e.threadName)
        && Objects.equals(markers, e.markers)
        && Objects.equals(sanitized, e.sanitized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, timestamp, level, message, data, tenantId, traceId);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LogEntry{");
    if (id != null) {
      sb.append("id=").append(id).append(", ");
    }
    if (timestamp != null) {
      sb.append("timestamp=").append(timestamp).append(", ");
    }
    if (level != null) {
      sb.append("level=").append(level).append(", ");
    }
    if (message != null) {
      sb.append("message=").append(message).append(", ");
    }
    if (!data.isEmpty()) {
      sb.append("data=").append(data).append(", ");
    }
    if (service != null) {
      sb.append("service=").append(service).append(", ");
    }
    if (environment != null) {
      sb.append("environment=").append(environment).append(", ");
    }
    if (version != null) {
      sb.append("version=").append(version).append(", ");
    }
    if (region != null) {
      sb.append("region=").append(region).append(", ");
    }
    if (instanceId != null) {
      sb.append("instance_id=").append(instanceId).append(", ");
    }
    if (eventType != null) {
      sb.append("event_type=").append(eventType).append(", ");
    }
    if (stream != null) {
      sb.append("stream=").append(stream).append(", ");
    }
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
    if (sourceFile != null) {
      sb.append("source_file=").append(sourceFile).append(", ");
    }
    if (sourceLine != null) {
      sb.append("source_line=").append(sourceLine).append(", ");
    }
    if (sourceClass != null) {
      sb.append("source_class=").append(sourceClass).append(", ");
    }
    if (sourceMethod != null) {
      sb.append("source_method=").append(sourceMethod).append(", ");
    }
    if (action != null) {
      sb.append("action=").append(action).append(", ");
    }
    if (errorType != null) {
      sb.append("error_type=").append(errorType).append(", ");
    }
    if (errorCode != null) {
      sb.append("error_code=").append(errorCode).append(", ");
    }
    if (errorStack != null) {
      sb.append("error_stack=").append(errorStack).append(", ");
    }
    if (errorSignature != null) {
      sb.append("error_signature=").append(errorSignature).append(", ");
    }
    if (loggerName != null) {
      sb.append("logger_name=").append(loggerName).append(", ");
    }
    if (threadName != null) {
      sb.append("thread_name=").append(threadName).append(", ");
    }
    if (!markers.isEmpty()) {
      sb.append("markers=").append(markers).append(", ");
    }
    if (!sanitized.isEmpty()) {
      sb.append("sanitized=").append(sanitized).append(", ");
    }
    sb.setLength(sb.length() - 2);
    return sb.append('}').toString();
  }

  /** Mutable builder for {@link LogEntry}; not thread-safe. */
  public static final class Builder {
    private String id;
    private Instant timestamp;
    private Level level;
    private String message;
    private Map<String, Object> data;
    private String service;
    private Environment environment;
    private String version;
    private String region;
    private String instanceId;
    private String eventType;
    private String stream;
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
    private String sourceFile;
    private Integer sourceLine;
    private String sourceClass;
    private String sourceMethod;
    private String action;
    private String errorType;
    private String errorCode;
    private String errorStack;
    private String errorSignature;
    private String loggerName;
    private String threadName;
    private List<String> markers;
    private List<String> sanitized;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder level(Level level) {
      this.level = level;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder data(Map<String, Object> data) {
      this.data = data;
      return this;
    }

    public Builder service(String service) {
      this.service = service;
      return this;
    }

    public Builder environment(Environment environment) {
      this.environment = environment;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    public Builder eventType(String eventType) {
      this.eventType = eventType;
      return this;
    }

    public Builder stream(String stream) {
      this.stream = stream;
      return this;
    }

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

    public Builder sourceFile(String sourceFile) {
      this.sourceFile = sourceFile;
      return this;
    }

    public Builder sourceLine(Integer sourceLine) {
      this.sourceLine = sourceLine;
      return this;
    }

    public Builder sourceClass(String sourceClass) {
      this.sourceClass = sourceClass;
      return this;
    }

    public Builder sourceMethod(String sourceMethod) {
      this.sourceMethod = sourceMethod;
      return this;
    }

    public Builder action(String action) {
      this.action = action;
      return this;
    }

    public Builder errorType(String errorType) {
      this.errorType = errorType;
      return this;
    }

    public Builder errorCode(String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    public Builder errorStack(String errorStack) {
      this.errorStack = errorStack;
      return this;
    }

    public Builder errorSignature(String errorSignature) {
      this.errorSignature = errorSignature;
      return this;
    }

    public Builder loggerName(String loggerName) {
      this.loggerName = loggerName;
      return this;
    }

    public Builder threadName(String threadName) {
      this.threadName = threadName;
      return this;
    }

    public Builder markers(List<String> markers) {
      this.markers = markers;
      return this;
    }

    public Builder sanitized(List<String> sanitized) {
      this.sanitized = sanitized;
      return this;
    }

    /** Adds one key/value to {@code data}; the value must already be JSON-compatible. */
    public Builder putData(String key, Object value) {
      if (data == null) {
        data = new LinkedHashMap<>();
      } else if (!(data instanceof LinkedHashMap)) {
        data = new LinkedHashMap<>(data);
      }
      data.put(key, value);
      return this;
    }

    public Level level() {
      return level;
    }

    public LogEntry build() {
      return new LogEntry(this);
    }
  }
}
