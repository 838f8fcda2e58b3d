package io.platformlogger.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rebuilds a {@link LogEntry} from a received OTLP record: the mapping of docs/otlp.md backwards. */
final class OtlpDecoding {
  /** Attribute keys the sink sets itself; every other attribute is from {@code data}. */
  static final Set<String> OWN =
      Set.of("log.record.uid", "tenant.id", "tenant.slug", "workspace.id", "project.id", "user.id",
          "session.id", "impersonator.id", "request.id", "log.stream", "action", "error.code",
          "error.signature", "thread.name", "code.file.path", "code.line.number",
          "code.function.name", "exception.type", "exception.message", "exception.stacktrace",
          "log.markers", "log.sanitized", "trace_id", "span_id");

  private OtlpDecoding() {}

  static LogEntry entry(OtlpReceiver.Received r) {
    Map<String, AnyValue> res = map(r.resource().getAttributesList());
    LogRecord lr = r.record();
    Map<String, AnyValue> attrs = map(lr.getAttributesList());
    LogEntry.Builder b = LogEntry.builder();
    b.id(str(attrs, "log.record.uid"));
    long ns = lr.getTimeUnixNano();
    b.timestamp(Instant.ofEpochSecond(ns / 1_000_000_000L, ns % 1_000_000_000L));
    b.level(Level.parse(lr.getSeverityText()));
    b.message(lr.getBody().getStringValue());
    String service = str(res, "service.name");
    b.service("unknown_service".equals(service) ? null : service);
    b.version(str(res, "service.version"));
    String env = str(res, "deployment.environment.name");
    b.environment(env == null ? null : Environment.parse(env));
    b.instanceId(str(res, "service.instance.id"));
    b.region(str(res, "cloud.region"));
    b.eventType(lr.getEventName().isEmpty() ? null : lr.getEventName());
    b.stream(str(attrs, "log.stream"));
    b.tenantId(str(attrs, "tenant.id"));
    b.tenantSlug(str(attrs, "tenant.slug"));
    b.workspaceId(str(attrs, "workspace.id"));
    b.projectId(str(attrs, "project.id"));
    b.userId(str(attrs, "user.id"));
    b.sessionId(str(attrs, "session.id"));
    b.impersonatorId(str(attrs, "impersonator.id"));
    b.requestId(str(attrs, "request.id"));
    b.traceId(lr.getTraceId().isEmpty() ? str(attrs, "trace_id") : HexFormat.of().formatHex(lr.getTraceId().toByteArray()));
    b.spanId(lr.getSpanId().isEmpty() ? str(attrs, "span_id") : HexFormat.of().formatHex(lr.getSpanId().toByteArray()));
    b.sourceFile(str(attrs, "code.file.path"));
    if (attrs.containsKey("code.line.number")) {
      b.sourceLine((int) attrs.get("code.line.number").getIntValue());
    }
    String function = str(attrs, "code.function.name");
    if (function != null) {
      int dot = function.lastIndexOf('.');
      b.sourceClass(dot < 0 ? null : function.substring(0, dot));
      b.sourceMethod(dot < 0 ? function : function.substring(dot + 1));
    }
    b.action(str(attrs, "action"));
    b.errorType(str(attrs, "exception.type"));
    b.errorCode(str(attrs, "error.code"));
    b.errorStack(str(attrs, "exception.stacktrace"));
    b.errorSignature(str(attrs, "error.signature"));
    String scope = r.scope().getName();
    b.loggerName(RecordMapper.DEFAULT_SCOPE.equals(scope) ? null : scope);
    b.threadName(str(attrs, "thread.name"));
    b.markers(strings(attrs.get("log.markers")));
    b.sanitized(strings(attrs.get("log.sanitized")));
    Map<String, Object> data = new LinkedHashMap<>();
    for (KeyValue kv : lr.getAttributesList()) {
      String key = kv.getKey();
      if (OWN.contains(key)) {
        continue;
      }
      if (key.startsWith("data.") && OWN.contains(key.substring(5))) {
        key = key.substring(5);
      }
      data.put(key, value(kv.getValue()));
    }
    b.data(data);
    return b.build();
  }

  static Map<String, AnyValue> map(List<KeyValue> list) {
    Map<String, AnyValue> m = new LinkedHashMap<>();
    list.forEach(kv -> m.put(kv.getKey(), kv.getValue()));
    return m;
  }

  static String str(Map<String, AnyValue> m, String key) {
    AnyValue v = m.get(key);
    return v == null ? null : v.getStringValue();
  }

  private static List<String> strings(AnyValue v) {
    List<String> out = new ArrayList<>();
    if (v != null) {
      v.getArrayValue().getValuesList().forEach(x -> out.add(x.getStringValue()));
    }
    return out;
  }

  static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case INT_VALUE:
        return v.getIntValue();
      case DOUBLE_VALUE:
        return v.getDoubleValue();
      case BOOL_VALUE:
        return v.getBoolValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        v.getArrayValue().getValuesList().forEach(x -> list.add(value(x)));
        return list;
      case KVLIST_VALUE:
        Map<String, Object> map = new LinkedHashMap<>();
        v.getKvlistValue().getValuesList().forEach(kv -> map.put(kv.getKey(), value(kv.getValue())));
        return map;
      default:
        return null;
    }
  }
}
