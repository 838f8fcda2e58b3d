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

/** The packaged jar, started with {@code java -jar} in a process of its own. */
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
}
