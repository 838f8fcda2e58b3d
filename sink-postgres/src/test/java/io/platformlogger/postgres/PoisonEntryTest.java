package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One entry with kilobytes of text in an indexed field (SQLSTATE 54000: index row too large) must
 * neither stall the sink nor survive a restart in the spool as a stall: the entry builder cuts
 * such fields, and the sink calls what can never be stored permanent, so the pipeline isolates it.
 */
@ExtendWith(TestDatabase.class)
class PoisonEntryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Random letters do not compress, so PostgreSQL cannot squeeze them under the index's limit. */
  private static String poison(long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder(6000);
    for (int i = 0; i < 6000; i++) {
      sb.append((char) ('!' + random.nextInt(94)));
    }
    return sb.toString();
  }

  private static PlatformLoggerConfig.Builder config(Path spool) {
    return PlatformLoggerConfig.builder()
        .service("poison-test")
        .consoleEnabled(false)
        .shutdownHook(false)
        .spoolEnabled(true)
        .spoolDir(spool)
        .retryInitialBackoff(Duration.ofMillis(20))
        .retryMaxBackoff(Duration.ofMillis(200));
  }

  private static LogPipeline pipeline(PlatformLoggerConfig.Builder config, PostgresLogSink sink, ByteArrayOutputStream fallback) {
    return LogPipeline.builder()
        .config(config.build())
        .configuredSinks(false)
        .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
        .sink(sink)
        .build();
  }

  @Test
  void aPoisonInEachIndexedFieldIsCutAndEveryLaterEntryArrivesAcrossARestart(@TempDir Path tmp)
      throws Exception {
    String schema = TestDatabase.newSchema();
    Path spool = tmp.resolve("spool");
    Map<String, UnaryOperator<LogCall>> fields = new LinkedHashMap<>();
    fields.put("tenant_id", ev -> ev.boundContext(LogContext.builder().tenantId(poison(1)).build()));
    fields.put("request_id", ev -> ev.boundContext(LogContext.builder().requestId(poison(2)).build()));
    fields.put("trace_id", ev -> ev.boundContext(LogContext.builder().traceId(poison(3)).build()));
    fields.put("span_id", ev -> ev.boundContext(LogContext.builder().spanId(poison(4)).build()));
    fields.put("user_id", ev -> ev.boundContext(LogContext.builder().userId(poison(5)).build()));
    fields.put("service", ev -> ev.service(poison(6)));
    fields.put("event_type", ev -> ev.eventType(poison(7)));
    Map<String, Function<LogEntry, String>> read = Map.of(
        "tenant_id", LogEntry::tenantId, "request_id", LogEntry::requestId,
        "trace_id", LogEntry::traceId, "span_id", LogEntry::spanId, "user_id", LogEntry::userId,
        "service", LogEntry::service, "event_type", LogEntry::eventType);

    // First run: the server cannot be reached, so every entry waits in the spool at shutdown.
    ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    PostgresLogSink unreachable = PostgresLogSink.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:1/nowhere").connectionTimeout(Duration.ofMillis(250)).build();
    try (LogPipeline first = pipeline(config(spool), unreachable, fallback)) {
      int n = 0;
      for (Map.Entry<String, UnaryOperator<LogCall>> f : fields.entrySet()) {
        first.submit(f.getValue().apply(first.capture(Level.INFO, "com.acme.Poison")
            .message("poison in " + f.getKey())));
        for (int i = 0; i < 3; i++) {
          first.submit(first.capture(Level.INFO, "com.acme.Poison").message("good " + n++));
        }
      }
      first.close(Duration.ofMillis(500));
    } finally {
      unreachable.close();
    }

    // Second run, against the real server: the spool is replayed, poison and all.
    try (PostgresLogSink sink = TestDatabase.sink(schema).build();
        LogPipeline second = pipeline(config(spool), sink, fallback)) {
      Await.value("every good entry is stored after the restart", WAIT, () -> goodStored(schema),
          stored -> stored >= 3L * fields.size());
      assertThat(second.flush(WAIT)).isTrue();
    }

    List<LogEntry> stored = TestDatabase.stored(schema);
    assertThat(stored).hasSize(4 * fields.size());
    for (String field : fields.keySet()) {
      LogEntry poisoned = stored.stream()
          .filter(e -> e.message().equals("poison in " + field)).findFirst().orElseThrow();
      assertThat(read.get(field).apply(poisoned))
          .as(field)
          .startsWith(poison(List.copyOf(fields.keySet()).indexOf(field) + 1).substring(0, 256))
          .endsWith("…[truncated " + (6000 - 256) + " chars]");
      assertThat(poisoned.sanitized()).as(field).contains(field + "_truncated");
    }
  }

  private static long goodStored(String schema) {
    try {
      return TestDatabase.count("SELECT count(*) FROM " + schema + ".platform_logs WHERE message LIKE 'good %'");
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
        return 0; // the sink has not created its table yet
      }
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anEntryThePipelineNeverBuiltIsIsolatedByTheSinkAndTheRestAreStored() throws Exception {
    // Entries can also come from Kafka (LogIngestor) with any text: the sink must call an index
    // row over the limit permanent, or a retrying caller would send the same batch for ever.
    String schema = TestDatabase.newSchema();
    LogEntry good = LogEntry.builder().level(Level.INFO).message("good").tenantId("t-1").build();
    LogEntry poisoned = LogEntry.builder().level(Level.INFO).message("poison").tenantId(poison(9)).build();
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(List.of(good));
      try {
        sink.write(List.of(poisoned));
        throw new AssertionError("an index row of 6000 random bytes was stored");
      } catch (LogSinkException e) {
        assertThat(e.isRetryable()).as("retryable? " + e.getMessage()).isFalse();
        assertThat(e.getMessage()).contains("54000");
      }
    }
    assertThat(TestDatabase.stored(schema)).extracting(LogEntry::message).containsExactly("good");
  }
}
