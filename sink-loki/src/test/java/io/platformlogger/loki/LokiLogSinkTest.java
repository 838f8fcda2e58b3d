package io.platformlogger.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.testkit.LogEntryDiff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sink against {@link LokiReceiver}: what goes on the wire, and every failure path. */
class LokiLogSinkTest {
  @RegisterExtension static final LokiReceiver loki = new LokiReceiver();

  private static LogEntry.Builder entry(String message) {
    return LogEntry.builder()
        .timestamp(Instant.now())
        .level(Level.INFO)
        .message(message)
        .service("checkout")
        .environment(Environment.PRODUCTION);
  }

  private static LokiLogSink.Builder sink() {
    return LokiLogSink.builder().url(loki.url());
  }

  @Test
  void aBatchGoesAsOneGzipRequestGroupedIntoStreamsByLabelSet() throws Exception {
    List<LogEntry> batch =
        List.of(
            entry("a").build(),
            entry("b").level(Level.ERROR).build(),
            entry("c").service("billing").build(),
            entry("d").build(),
            entry("e").service(null).environment(null).build());
    try (LokiLogSink sink = sink().staticLabels(Map.of("cluster", "eu-1")).build()) {
      sink.write(batch);
    }

    assertThat(loki.requests()).hasSize(1);
    LokiReceiver.Request request = loki.requests().get(0);
    assertThat(request.status()).isEqualTo(204);
    assertThat(request.headers()).containsEntry("content-encoding", "gzip").containsEntry("content-type", "application/json");
    List<Map<String, String>> streams = new ArrayList<>();
    request.body().get("streams").forEach(s -> streams.add(labels(s.get("stream"))));
    assertThat(streams)
        .containsExactly(
            Map.of("service_name", "checkout", "environment", "production", "level", "info", "cluster", "eu-1"),
            Map.of("service_name", "checkout", "environment", "production", "level", "error", "cluster", "eu-1"),
            Map.of("service_name", "billing", "environment", "production", "level", "info", "cluster", "eu-1"),
            Map.of("service_name", "unknown_service", "level", "info", "cluster", "eu-1"));
    assertThat(request.body().get("streams").get(0).get("values")).hasSize(2);
    assertThat(loki.entries()).containsExactlyElementsOf(batch);
  }

