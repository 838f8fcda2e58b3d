package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Secrets are masked when the entry is built: nothing of them reaches the spool or a sink. */
class RedactionPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> SECRETS =
      List.of("hunter2", "s3cr3t-ctx", "mdc-tok-9", "pw-in-url", "AKIAIOSFODNN7EXAMPLE", "4111 1111 1111 1111");

  @TempDir Path tmp;
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  private PlatformLoggerConfig.Builder config() {
    return PlatformLoggerConfig.builder()
        .service("redaction-test")
        .consoleEnabled(false)
        .shutdownHook(false)
        .spoolEnabled(true)
        .spoolDir(tmp.resolve("spool"))
        .spoolSegmentBytes(256 << 10)
        .retryInitialBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(20));
  }

  private static void logSecrets(PlatformLogger log) {
    try (LogContext.Scope s =
        LogContext.with().tenantId("t-1").put("session_secret", "s3cr3t-ctx").put("x-auth-token", "mdc-tok-9").build().open()) {
      log.info("login user=bob password=hunter2", Map.of("aws", "AKIAIOSFODNN7EXAMPLE", "card", "4111 1111 1111 1111"));
      log.error("cannot store", new SQLException("refused: postgres://app:pw-in-url@db/x"));
    }
  }

  private static String allBytes(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }

  @Test
  void secretsInMessageDataContextAndErrorNeverReachTheSpoolNorTheSink() throws Exception {
    Path out = tmp.resolve("store.ndjson");
    FileSink store = new FileSink("store", out, 100).down(true);
    LogPipeline p = pipelines.start(config(), store);
    logSecrets(PlatformLogger.on(p, "auth"));
    Conditions.await("both entries wait in the spool", WAIT,
        () -> p.stats().sink("store").spoolBytes() > 0 && p.stats().sink("store").retries() > 0);
    String spooled = allBytes(tmp.resolve("spool"));
    assertThat(spooled).contains("password=[REDACTED]");
    SECRETS.forEach(secret -> assertThat(spooled).doesNotContain(secret));

    store.down(false);
    assertThat(p.flush(WAIT)).isTrue();
    String stored = Files.readString(out);
    SECRETS.forEach(secret -> assertThat(stored).doesNotContain(secret));
    List<LogEntry> entries = FileSink.read(out);
    assertThat(entries).hasSize(2);
    LogEntry login = entries.get(0);
    assertThat(login.message()).isEqualTo("login user=bob password=[REDACTED]");
    assertThat(login.tenantId()).isEqualTo("t-1");
    assertThat(login.data())
        .containsEntry("session_secret", "[REDACTED]")
        .containsEntry("x-auth-token", "[REDACTED]")
        .containsEntry("aws", "[REDACTED]")
        .containsEntry("card", "[REDACTED]");
    assertThat(login.sanitized()).contains("redacted");
    assertThat(entries.get(1).errorStack()).contains("postgres://app:[REDACTED]@db/x");
  }

  @Test
  void redactionCanBeTurnedOff() throws Exception {
    Path out = tmp.resolve("store.ndjson");
    FileSink store = new FileSink("store", out, 100);
    LogPipeline p = pipelines.start(config().redactEnabled(false), store);
    logSecrets(PlatformLogger.on(p, "auth"));
    assertThat(p.flush(WAIT)).isTrue();
    List<LogEntry> entries = FileSink.read(out);
    assertThat(entries.get(0).message()).isEqualTo("login user=bob password=hunter2");
    assertThat(entries.get(0).sanitized()).doesNotContain("redacted");
  }

  @Test
  void theFallbackReportOfAFailingSinkDoesNotRepeatThePasswordInItsError() throws Exception {
    RecordingSink refusing =
        new RecordingSink("refusing").failNext(1, new java.io.IOException("cannot connect to postgres://app:pw-in-error@db/logs"));
    LogPipeline p = pipelines.start(config().spoolEnabled(false), refusing);
    PlatformLogger.on(p, "auth").info("hello");
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(refusing.messages()).containsExactly("hello");
    assertThat(pipelines.fallback()).contains("postgres://app:[REDACTED]@db/logs").doesNotContain("pw-in-error");
  }
}
