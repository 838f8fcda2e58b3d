package io.platformlogger.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSinkException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sink against {@link OtlpReceiver}: the mapping field by field, the wire options, the failures. */
class OtlpLogSinkTest {
  @RegisterExtension static final OtlpReceiver otlp = new OtlpReceiver();

  private static LogEntry.Builder entry(String message) {
    return LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).message(message).service("checkout");
  }

  private static OtlpLogSink.Builder sink() {
    return OtlpLogSink.builder().endpoint(otlp.url());
  }

  @ParameterizedTest
  @EnumSource(OtlpLogSink.Protocol.class)
  void everyFieldMapsToTheLogDataModel(OtlpLogSink.Protocol protocol) throws Exception {
    Instant t = Instant.parse("2026-12-06T10:15:30.123456789Z");
    LogEntry e =
        LogEntry.builder()
            .timestamp(t)
            .level(Level.ERROR)
            .message("payment failed")
            .service("checkout")
            .version("1.4.2")
            .environment(Environment.PRODUCTION)
            .instanceId("pod-7")
            .region("eu-west-1")
            .eventType("payment.failed")
            .tenantId("t-42")
            .userId("u-7")
            .requestId("r-1")
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7")
            .sourceFile("Payments.java")
            .sourceLine(42)
            .sourceClass("com.acme.Payments")
            .sourceMethod("capture")
            .errorType("java.lang.IllegalStateException")
            .errorStack("java.lang.IllegalStateException: card declined\n\tat com.acme.Payments.capture(Payments.java:42)")
            .loggerName("com.acme.Payments")
            .threadName("worker-1")
            .data(Map.of("amount", 42.5, "attempt", 3L, "ok", false, "cart", List.of("a", "b"), "tenant.id", "shadowed"))
            .build();
    try (OtlpLogSink sink = sink().protocol(protocol).resourceAttributes(Map.of("k8s.namespace.name", "shop")).build()) {
      sink.write(List.of(e));
    }

    OtlpReceiver.Request request = otlp.requests().get(0);
    assertThat(request.contentType())
        .isEqualTo(protocol == OtlpLogSink.Protocol.HTTP_JSON ? "application/json" : "application/x-protobuf");
    assertThat(request.headers()).containsEntry("content-encoding", "gzip");
    OtlpReceiver.Received r = otlp.records().get(0);
    Map<String, AnyValue> resource = OtlpDecoding.map(r.resource().getAttributesList());
    assertThat(OtlpDecoding.str(resource, "service.name")).isEqualTo("checkout");
    assertThat(OtlpDecoding.str(resource, "service.version")).isEqualTo("1.4.2");
    assertThat(OtlpDecoding.str(resource, "deployment.environment.name")).isEqualTo("production");
    assertThat(OtlpDecoding.str(resource, "service.instance.id")).isEqualTo("pod-7");
    assertThat(OtlpDecoding.str(resource, "cloud.region")).isEqualTo("eu-west-1");
    assertThat(OtlpDecoding.str(resource, "k8s.namespace.name")).isEqualTo("shop");
    assertThat(r.scope().getName()).isEqualTo("com.acme.Payments");

    LogRecord lr = r.record();
    assertThat(lr.getTimeUnixNano()).isEqualTo(t.getEpochSecond() * 1_000_000_000L + 123_456_789L);
    assertThat(lr.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(lr.getSeverityNumberValue()).isEqualTo(17);
    assertThat(lr.getSeverityText()).isEqualTo("ERROR");
    assertThat(lr.getBody().getStringValue()).isEqualTo("payment failed");
    assertThat(lr.getEventName()).isEqualTo("payment.failed");
    assertThat(HexFormat.of().formatHex(lr.getTraceId().toByteArray())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(HexFormat.of().formatHex(lr.getSpanId().toByteArray())).isEqualTo("00f067aa0ba902b7");
    Map<String, AnyValue> a = OtlpDecoding.map(lr.getAttributesList());
    assertThat(OtlpDecoding.str(a, "log.record.uid")).isEqualTo(e.id());
    assertThat(OtlpDecoding.str(a, "exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(OtlpDecoding.str(a, "exception.message")).isEqualTo("card declined");
    assertThat(OtlpDecoding.str(a, "exception.stacktrace")).startsWith("java.lang.IllegalStateException: card declined\n\tat ");
    assertThat(OtlpDecoding.str(a, "code.file.path")).isEqualTo("Payments.java");
    assertThat(a.get("code.line.number").getIntValue()).isEqualTo(42);
    assertThat(OtlpDecoding.str(a, "code.function.name")).isEqualTo("com.acme.Payments.capture");
    assertThat(OtlpDecoding.str(a, "tenant.id")).isEqualTo("t-42");
    assertThat(OtlpDecoding.str(a, "user.id")).isEqualTo("u-7");
    assertThat(OtlpDecoding.str(a, "request.id")).isEqualTo("r-1");
    assertThat(OtlpDecoding.str(a, "thread.name")).isEqualTo("worker-1");
    assertThat(a.get("amount").getDoubleValue()).isEqualTo(42.5);
    assertThat(a.get("attempt").getIntValue()).isEqualTo(3);
    assertThat(a.get("ok").hasBoolValue()).isTrue();
    assertThat(a.get("cart").getArrayValue().getValuesList()).extracting(AnyValue::getStringValue).containsExactly("a", "b");
    assertThat(OtlpDecoding.str(a, "data.tenant.id")).as("a data key clashing with the sink's own").isEqualTo("shadowed");
    assertThat(OtlpDecoding.entry(r)).isEqualTo(e);
  }

  @Test
  void levelsMapToTheSeverityNumbersOfTheDataModel() throws Exception {
    try (OtlpLogSink sink = sink().build()) {
      for (Level level : Level.values()) {
        sink.write(List.of(entry(level.name()).level(level).build()));
      }
    }
    assertThat(otlp.records()).extracting(r -> r.record().getSeverityNumberValue()).containsExactly(1, 5, 9, 13, 17);
  }

  @Test
  void headersAreSentAndCompressionCanBeTurnedOff() throws Exception {
    try (OtlpLogSink sink = sink().header("api-key", "k-1").gzip(false).build()) {
      sink.write(List.of(entry("x").build()));
    }
    assertThat(otlp.requests().get(0).headers()).containsEntry("api-key", "k-1").doesNotContainKey("content-encoding");
  }

  @Test
  void idsThatAreNotW3cHexStayAsAttributes() throws Exception {
    try (OtlpLogSink sink = sink().build()) {
      sink.write(List.of(entry("x").traceId("req-abc").spanId("7").build()));
    }
    LogRecord lr = otlp.records().get(0).record();
    assertThat(lr.getTraceId().isEmpty()).isTrue();
    assertThat(OtlpDecoding.str(OtlpDecoding.map(lr.getAttributesList()), "trace_id")).isEqualTo("req-abc");
  }

  @Test
  void aServerErrorFailsTheWriteAfterOneRequestTheExportersOwnRetryIsOff() throws Exception {
    otlp.failNext(1, 503);
    LogEntry e = entry("later").build();
    try (OtlpLogSink sink = sink().build()) {
      assertThatThrownBy(() -> sink.write(List.of(e)))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue())
          .hasMessageContaining("503");
      assertThat(otlp.requests()).as("one request, no hidden retries").hasSize(1);
      sink.write(List.of(e)); // the pipeline's retry
    }
    assertThat(otlp.records()).extracting(r -> r.record().getBody().getStringValue()).containsExactly("later");
  }

  @Test
  void tooManyRequestsAndADroppedConnectionAreRetryable() throws Exception {
    otlp.failNext(1, 429);
    otlp.failNext(1, 0);
    try (OtlpLogSink sink = sink().build()) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
            .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue());
      }
    }
  }

  @Test
  void aCollectorThatIsDownIsRetryable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (OtlpLogSink sink = OtlpLogSink.builder().endpoint("http://127.0.0.1:" + port).build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue())
          .hasMessageContaining("cannot reach");
    }
  }

  @Test
  void a400IsPermanentAndCredentialsOrPathProblemsAreRetryable() throws Exception {
    otlp.failNext(1, 400);
    otlp.failNext(1, 401);
    otlp.failNext(1, 404);
    try (OtlpLogSink sink = sink().build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isFalse())
          .hasMessageContaining("(400): injected 400");
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue())
          .hasMessageContaining("sink.otlp.headers");
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue())
          .hasMessageContaining("sink.otlp.endpoint");
    }
  }

  @Test
  void aBaseUrlGetsTheLogsPath() {
    assertThat(OtlpLogSink.builder().endpoint("http://collector:4318").build().endpoint())
        .hasToString("http://collector:4318/v1/logs");
    assertThat(OtlpLogSink.builder().endpoint("https://otlp.example.com/otlp/v1/logs").build().endpoint())
        .hasToString("https://otlp.example.com/otlp/v1/logs");
  }
}
