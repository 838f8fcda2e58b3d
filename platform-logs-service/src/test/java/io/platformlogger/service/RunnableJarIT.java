package io.platformlogger.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.postgres.PostgresLogSink;
import io.platformlogger.postgres.TestDatabase;
import io.platformlogger.redis.TestRedis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The packaged jar, started with {@code java -jar} in a process of its own. */
@ExtendWith(TestDatabase.class)
class RunnableJarIT {
  private static final Path JAR = Path.of(System.getProperty("platformLogsService.jar", "missing"));
  private static final String KEY = "jar-admin-key";

  private static Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("PLATFORM_LOGS_"));
    return pb.start();
  }

  private static String err(Process p) throws Exception {
    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String out(Process p) throws Exception {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String schemaWithTable() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(List.of());
    }
    return schema;
  }

  @Test
  void helpDescribesEveryOptionAndItsVariable() throws Exception {
    Process p = start("--help");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String help = out(p);
    assertThat(p.exitValue()).isZero();
    assertThat(help).contains("--pg-url", "PLATFORM_LOGS_PG_URL", "--redis-url", "PLATFORM_LOGS_REDIS_URL",
        "--api-keys", "PLATFORM_LOGS_API_KEYS", "--port", "--cors-origins");
  }

  @Test
  void aMissingSettingOrAnUnreachableServerExitsNonZeroNamingIt() throws Exception {
    String schema = schemaWithTable();
    String keys = ApiKey.sha256Of(KEY) + ":*";
    Process none = start("--redis-url", TestRedis.url(), "--api-keys", keys);
    assertThat(none.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(none.exitValue()).isEqualTo(2);
    assertThat(err(none)).contains("PLATFORM_LOGS_PG_URL");

    Process badKey = start("--pg-url", TestDatabase.url(), "--redis-url", TestRedis.url(), "--api-keys", "abc:t1");
    assertThat(badKey.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(badKey.exitValue()).isEqualTo(2);
    assertThat(err(badKey)).contains("SHA-256");

    Process pgDown = start("--pg-url", "jdbc:postgresql://127.0.0.1:" + TestRedis.freePort() + "/postgres",
        "--redis-url", TestRedis.url(), "--api-keys", keys, "--port", "0");
    assertThat(pgDown.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String pgErr = err(pgDown);
    assertThat(pgDown.exitValue()).as(pgErr).isEqualTo(3);
    assertThat(pgErr).contains("PostgreSQL is not reachable");

    Process redisDown = start("--pg-url", TestDatabase.url(), "--schema", schema,
        "--redis-url", "redis://127.0.0.1:" + TestRedis.freePort(), "--api-keys", keys, "--port", "0");
    assertThat(redisDown.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String redisErr = err(redisDown);
    assertThat(redisDown.exitValue()).as(redisErr).isEqualTo(3);
    assertThat(redisErr).contains("Redis is not reachable").doesNotContain("postgres:postgres");
  }

  @Test
  void theJarServesHealthAndStopsOnSigtermClosingStreamsWithGoingAway() throws Exception {
    String schema = schemaWithTable();
    Process p = start("--pg-url", TestDatabase.url(), "--schema", schema, "--redis-url", TestRedis.url(),
        "--api-keys", ApiKey.sha256Of(KEY) + ":*", "--host", "127.0.0.1", "--port", "0");
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.startsWith("platform-logs-service listening on http://127.0.0.1:")) {
            port.complete(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim()));
          }
        }
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new AssertionError("the jar ended before listening: " + output));
    });
    reader.start();
    try {
      int p0 = port.get(60, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p0 + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"postgres\":\"up\"", "\"redis\":\"up\"");
      CompletableFuture<Integer> closed = new CompletableFuture<>();
      CompletableFuture<Boolean> ready = new CompletableFuture<>();
      http.newWebSocketBuilder().header("Authorization", "Bearer " + KEY)
          .buildAsync(URI.create("ws://127.0.0.1:" + p0 + "/api/logs/stream"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              if (data.toString().contains("\"ready\"")) {
                ready.complete(true);
              }
              webSocket.request(1);
              return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
              closed.complete(statusCode);
              return null;
            }
          }).get(30, TimeUnit.SECONDS);
      ready.get(30, TimeUnit.SECONDS); // subscribed: the service knows the stream
      p.destroy(); // SIGTERM
      assertThat(closed.get(30, TimeUnit.SECONDS)).isEqualTo(1001);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isIn(0, 143);
    } finally {
      p.destroyForcibly();
    }
  }
}
