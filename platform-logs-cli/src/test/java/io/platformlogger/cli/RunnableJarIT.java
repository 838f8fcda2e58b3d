package io.platformlogger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.redis.TestRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The packaged jar, started with {@code java -jar} in a process of its own. */
@ExtendWith(TestPostgres.class)
class RunnableJarIT {
  private static final Path JAR = Path.of(System.getProperty("platformLogs.jar", "missing"));

  private static Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("PLATFORM_LOGS_REDIS_URL");
    pb.environment().keySet().removeIf(k -> k.startsWith("PLATFORM_LOGS_PG_"));
    return pb.start();
  }

  @Test
  void theShadedJarTailsARealStreamAndReportsAnUnreachableServer() throws Exception {
    assertThat(JAR).exists();
    String stream = "jar-it:" + UUID.randomUUID();
    try (RedisStreamLogSink sink = RedisStreamLogSink.builder().uri(TestRedis.url()).stream(stream).build()) {
      sink.write(
          List.of(
              LogEntry.builder()
                  .timestamp(Instant.parse("2026-11-30T22:00:00Z"))
                  .level(Level.INFO)
                  .service("checkout")
                  .message("from the jar")
                  .build()));
    }
    Process tail = start("tail", "--redis-url", TestRedis.url(), "--stream", stream);
    assertThat(tail.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(tail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(tail.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tail.exitValue()).as(err).isZero();
    assertThat(out).isEqualTo("checkout | 2026-11-30T22:00:00.000Z INFO  from the jar\n");
    assertThat(err).isEmpty();

    Process down = start("tail", "--redis-url", "redis://127.0.0.1:" + TestRedis.freePort());
    assertThat(down.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(down.exitValue()).isEqualTo(3);
    assertThat(new String(down.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("platform-logs: cannot connect to Redis at 127.0.0.1:");
    assertThat(Files.size(JAR)).isPositive();
  }

  @Test
  void theShadedJarQueriesAndExportsARealPostgres() throws Exception {
    String schema = TestPostgres.newSchema();
    TestPostgres.seed(
        schema,
        List.of(
            LogEntry.builder()
                .timestamp(Instant.parse("2026-11-30T22:00:00Z"))
                .level(Level.ERROR)
                .service("billing")
                .tenantId("t1")
                .message("declined, \"twice\"")
                .build()));
    List<String> pg = new ArrayList<>(List.of("--pg-url", TestPostgres.url(), "--schema", schema));
    if (TestPostgres.user() != null) {
      pg.addAll(List.of("--pg-user", TestPostgres.user()));
    }
    if (TestPostgres.password() != null) {
      pg.addAll(List.of("--pg-password", TestPostgres.password()));
    }
    List<String> query = new ArrayList<>(List.of("query", "--all-tenants"));
    query.addAll(pg);
    Process q = start(query.toArray(new String[0]));
    assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(q.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(q.exitValue()).as(err).isZero();
    assertThat(out).isEqualTo("billing | 2026-11-30T22:00:00.000Z ERROR declined, \"twice\" tenant=t1\n");
    assertThat(err).isEmpty();

    List<String> export = new ArrayList<>(List.of("export", "--format", "csv", "--tenant", "t1"));
    export.addAll(pg);
    Process x = start(export.toArray(new String[0]));
    assertThat(x.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String csv = new String(x.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(x.exitValue()).isZero();
    assertThat(csv).startsWith("id,timestamp,").contains(",ERROR,\"declined, \"\"twice\"\"\",");
    assertThat(new String(x.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("platform-logs: exported 1 entry\n");
  }
}