  @Test
  void theLineIsTheEntrysSharedJsonAndIdentifiersGoInStructuredMetadataNotLabels() throws Exception {
    LogEntry e =
        entry("paid")
            .tenantId("t-42")
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7")
            .requestId("r-1")
            .userId("u-7")
            .eventType("payment.captured")
            .errorSignature("sig-9")
            .loggerName("com.acme.Payments")
            .data(Map.of("amount", 42.5))
            .build();
    try (LokiLogSink sink = sink().build()) {
      sink.write(List.of(e));
    }

    LokiReceiver.Stored stored = loki.stored().get(0);
    assertThat(stored.line()).isEqualTo(LogEntryJson.encode(e));
    assertThat(stored.labels()).containsOnlyKeys("service_name", "environment", "level");
    assertThat(stored.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "tenant_id", "t-42",
                "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736",
                "span_id", "00f067aa0ba902b7",
                "request_id", "r-1",
                "user_id", "u-7",
                "event_type", "payment.captured",
                "error_signature", "sig-9",
                "logger_name", "com.acme.Payments"));
    LogEntryDiff.assertSameEntry(e, stored.entry());
  }

  @Test
  void theSpoolsKeptJsonIsSentAsItIs() throws Exception {
    LogEntry e = entry("kept").build();
    // What the spool kept for this entry: the same JSON, but with a space the encoder never writes.
    String kept = LogEntryJson.encode(e).replaceFirst("\\{", "{ ");
    EntryInternals.keepJson(e, kept.getBytes(StandardCharsets.UTF_8));
    try (LokiLogSink sink = sink().build()) {
      sink.write(List.of(e));
    }
    assertThat(loki.stored().get(0).line()).isEqualTo(kept);
  }

  @Test
  void timestampsAreNanosecondStringsAndEachStreamIsInTimeOrder() throws Exception {
    Instant t = Instant.now().minusSeconds(5);
    LogEntry late = entry("late").timestamp(t.plusNanos(3)).build();
    LogEntry early = entry("early").timestamp(t.plusNanos(1)).build();
    LogEntry middle = entry("middle").timestamp(t.plusNanos(2)).build();
    try (LokiLogSink sink = sink().build()) {
      sink.write(List.of(late, early, middle));
    }

    JsonNode values = loki.requests().get(0).body().get("streams").get(0).get("values");
    long base = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    assertThat(values.get(0).get(0).textValue()).isEqualTo(Long.toString(base + 1));
    assertThat(values.get(1).get(0).textValue()).isEqualTo(Long.toString(base + 2));
    assertThat(values.get(2).get(0).textValue()).isEqualTo(Long.toString(base + 3));
    assertThat(loki.stored()).extracting(s -> s.entry().message()).containsExactly("early", "middle", "late");
  }

  @Test
  void aFixedTenantIsSentAsXScopeOrgId() throws Exception {
    loki.requireTenant();
    try (LokiLogSink sink = sink().tenant("platform").build()) {
      sink.write(List.of(entry("one").tenantId("t-1").build()));
    }
    assertThat(loki.stored()).extracting(LokiReceiver.Stored::tenant).containsExactly("platform");
  }

  @Test
  void tenantsFromEntriesGoInOneRequestPerTenantWithTheFixedOneForTheRest() throws Exception {
    List<LogEntry> batch =
        List.of(
            entry("a1").tenantId("acme").build(),
            entry("b1").tenantId("globex").build(),
            entry("none").build(),
            entry("a2").tenantId("acme").build());
    try (LokiLogSink sink = sink().tenantFromEntry(true).tenant("shared").build()) {
      sink.write(batch);
    }
    assertThat(loki.requests()).extracting(LokiReceiver.Request::tenant).containsExactly("acme", "globex", "shared");
    assertThat(loki.stored())
        .extracting(s -> s.tenant() + ":" + s.entry().message())
        .containsExactly("acme:a1", "acme:a2", "globex:b1", "shared:none");
  }

  @Test
  void anEntryWhoseTenantLokiCannotTakeIsRefusedForGoodNotSentElsewhere() throws Exception {
    try (LokiLogSink sink = sink().tenantFromEntry(true).tenant("shared").build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").tenantId("acme/../root").build())))
          .isInstanceOfSatisfying(LogSinkException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("not a Loki tenant id");
    }
    assertThat(loki.requests()).isEmpty();
  }

  @Test
  void basicAuthComesFromAFileAndAReplacedFileIsReadAgain(@TempDir Path dir) throws Exception {
    Path password = dir.resolve("password");
    Files.writeString(password, "s3cret\n");
    loki.requireAuthorization(basic("logs", "s3cret"));
    try (LokiLogSink sink = sink().basicAuth("logs", null, password).build()) {
      sink.write(List.of(entry("first").build()));

      Files.writeString(password, "rotated");
      Files.setLastModifiedTime(password, FileTime.from(Instant.now().plusSeconds(60)));
      loki.requireAuthorization(basic("logs", "rotated"));
      sink.write(List.of(entry("second").build()));
    }
    assertThat(loki.requests()).extracting(LokiReceiver.Request::status).containsExactly(204, 204);
    assertThat(loki.stored()).hasSize(2);
  }

  @Test
  void aBearerTokenComesFromAnEnvironmentVariable() throws Exception {
    String path = System.getenv("PATH"); // a variable every test machine has
    loki.requireAuthorization("Bearer " + path);
    try (LokiLogSink sink = sink().bearerToken("PATH", null).build()) {
      sink.write(List.of(entry("token").build()));
    }
    assertThat(loki.stored()).hasSize(1);
  }

  @Test
  void refusedCredentialsAreRetryableAndNameTheSetting(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "wrong");
    loki.requireAuthorization("Bearer right");
    try (LokiLogSink sink = sink().bearerToken(null, token).build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessageContaining("401")
          .hasMessageContaining("file " + token);
    }
  }

  @Test
  void a429WithRetryAfterIsRetryableAndTheNextRequestWaitsForIt() throws Exception {
    List<Long> waits = new CopyOnWriteArrayList<>();
    loki.failNext(1, 429, "2");
    LogEntry e = entry("throttled").build();
    try (LokiLogSink sink = sink().sleeper(waits::add).build()) {
      assertThatThrownBy(() -> sink.write(List.of(e)))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue())
          .hasMessageContaining("429")
          .hasMessageContaining("Retry-After of 2000 ms");
      assertThat(waits).isEmpty();

      sink.write(List.of(e)); // the pipeline's retry
    }
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(loki.entries()).containsExactly(e);
  }

  @Test
  void aRetryAfterLongerThanTheCapWaitsOnlyTheCap() throws Exception {
    List<Long> waits = new CopyOnWriteArrayList<>();
    loki.failNext(1, 503, "86400");
    try (LokiLogSink sink = sink().sleeper(waits::add).maxRetryAfter(Duration.ofSeconds(3)).build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build()))).hasMessageContaining("3000 ms");
      sink.write(List.of(entry("y").build()));
    }
    assertThat(waits).singleElement().satisfies(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(3).toNanos()));
  }

  @Test
  void serverErrorsAndDroppedConnectionsAreRetryableAndTheBatchArrivesAfterwards() throws Exception {
    LogEntry e = entry("eventually").build();
    loki.failNext(1, 500, null);
    loki.failNext(1, 0, null);
    try (LokiLogSink sink = sink().build()) {
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> sink.write(List.of(e)))
            .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue());
      }
      sink.write(List.of(e));
    }
    assertThat(loki.entries()).containsExactly(e);
  }

  @Test
  void aLokiThatIsDownIsRetryable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // free once closed: nothing listens there
    }
    try (LokiLogSink sink = LokiLogSink.builder().url("http://127.0.0.1:" + port).build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue())
          .hasMessageContaining("cannot reach Loki");
    }
  }

  @Test
  void a400IsPermanentAndSaysWhatLokiAnswered() throws Exception {
    loki.failNext(1, 400, null);
    try (LokiLogSink sink = sink().build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isFalse())
          .hasMessageContaining("(400): injected 400");
      assertThat(sink.refusedByLoki()).isEqualTo(1);
    }
  }

  @Test
  void aWrongPathIsRetryableAndPointsAtTheUrl() throws Exception {
    try (LokiLogSink sink = LokiLogSink.builder().url(loki.url() + "/not/loki").build()) {
      assertThatThrownBy(() -> sink.write(List.of(entry("x").build())))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isTrue())
          .hasMessageContaining("sink.loki.url");
    }
  }

  @Test
  void aLineOverTheLimitIsCutWithMarkersAndStaysJsonWithItsId() throws Exception {
    String big = "x".repeat(300_000);
    LogEntry e = entry(big).errorStack("java.lang.IllegalStateException\n\tat A.b(A.java:1)\n".repeat(8_000)).build();
    try (LokiLogSink sink = sink().build()) {
      sink.write(List.of(e));
      assertThat(sink.linesCut()).isEqualTo(1);
    }
    LokiReceiver.Stored stored = loki.stored().get(0);
    assertThat(stored.line().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256_000);
    LogEntry back = stored.entry();
    assertThat(back.id()).isEqualTo(e.id());
    assertThat(back.sanitized()).containsExactly("error_stack_truncated", "message_truncated");
    assertThat(back.errorStack()).startsWith("…[truncated ");
    assertThat(back.message()).startsWith("xxxx").contains("…[truncated ");
    assertThat(back.message().length()).isGreaterThan(100_000);
  }

  @Test
  void hugeDataIsDroppedWithAMarkerWhenCuttingTextIsNotEnough() throws Exception {
    LogEntry e = entry("small").data(Map.of("blob", "y".repeat(300_000))).build();
    try (LokiLogSink sink = sink().build()) {
      sink.write(List.of(e));
    }
    LogEntry back = loki.stored().get(0).entry();
    assertThat(back.data()).isEmpty();
    assertThat(back.sanitized()).contains("data_truncated");
    assertThat(back.message()).startsWith("small");
  }

  @Test
  void entriesTooOldOrTooFarAheadAreRefusedBeforeSendingAndCountedOnceAlone() throws Exception {
    LogEntry old = entry("old").timestamp(Instant.now().minus(Duration.ofDays(8))).build();
    LogEntry ahead = entry("ahead").timestamp(Instant.now().plus(Duration.ofMinutes(11))).build();
    LogEntry fine = entry("fine").build();
    try (LokiLogSink sink = sink().build()) {
      assertThatThrownBy(() -> sink.write(List.of(fine, old)))
          .isInstanceOfSatisfying(LogSinkException.class, ex -> assertThat(ex.isRetryable()).isFalse())
          .hasMessageContaining("nothing sent");
      assertThat(loki.requests()).as("nothing sent for a batch holding a refused entry").isEmpty();
      assertThatThrownBy(() -> sink.write(List.of(old))).hasMessageContaining("older than Loki accepts");
      assertThatThrownBy(() -> sink.write(List.of(ahead))).hasMessageContaining("further in the future");
      sink.write(List.of(fine));
      assertThat(sink.tooOld()).isEqualTo(1);
      assertThat(sink.tooNew()).isEqualTo(1);
    }
    assertThat(loki.entries()).containsExactly(fine);
  }

  @Test
  void writeAfterCloseThrowsAndCloseTwiceIsHarmless() throws Exception {
    LokiLogSink sink = sink().build();
    sink.write(List.of(entry("x").build()));
    sink.close();
    sink.close();
    assertThatThrownBy(() -> sink.write(List.of(entry("y").build()))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutGzipTheBodyIsPlainJson() throws Exception {
    try (LokiLogSink sink = sink().gzip(false).build()) {
      sink.write(List.of(entry("plain").build()));
    }
    assertThat(loki.requests().get(0).headers()).doesNotContainKey("content-encoding");
    assertThat(loki.entries()).extracting(LogEntry::message).containsExactly("plain");
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    node.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().textValue()));
    return m;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
