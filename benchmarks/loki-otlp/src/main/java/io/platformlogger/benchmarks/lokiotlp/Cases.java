package io.platformlogger.benchmarks.lokiotlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.platformlogger.benchmarks.support.OrderEntry;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.loki.LokiLogSink;
import io.platformlogger.otlp.OtlpLogSink;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The cases of one batch size: each sink against a raw client sending the same requests to the
 * same {@link NullServer}.
 *
 * <ul>
 *   <li>{@code rawLoki} (anchor): a hand-written push client on the JDK's HttpClient. It gets each
 *       entry's JSON line ready-made, groups the batch by stream, writes the push JSON (labels,
 *       nanosecond timestamps, the same structured metadata) with Jackson, gzips it and POSTs it.
 *   <li>{@code lokiSink}: {@link LokiLogSink#write} with the spool's kept JSON on each entry (the
 *       production default: the spool already encoded it); {@code lokiSinkEncoding}: the same
 *       without, so the sink encodes each entry itself.
 *   <li>{@code rawOtlp} (anchor): the OpenTelemetry SDK's {@link OtlpHttpLogRecordExporter} (JDK
 *       sender, gzip, protobuf) exporting log records built before the run, as the SDK's own batch
 *       processor hands them over; {@code otlpSink}: {@link OtlpLogSink#write}, which maps the
 *       entries to records first, then exports with the same exporter.
 * </ul>
 */
final class Cases implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  final int batchSize;
  private final NullServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI pushUri;
  private final List<LogEntry> kept = new ArrayList<>();
  private final List<LogEntry> plain = new ArrayList<>();
  private final List<byte[]> lines = new ArrayList<>();
  private final LokiLogSink loki;
  private final OtlpLogSink otlp;
  private final OtlpHttpLogRecordExporter exporter;
  private final List<LogRecordData> records = new ArrayList<>();

  Cases(int batchSize) throws Exception {
    this.batchSize = batchSize;
    server = new NullServer();
    pushUri = URI.create(server.url() + "/loki/api/v1/push");
    for (int i = 0; i < batchSize; i++) {
      LogEntry e = entry(i);
      plain.add(e);
      byte[] json = LogEntryJson.encodeBytes(e);
      lines.add(json);
      LogEntry k = e.toBuilder().build();
      EntryInternals.keepJson(k, json.clone());
      kept.add(k);
      records.add(record(e));
    }
    loki = LokiLogSink.builder().url(server.url()).maxBatchSize(batchSize).build();
    otlp = OtlpLogSink.builder().endpoint(server.url()).maxBatchSize(batchSize).build();
    exporter =
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(server.url() + "/v1/logs")
            .setCompression("gzip")
            .setRetryPolicy(null)
            .build();
  }

  void lokiSink() throws Exception {
    loki.write(kept);
  }

  void lokiSinkEncoding() throws Exception {
    loki.write(plain);
  }

  void rawLoki() throws Exception {
    Map<String, List<Integer>> streams = new LinkedHashMap<>();
    for (int i = 0; i < plain.size(); i++) {
      LogEntry e = plain.get(i);
      streams.computeIfAbsent(e.service() + "\u0000" + e.level(), k -> new ArrayList<>()).add(i);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(new GZIPOutputStream(bytes, 16 * 1024))) {
      g.writeStartObject();
      g.writeArrayFieldStart("streams");
      for (List<Integer> stream : streams.values()) {
        LogEntry first = plain.get(stream.get(0));
        g.writeStartObject();
        g.writeObjectFieldStart("stream");
        g.writeStringField("service_name", first.service());
        g.writeStringField("environment", first.environment().wireName());
        g.writeStringField("level", first.level().name().toLowerCase(Locale.ROOT));
        g.writeEndObject();
        g.writeArrayFieldStart("values");
        for (int i : stream) {
          LogEntry e = plain.get(i);
          byte[] line = lines.get(i);
          g.writeStartArray();
          g.writeString(Long.toString(e.timestamp().getEpochSecond() * 1_000_000_000L + e.timestamp().getNano()));
          g.writeUTF8String(line, 0, line.length);
          g.writeStartObject();
          g.writeStringField("tenant_id", e.tenantId());
          g.writeStringField("trace_id", e.traceId());
          g.writeStringField("span_id", e.spanId());
          g.writeStringField("request_id", e.requestId());
          g.writeStringField("user_id", e.userId());
          g.writeStringField("logger_name", e.loggerName());
          g.writeEndObject();
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(pushUri)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 204) {
      throw new IllegalStateException("push answered " + r.statusCode());
    }
  }

  void otlpSink() throws Exception {
    otlp.write(plain);
  }

  void rawOtlp() {
    CompletableResultCode result = exporter.export(records).join(10, TimeUnit.SECONDS);
    if (!result.isSuccess()) {
      throw new IllegalStateException("export failed", result.getFailureThrowable());
    }
  }

  @Override
  public void close() throws Exception {
    loki.close();
    otlp.close();
    exporter.shutdown().join(5, TimeUnit.SECONDS);
    server.close();
  }

  /** The record the anchor exports: what an application using the SDK directly would emit. */
  private static LogRecordData record(LogEntry e) {
    Resource resource = RESOURCE; // one per application, as an SDK-instrumented service has
    InstrumentationScopeInfo scope = SCOPE;
    return record(e, resource, scope);
  }

  /** Every tenth at WARN, so a Loki request carries two streams. */
  static LogEntry entry(int i) {
    return OrderEntry.of(i, i % 10 == 0 ? Level.WARN : Level.INFO);
  }

  private static final Resource RESOURCE = resource(entry(0));
  private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create(entry(0).loggerName());

  private static Resource resource(LogEntry e) {
    return Resource.create(
            Attributes.builder()
                .put("service.name", e.service())
                .put("service.version", e.version())
                .put("deployment.environment.name", e.environment().wireName())
                .put("service.instance.id", e.instanceId())
                .build());
  }

  private static LogRecordData record(LogEntry e, Resource resource, InstrumentationScopeInfo scope) {
    Attributes attributes =
        Attributes.builder()
            .put("log.record.uid", e.id())
            .put("tenant.id", e.tenantId())
            .put("user.id", e.userId())
            .put("request.id", e.requestId())
            .put("thread.name", e.threadName())
            .put(AttributeKey.longKey("order_id"), (Long) e.data().get("order_id"))
            .put(AttributeKey.doubleKey("amount"), (Double) e.data().get("amount"))
            .put("currency", (String) e.data().get("currency"))
            .build();
    long nanos = e.timestamp().getEpochSecond() * 1_000_000_000L + e.timestamp().getNano();
    SpanContext span = SpanContext.create(e.traceId(), e.spanId(), TraceFlags.getDefault(), TraceState.getDefault());
    Severity severity = e.level() == Level.WARN ? Severity.WARN : Severity.INFO;
    String body = e.message();
    return new LogRecordData() {
      @Override
      public Resource getResource() {
        return resource;
      }

      @Override
      public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope;
      }

      @Override
      public long getTimestampEpochNanos() {
        return nanos;
      }

      @Override
      public long getObservedTimestampEpochNanos() {
        return nanos;
      }

      @Override
      public SpanContext getSpanContext() {
        return span;
      }

      @Override
      public Severity getSeverity() {
        return severity;
      }

      @Override
      public String getSeverityText() {
        return e.level().name();
      }

      @Override
      @Deprecated
      public Body getBody() {
        return Body.string(body);
      }

      @Override
      public Value<?> getBodyValue() {
        return Value.of(body);
      }

      @Override
      public Attributes getAttributes() {
        return attributes;
      }

      @Override
      public int getTotalAttributeCount() {
        return attributes.size();
      }
    };
  }
}
