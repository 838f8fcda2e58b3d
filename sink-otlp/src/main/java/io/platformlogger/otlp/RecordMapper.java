package io.platformlogger.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.platformlogger.core.EntryField;
import io.platformlogger.core.LogEntry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps an entry to an OpenTelemetry log record, per the OpenTelemetry log data model and semantic
 * conventions (docs/otlp.md has the table): level to severity number and text, message to body,
 * {@code data} and the context to attributes, the error to {@code exception.*}, the call site to
 * {@code code.*}, the event type to the event name, trace and span ids to the record's span
 * context, the logger to the instrumentation scope, and service, version, environment, instance and
 * region to resource attributes. Not thread-safe (caches resources and scopes): one per sink,
 * used under its lock.
 */
final class RecordMapper {
  /** The scope of entries without a logger name. */
  static final String DEFAULT_SCOPE = "platform-logger";

  private static final int MAX_CACHED = 1024;

  /**
   * The entry's text fields that become attributes as they are ({@link #TEXT_ATTRIBUTES} has their
   * names, index for index): the id; the request context, named as its JSON name with '.' for '_'
   * as the semantic conventions spell {@code user.id} and {@code session.id} — all of it but
   * {@code trace_id} and {@code span_id}, which are the record's span context; then the fields the
   * conventions name otherwise. Every other field has a place of its own (body, severity, event
   * name, resource, scope, {@code code.*}, {@code exception.*}, the marker lists), or is data.
   */
  private static final EntryField[] TEXT_FIELDS;
  private static final String[] TEXT_ATTRIBUTES;

  static {
    Map<EntryField, String> names = new LinkedHashMap<>();
    names.put(EntryField.ID, "log.record.uid");
    for (EntryField f : EntryField.requestFields()) {
      if (f != EntryField.TRACE_ID && f != EntryField.SPAN_ID) {
        names.put(f, f.jsonName().replace('_', '.'));
      }
    }
    names.put(EntryField.STREAM, "log.stream");
    names.put(EntryField.ACTION, "action");
    names.put(EntryField.ERROR_CODE, "error.code");
    names.put(EntryField.ERROR_SIGNATURE, "error.signature");
    names.put(EntryField.THREAD_NAME, "thread.name");
    names.put(EntryField.SOURCE_FILE, "code.file.path");
    TEXT_FIELDS = names.keySet().toArray(new EntryField[0]);
    TEXT_ATTRIBUTES = names.values().toArray(new String[0]);
  }

  private final Attributes extraResource;
  private final Map<List<String>, Resource> resources = new HashMap<>();
  private final Map<String, InstrumentationScopeInfo> scopes = new HashMap<>();

  RecordMapper(Map<String, String> extraResourceAttributes) {
    AttributesBuilder b = Attributes.builder();
    extraResourceAttributes.forEach(b::put);
    this.extraResource = b.build();
  }

  EntryRecord map(LogEntry e) {
    AttributesBuilder a = Attributes.builder();
    Map<String, Boolean> own = new HashMap<>();
    for (int i = 0; i < TEXT_FIELDS.length; i++) {
      put(a, own, TEXT_ATTRIBUTES[i], TEXT_FIELDS[i].text(e));
    }
    if (e.sourceLine() != null) {
      a.put(AttributeKey.longKey("code.line.number"), e.sourceLine().longValue());
      own.put("code.line.number", true);
    }
    if (e.sourceMethod() != null) {
      put(a, own, "code.function.name",
          e.sourceClass() == null ? e.sourceMethod() : e.sourceClass() + "." + e.sourceMethod());
    }
    if (e.errorType() != null || e.errorStack() != null) {
      put(a, own, "exception.type", e.errorType());
      put(a, own, "exception.message", exceptionMessage(e.errorType(), e.errorStack()));
      put(a, own, "exception.stacktrace", e.errorStack());
    }
    if (!e.markers().isEmpty()) {
      a.put(AttributeKey.stringArrayKey("log.markers"), e.markers());
      own.put("log.markers", true);
    }
    if (!e.sanitized().isEmpty()) {
      a.put(AttributeKey.stringArrayKey("log.sanitized"), e.sanitized());
      own.put("log.sanitized", true);
    }
    SpanContext span = spanContext(e.traceId(), e.spanId());
    if (!span.isValid()) { // ids that are not W3C hex: kept as attributes, nothing lost
      put(a, own, "trace_id", e.traceId());
      put(a, own, "span_id", e.spanId());
    }
    for (Map.Entry<String, Object> d : e.data().entrySet()) {
      // data keys sit beside the record's own attributes; a clash keeps both, data's under data.<key>
      String key = own.containsKey(d.getKey()) ? "data." + d.getKey() : d.getKey();
      putValue(a, key, d.getValue());
    }
    return new EntryRecord(
        resource(e),
        scope(e.loggerName()),
        nanos(e),
        span,
        severity(e.level()),
        e.level().name(),
        e.message(),
        a.build(),
        e.eventType());
  }

