package io.platformlogger.redis;

import static io.platformlogger.redis.TestRedis.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RedisStreamLogSinkTest {
  private final String stream = "sink-test:" + UUID.randomUUID();

  static List<LogEntry> entries(String prefix, int n) {
    List<LogEntry> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(
          LogEntry.builder()
              .timestamp(Instant.now())
              .level(i % 5 == 0 ? Level.ERROR : Level.INFO)
              .message(prefix + " " + i)
              .service("checkout")
              .tenantId("t-" + (i % 2))
              .build());
    }
    return list;
  }

  private RedisStreamLogSink.Builder sink() {
    return RedisStreamLogSink.builder().uri(TestRedis.url()).stream(stream);
  }

  @Test
  void trimsTheStreamToAboutMaxLen() throws Exception {
    try (RedisStreamLogSink sink = sink().maxLen(100).build()) {
      for (int i = 0; i < 10; i++) {
        sink.write(entries("m", 100));
      }
    }
    // MAXLEN ~ trims whole radix-tree nodes (100 entries each by default), never below the limit.
    assertThat(redis().xlen(stream)).isBetween(100L, 300L);
  }

  @Test
  void trimsExactlyWhenAskedTo() throws Exception {
    try (RedisStreamLogSink sink = sink().maxLen(100).exactTrim(true).build()) {
      for (int i = 0; i < 5; i++) {
        sink.write(entries("m", 70));
      }
    }
    assertThat(redis().xlen(stream)).isEqualTo(100L);
    // the newest are kept
    List<LogEntry> kept = RedisStreamLogSinkContractTest.read(stream);
    assertThat(kept.get(kept.size() - 1).message()).isEqualTo("m 69");
  }

  @Test
  void checksTheFirstBatchWithTheScriptAndPipelinesNewBatchesAsPlainXadds() throws Exception {
    try (RedisStreamLogSink sink = sink().build()) {
      long scripts = calls("evalsha");
      sink.write(entries("first", 1));
      assertThat(calls("evalsha") - scripts).isEqualTo(1);
      long xadds = calls("xadd");
      long publishes = calls("publish");
      sink.write(entries("m", 500));
      assertThat(calls("xadd") - xadds).isEqualTo(500);
      assertThat(calls("publish") - publishes).isEqualTo(1);
      assertThat(calls("evalsha") - scripts).isEqualTo(1);
      sink.write(entries("retried", 3).subList(0, 3)); // new ids again: no script
      assertThat(calls("evalsha") - scripts).isEqualTo(1);
    }
    assertThat(redis().xlen(stream)).isEqualTo(504L);
  }

  @Test
  void aBatchWhoseRepliesWereLostIsNotStoredTwiceWhenRetried() throws Exception {
    try (RedisStreamLogSink sink = sink().timeout(Duration.ofMillis(300)).build()) {
      sink.write(entries("first", 1));
      List<LogEntry> batch = entries("lost reply", 20);
      // The server holds every client for a while: the transaction arrives, the sink gives up
      // waiting, then Redis runs it anyway. The pipeline's retry must not append it again.
      redis().clientPause(1500);
      assertThatThrownBy(() -> sink.write(batch))
          .isInstanceOfSatisfying(LogSinkException.class, e -> assertThat(e.isRetryable()).isTrue());
      Await.until("the paused transaction ran", Duration.ofSeconds(20), () -> redis().xlen(stream) == 21L);
      sink.write(batch);
    }
    assertThat(redis().xlen(stream)).isEqualTo(21L);
  }

  @Test
  void storesFlatFieldsNextToTheJson() throws Exception {
    LogEntry e = entries("flat", 1).get(0);
    try (RedisStreamLogSink sink = sink().build()) {
      sink.write(List.of(e));
    }
    Map<String, String> body = redis().xrange(stream, io.lettuce.core.Range.create("-", "+")).get(0).getBody();
    assertThat(body)
        .containsEntry("id", e.id())
        .containsEntry("level", "ERROR")
        .containsEntry("service", "checkout")
        .containsEntry("tenant_id", "t-0")
        .containsKey("json");
  }

  @Test
  void publishesOneNotificationPerBatch() throws Exception {
    String channel = "notify:" + UUID.randomUUID();
    RedisClient client = RedisClient.create(TestRedis.url());
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
      sub.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
              received.add(message);
            }
          });
      sub.sync().subscribe(channel);
      try (RedisStreamLogSink sink = sink().channel(channel).build()) {
        sink.write(entries("a", 30));
        sink.write(entries("b", 20));
      }
      String first = received.poll(20, TimeUnit.SECONDS);
      String second = received.poll(20, TimeUnit.SECONDS);
      assertThat(first).contains("\"count\":30").contains("\"stream\":\"" + stream + "\"");
      assertThat(second).isEqualTo("{\"stream\":\"" + stream + "\",\"count\":20}");
      assertThat(received).isEmpty();
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aRetryOfAPartlyStoredBatchStoresOnlyTheMissingEntries() throws Exception {
    List<LogEntry> batch = entries("retry", 10);
    try (RedisStreamLogSink sink = sink().build()) {
      assertThat(sink.idempotent()).isTrue();
      sink.write(batch.subList(0, 4)); // what reached Redis before the connection dropped
      sink.write(batch);
    }
    assertThat(RedisStreamLogSinkContractTest.read(stream)).containsExactlyElementsOf(batch);
  }

  @Test
  void withoutDeduplicationARetryIsStoredAgainAndTheSinkSaysSo() throws Exception {
    List<LogEntry> batch = entries("dup", 3);
    try (RedisStreamLogSink sink = sink().dedupWindow(0).build()) {
      assertThat(sink.idempotent()).isFalse();
      sink.write(batch);
      sink.write(batch);
    }
    assertThat(redis().xlen(stream)).isEqualTo(6L);
  }

  @Test
  void aRetryLooksBackOnlyDedupWindowMessages() throws Exception {
    List<LogEntry> old = entries("old", 5);
    try (RedisStreamLogSink sink = sink().dedupWindow(50).build()) {
      sink.write(old);
      sink.write(entries("newer", 60)); // pushes the old ones out of the look-back
      sink.write(old); // a very late retry: beyond the window, stored again
      sink.write(old); // now within the window: skipped
    }
    assertThat(redis().xlen(stream)).isEqualTo(70L);
  }

  @Test
  void routesEachTenantToItsOwnStream() throws Exception {
    List<LogEntry> batch = new ArrayList<>(entries("r", 4));
    batch.add(LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).message("no tenant").build());
    try (RedisStreamLogSink sink = sink().routing(StreamRouting.PER_TENANT).build()) {
      sink.write(batch);
    }
    assertThat(RedisStreamLogSinkContractTest.read(stream + ":tenant:t-0"))
        .containsExactly(batch.get(0), batch.get(2));
    assertThat(RedisStreamLogSinkContractTest.read(stream + ":tenant:t-1"))
        .containsExactly(batch.get(1), batch.get(3));
    assertThat(RedisStreamLogSinkContractTest.read(stream)).containsExactly(batch.get(4));
  }

  private static long pttl(String key) {
    return redis().pttl(key);
  }

  @Test
  void everyStreamGetsAnIdleExpiryThatEachBatchRenews() throws Exception {
    long hour = Duration.ofHours(1).toMillis();
    try (RedisStreamLogSink sink = sink().routing(StreamRouting.PER_TENANT).idleExpiry(Duration.ofHours(1)).build()) {
      sink.write(entries("first", 2)); // the first batch goes through the checking script
      assertThat(pttl(stream + ":tenant:t-0")).isPositive().isLessThanOrEqualTo(hour);
      assertThat(pttl(stream + ":tenant:t-1")).isPositive().isLessThanOrEqualTo(hour);
      LogEntry quiet = entries("later", 1).get(0).toBuilder().id(null).tenantId("t-quiet").build();
      sink.write(List.of(quiet)); // later batches are pipelined XADDs
      assertThat(pttl(stream + ":tenant:t-quiet")).isPositive().isLessThanOrEqualTo(hour);
    }
    try (RedisStreamLogSink sink = sink().build()) {
      sink.write(entries("default", 1));
    }
    assertThat(pttl(stream)).as("7 days by default").isPositive().isLessThanOrEqualTo(Duration.ofDays(7).toMillis());
  }

  @Test
  void theSinkRemembersABoundedNumberOfStreamsHoweverManyTenantsWrite() throws Exception {
    try (RedisStreamLogSink sink =
        sink().routing(StreamRouting.PER_TENANT).idleExpiry(Duration.ofMinutes(5)).channel(null).build()) {
      List<LogEntry> batch = new ArrayList<>();
      for (int i = 0; i < RedisStreamLogSink.MAX_TRACKED_STREAMS + 50; i++) {
        batch.add(LogEntry.builder().level(Level.INFO).message("m").tenantId("tenant-" + i).build());
        if (batch.size() == 1000) {
          sink.write(batch);
          batch = new ArrayList<>();
        }
      }
      sink.write(batch);
      assertThat(sink.trackedStreams()).isEqualTo(RedisStreamLogSink.MAX_TRACKED_STREAMS);
    }
    assertThat(RedisStreamLogSinkContractTest.read(stream + ":tenant:tenant-0")).hasSize(1);
  }

  @Test
  void routesEachServiceToItsOwnStream() throws Exception {
    LogEntry a = entries("s", 1).get(0);
    LogEntry b = a.toBuilder().id(null).service("billing").build();
    try (RedisStreamLogSink sink = sink().routing(StreamRouting.PER_SERVICE).build()) {
      sink.write(List.of(a, b));
    }
    assertThat(RedisStreamLogSinkContractTest.read(stream + ":service:checkout")).containsExactly(a);
    assertThat(RedisStreamLogSinkContractTest.read(stream + ":service:billing")).containsExactly(b);
  }

  @Test
  void reloadsTheScriptAfterTheServerForgotIt() throws Exception {
    try (RedisStreamLogSink sink = sink().build()) {
      sink.write(entries("before", 2));
      redis().scriptFlush();
      sink.write(entries("after", 2));
    }
    assertThat(redis().xlen(stream)).isEqualTo(4L);
  }

  @Test
  void aKeyOfTheWrongTypeIsAPermanentFailure() throws Exception {
    redis().set(stream, "not a stream");
    try (RedisStreamLogSink sink = sink().build()) {
      assertThatThrownBy(() -> sink.write(entries("x", 1)))
          .isInstanceOfSatisfying(LogSinkException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("WRONGTYPE");
    }
  }

  @Test
  void redisDownAtStartUpFailsRetryablyWithoutConnectingAtCreationAndRecoversOnceItIsUp() throws Exception {
    TestRedis.Server server = TestRedis.Server.notStarted(null);
    try (RedisStreamLogSink sink =
        RedisStreamLogSink.builder().uri(server.url()).stream(stream).timeout(Duration.ofSeconds(2)).build()) {
      assertThatThrownBy(() -> sink.write(entries("down", 1)))
          .isInstanceOfSatisfying(LogSinkException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessageContaining("cannot connect to Redis at 127.0.0.1:");
      server.start();
      List<LogEntry> batch = entries("up", 3);
      sink.write(batch); // the pipeline's retry
      var client = RedisClient.create(server.url());
      try (var c = client.connect()) {
        assertThat(c.sync().xlen(stream)).isEqualTo(3L);
      } finally {
        client.shutdown();
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void aServerThatGoesAwayFailsTheWriteRetryablyAndTheNextWriteReconnects() throws Exception {
    TestRedis.Server server = TestRedis.Server.start(null);
    try (RedisStreamLogSink sink =
        RedisStreamLogSink.builder().uri(server.url()).stream(stream).timeout(Duration.ofSeconds(2)).build()) {
      sink.write(entries("first", 1));
      server.stop();
      assertThatThrownBy(() -> sink.write(entries("while down", 1)))
          .isInstanceOfSatisfying(LogSinkException.class, e -> assertThat(e.isRetryable()).isTrue());
      server.start();
      sink.write(entries("after restart", 2));
      var client = RedisClient.create(server.url());
      try (var c = client.connect()) {
        assertThat(c.sync().xlen(stream)).isEqualTo(2L); // no persistence: only what came after
      } finally {
        client.shutdown();
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void builderNamesWhatToChange() {
    assertThatThrownBy(() -> RedisStreamLogSink.builder().uri("http://x"))
        .hasMessageContaining("redis://host:6379");
    assertThatThrownBy(() -> RedisStreamLogSink.builder().build()).hasMessageContaining("uri is required");
    assertThatThrownBy(() -> RedisStreamLogSink.builder().maxLen(-1)).hasMessageContaining("use 0");
  }

  private static long calls(String command) {
    String info = redis().info("commandstats");
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        return Long.parseLong(line.replaceAll("^cmdstat_\\w+:calls=(\\d+),.*", "$1"));
      }
    }
    return 0;
  }
}
