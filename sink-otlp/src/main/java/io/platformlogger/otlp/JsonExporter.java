package io.platformlogger.otlp;

import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.util.Collection;

/**
 * OTLP/HTTP JSON export. The SDK has no public builder option for JSON; its own JSON exporter type
 * is built from the exporter's internal {@code HttpExporterBuilder.exportAsJson()}, the same code
 * the SDK uses. Internal API, pinned by the version in the root pom: kept to this one class so an
 * SDK upgrade that moves it breaks here and nowhere else (the JSON tests would show it).
 */
final class JsonExporter {
  private JsonExporter() {}

  static OtlpLogSink.Exporter create(OtlpLogSink sink) {
    HttpExporterBuilder b =
        new HttpExporterBuilder(
                StandardComponentId.ExporterType.OTLP_HTTP_JSON_LOG_EXPORTER, sink.endpointUri().toString())
            .setEndpoint(sink.endpointUri().toString())
            .setTimeout(sink.timeout())
            .setConnectTimeout(sink.connectTimeout())
            .setCompression(sink.gzip() ? "gzip" : "none")
            .setRetryPolicy(null)
            .exportAsJson();
    sink.headers().forEach(b::addConstantHeaders);
    HttpExporter http = b.build();
    return new OtlpLogSink.Exporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> records) {
        return http.export(LogsRequestMarshaler.create(records), records.size());
      }

      @Override
      public CompletableResultCode shutdown() {
        return http.shutdown();
      }
    };
  }
}
