package io.platformlogger.service;

import static io.platformlogger.service.TestService.T1;
import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.TestDatabase;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.redis.TestRedis;
import io.platformlogger.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestDatabase.class)
class StreamRedisRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static List<LogEntry> entries(int from, int to) {
    List<LogEntry> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).tenantId("t1").service("svc")
          .message("seq " + i).build());
    }
    return out;
  }

  private static List<String> seq(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("seq " + i);
    }
    return out;
  }

  @Test
  void openStreamsAndResumingClientsSeeEveryEntryOnceAcrossARedisRestart(@TempDir Path dir) throws Exception {
    TestRedis.Server redis = TestRedis.Server.start(dir);
    try (TestService svc = new TestService(redis.url())) {
      WsClient live = WsClient.open(svc, "", T1).awaitReady();
      try (RedisStreamLogSink sink = svc.redisSink()) {
        sink.write(entries(0, 50));
        Await.until("the first 50", WAIT, () -> live.entries().size() >= 50);
        String lastBefore = live.entries().get(49).get("stream_id").asText();

        redis.stop();
        Await.until("the service to notice", WAIT, () -> svc.get("/healthz", null).statusCode() == 503);
        redis.start();
        sink.write(entries(50, 100)); // the sink retries until Redis is back
        Await.until("every entry on the open stream", WAIT, () -> live.entries().size() >= 100);
        assertThat(live.entryMessages()).containsExactlyElementsOf(seq(0, 100));
        Await.until("health again", WAIT, () -> svc.get("/healthz", null).statusCode() == 200);

        WsClient resumed = WsClient.open(svc, "?from=" + lastBefore, T1).awaitReady();
        sink.write(entries(100, 110));
        Await.until("the resumed client to catch up and follow", WAIT, () -> resumed.entries().size() >= 60);
        assertThat(resumed.entryMessages()).containsExactlyElementsOf(seq(50, 110));
        resumed.close();
      }
      live.close();
    } finally {
      redis.stop();
    }
  }
}