  static Severity severity(io.platformlogger.core.Level level) {
    switch (level) {
      case TRACE:
        return Severity.TRACE; // 1
      case DEBUG:
        return Severity.DEBUG; // 5
      case INFO:
        return Severity.INFO; // 9
      case WARN:
        return Severity.WARN; // 13
      default:
        return Severity.ERROR; // 17
    }
  }

  /** "Type: message" on the stack's first line gives the message; null when there is none. */
  static String exceptionMessage(String type, String stack) {
    if (stack == null || stack.isEmpty()) {
      return null;
    }
    int nl = stack.indexOf('\n');
    String first = (nl < 0 ? stack : stack.substring(0, nl)).strip();
    String prefix = (type == null ? "" : type) + ": ";
    if (type != null && first.startsWith(prefix)) {
      return first.substring(prefix.length());
    }
    int colon = first.indexOf(": ");
    return type == null && colon > 0 ? first.substring(colon + 2) : null;
  }

  private static SpanContext spanContext(String traceId, String spanId) {
    if (traceId == null || spanId == null) {
      return SpanContext.getInvalid();
    }
    SpanContext c = SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault());
    return c.isValid() ? c : SpanContext.getInvalid();
  }

  private static long nanos(LogEntry e) {
    return e.timestamp().getEpochSecond() * 1_000_000_000L + e.timestamp().getNano();
  }

  private static void put(AttributesBuilder a, Map<String, Boolean> own, String key, String value) {
    if (value != null) {
      a.put(AttributeKey.stringKey(key), value);
      own.put(key, true);
    }
  }

  private static void putValue(AttributesBuilder a, String key, Object v) {
    if (v instanceof String) {
      a.put(AttributeKey.stringKey(key), (String) v);
    } else if (v instanceof Long || v instanceof Integer) {
      a.put(AttributeKey.longKey(key), ((Number) v).longValue());
    } else if (v instanceof Double) {
      a.put(AttributeKey.doubleKey(key), (Double) v);
    } else if (v instanceof Boolean) {
      a.put(AttributeKey.booleanKey(key), (Boolean) v);
    } else {
      a.put(AttributeKey.valueKey(key), value(v));
    }
  }

  /** A data value as an OTLP AnyValue; big numbers as their exact text, null as the empty value. */
  static Value<?> value(Object v) {
    if (v == null) {
      return Value.empty();
    } else if (v instanceof String) {
      return Value.of((String) v);
    } else if (v instanceof Long || v instanceof Integer) {
      return Value.of(((Number) v).longValue());
    } else if (v instanceof Double) {
      return Value.of((Double) v);
    } else if (v instanceof Boolean) {
      return Value.of((Boolean) v);
    } else if (v instanceof BigInteger || v instanceof BigDecimal) {
      return Value.of(v.toString());
    } else if (v instanceof List) {
      List<Value<?>> values = new ArrayList<>();
      for (Object o : (List<?>) v) {
        values.add(value(o));
      }
      return Value.of(values);
    } else if (v instanceof Map) {
      Map<String, Value<?>> values = new LinkedHashMap<>();
      for (Map.Entry<?, ?> m : ((Map<?, ?>) v).entrySet()) {
        values.put(String.valueOf(m.getKey()), value(m.getValue()));
      }
      return Value.of(values);
    }
    return Value.of(String.valueOf(v)); // not in a normalized entry; kept as text
  }

  private Resource resource(LogEntry e) {
    List<String> key =
        java.util.Arrays.asList(
            e.service(),
            e.version(),
            e.environment() == null ? null : e.environment().wireName(),
            e.instanceId(),
            e.region());
    Resource r = resources.get(key);
    if (r == null) {
      AttributesBuilder b = Attributes.builder().putAll(extraResource);
      b.put("service.name", Objects.requireNonNullElse(e.service(), "unknown_service"));
      if (e.version() != null) {
        b.put("service.version", e.version());
      }
      if (e.environment() != null) {
        b.put("deployment.environment.name", e.environment().wireName());
      }
      if (e.instanceId() != null) {
        b.put("service.instance.id", e.instanceId());
      }
      if (e.region() != null) {
        b.put("cloud.region", e.region());
      }
      r = Resource.create(b.build());
      if (resources.size() >= MAX_CACHED) {
        resources.clear(); // a bound for the ingestor's many services, never reached by one app
      }
      resources.put(key, r);
    }
    return r;
  }

  private InstrumentationScopeInfo scope(String logger) {
    String name = logger == null || logger.isEmpty() ? DEFAULT_SCOPE : logger;
    InstrumentationScopeInfo s = scopes.get(name);
    if (s == null) {
      s = InstrumentationScopeInfo.create(name);
      if (scopes.size() >= MAX_CACHED) {
        scopes.clear();
      }
      scopes.put(name, s);
    }
    return s;
  }
}
