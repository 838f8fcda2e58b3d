package io.platformlogger.redis;

import static io.platformlogger.redis.TestRedis.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final String stream = "tail-test:" + UUID.randomUUID();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private RedisStreamLogSink sink(String url) {
    RedisStreamLogSink s = RedisStreamLogSink.builder().uri(url).stream(stream).build();
    closeables.add(s);
    return s;
  }

  private LogTail tail(String url, TailStart start, TailFilter filter) {
    LogTail t = LogTail.builder().uri(url).stream(stream).start(start).filter(filter).build();
    closeables.add(t);
    return t;
  }

  private LogTail tail(TailStart start, TailFilter filter) {
    return tail(TestRedis.url(), start, filter);
  }

  private static LogEntry entry(String message, Level level, String service, String tenant) {
    return LogEntry.builder()
        .timestamp(Instant.now())
        .level(level)
        .message(message)
        .service(service)
        .tenantId(tenant)
        .build();
  }

  private static List<String> messages(List<TailedEntry> entries) {
    List<String> m = new ArrayList<>();
    entries.forEach(e -> m.add(e.entry().message()));
    return m;
  }

  /** Everything available now, polling until caught up. */
  private static List<TailedEntry> drain(LogTail tail) throws Exception {
    List<TailedEntry> all = new ArrayList<>();
    for (List<TailedEntry> batch = tail.poll(Duration.ZERO); !batch.isEmpty(); batch = tail.poll(Duration.ZERO)) {
      all.addAll(batch);
    }
    return all;
  }

  @Test
  void fromNowDeliversOnlyEntriesWrittenAfterTheTailStarted() throws Exception {
    RedisStreamLogSink sink = sink(TestRedis.url());
    sink.write(List.of(entry("old", Level.INFO, "a", null)));
    LogTail tail = tail(TailStart.now(), TailFilter.all());
    assertThat(tail.poll(Duration.ZERO)).isEmpty();
    sink.write(List.of(entry("new", Level.INFO, "a", null)));
    assertThat(messages(tail.poll(WAIT))).containsExactly("new");
  }

  @Test
  void aBlockedPollWakesUpWhenAnEntryIsWritten() throws Exception {
    RedisStreamLogSink sink = sink(TestRedis.url());
    LogTail tail = tail(TailStart.now(), TailFilter.all());
    assertThat(tail.poll(Duration.ZERO)).isEmpty(); // pins "now"
    CompletableFuture<List<TailedEntry>> polled =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return tail.poll(WAIT);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // wait until the tail's XREAD is really blocked in the server, then write
    Await.until("a client is blocked in XREAD", WAIT, () -> redis().clientList().contains("cmd=xread"));
    sink.write(List.of(entry("wake up", Level.INFO, "a", null)));
    assertThat(messages(polled.get(WAIT.toSeconds(), TimeUnit.SECONDS))).containsExactly("wake up");
  }

  @Test
  void startsAfterAGivenStreamId() throws Exception {
    RedisStreamLogSink sink = sink(TestRedis.url());
    sink.write(List.of(entry("one", Level.INFO, "a", null), entry("two", Level.INFO, "a", null)));
    List<TailedEntry> all = drain(tail(TailStart.beginning(), TailFilter.all()));
    assertThat(messages(all)).containsExactly("one", "two");
    LogTail fromId = tail(TailStart.afterId(all.get(0).streamId()), TailFilter.all());
    assertThat(messages(drain(fromId))).containsExactly("two");
  }

  @Test
  void startsFromATime() throws Exception {
    RedisStreamLogSink sink = sink(TestRedis.url());
    sink.write(List.of(entry("before", Level.INFO, "a", null)));
    String firstId = redis().xrange(stream, io.lettuce.core.Range.create("-", "+")).get(0).getId();
    long firstMillis = Long.parseLong(firstId.substring(0, firstId.indexOf('-')));
    // wait until the server's clock has moved past the first entry's millisecond
    Await.until("the server clock passes the first entry", WAIT,
        () -> Long.parseLong(redis().time().get(0)) * 1000 + Long.parseLong(redis().time().get(1)) / 1000 > firstMillis);
    sink.write(List.of(entry("after", Level.INFO, "a", null)));
    String secondId = redis().xrevrange(stream, io.lettuce.core.Range.create("-", "+")).get(0).getId();
    long secondMillis = Long.parseLong(secondId.substring(0, secondId.indexOf('-')));
    LogTail tail = tail(TailStart.since(Instant.ofEpochMilli(secondMillis)), TailFilter.all());
    assertThat(messages(drain(tail))).containsExactly("after");
    LogTail earlier = tail(TailStart.since(Instant.ofEpochMilli(firstMillis)), TailFilter.all());
    assertThat(messages(drain(earlier))).containsExactly("before", "after");
  }

  @Test
  void filtersByLevelServiceTenantAndRegex() throws Exception {
    RedisStreamLogSink sink = sink(TestRedis.url());
    sink.write(
        List.of(
            entry("payment failed for order 17", Level.ERROR, "billing", "t-1"),
            entry("payment ok for order 18", Level.INFO, "billing", "t-1"),
            entry("cart updated", Level.WARN, "cart", "t-2"),
            entry("payment failed for order 19", Level.ERROR, "billing", "t-2")));
    assertThat(messages(drain(tail(TailStart.beginning(), TailFilter.builder().levels(Set.of(Level.ERROR, Level.WARN)).build()))))
        .containsExactly("payment failed for order 17", "cart updated", "payment failed for order 19");
    assertThat(messages(drain(tail(TailStart.beginning(), TailFilter.builder().services(Set.of("cart")).build()))))
        .containsExactly("cart updated");
    assertThat(messages(drain(tail(TailStart.beginning(), TailFilter.builder().tenants(Set.of("t-2")).build()))))
        .containsExactly("cart updated", "payment failed for order 19");
    assertThat(messages(drain(tail(TailStart.beginning(), TailFilter.builder().grep(Pattern.compile("order 1[89]")).build()))))
        .containsExactly("payment ok for order 18", "payment failed for order 19");
  }

  @Test
  void readsOnPastMessagesThatDoNotMatchUntilCaughtUp() throws Exception {
    RedisStreamLogSink sink = sink(TestRedis.url());
    List<LogEntry> noise = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      noise.add(entry("noise " + i, Level.DEBUG, "a", null));
    }
    noise.add(entry("the one", Level.ERROR, "a", null));
    sink.write(noise);
    LogTail t =
        LogTail.builder().uri(TestRedis.url()).stream(stream).start(TailStart.beginning()).readCount(7)
            .filter(TailFilter.builder().levels(Set.of(Level.ERROR)).build()).build();
    closeables.add(t);
    assertThat(messages(t.poll(Duration.ZERO))).containsExactly("the one");
  }

  @Test
  void resumesAfterARedisRestartWithNoGapAndNoRepeat(@TempDir Path data) throws Exception {
    TestRedis.Server server = TestRedis.Server.start(data);
    try {
      RedisStreamLogSink sink = sink(server.url());
      List<LogEntry> first = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        first.add(entry("e" + i, Level.INFO, "a", null));
      }
      sink.write(first);
      LogTail t =
          LogTail.builder().uri(server.url()).stream(stream).start(TailStart.beginning()).readCount(4)
              .timeout(Duration.ofSeconds(2)).build();
      closeables.add(t);
      List<String> seen = new ArrayList<>(messages(t.poll(Duration.ZERO))); // e0..e3

      server.stop();
      assertThatThrownBy(() -> t.poll(Duration.ofMillis(300)))
          .isInstanceOf(LogTailException.class)
          .hasMessageContaining(server.url().substring("redis://".length()));
      server.start();

      sink.write(List.of(entry("e10", Level.INFO, "a", null), entry("e11", Level.INFO, "a", null)));
      seen.addAll(messages(drain(t)));
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        expected.add("e" + i);
      }
      assertThat(seen).containsExactlyElementsOf(expected);
    } finally {
      server.stop();
    }
  }

  @Test
  void aPollThatWaitsKeepsReconnectingUntilRedisIsBack(@TempDir Path data) throws Exception {
    TestRedis.Server server = TestRedis.Server.start(data);
    try {
      LogTail t = LogTail.builder().uri(server.url()).stream(stream).start(TailStart.now()).build();
      closeables.add(t);
      assertThat(t.poll(Duration.ZERO)).isEmpty();
      server.stop();
      CompletableFuture<List<TailedEntry>> polled =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return t.poll(WAIT);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      server.start();
      RedisStreamLogSink sink = sink(server.url());
      sink.write(List.of(entry("back", Level.INFO, "a", null)));
      assertThat(messages(polled.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS))).containsExactly("back");
    } finally {
      server.stop();
    }
  }

  @Test
  void closeStopsABlockedPoll() throws Exception {
    LogTail t = tail(TailStart.now(), TailFilter.all());
    assertThat(t.poll(Duration.ZERO)).isEmpty();
    CompletableFuture<Object> polled =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return t.poll(Duration.ofMinutes(5));
              } catch (Exception e) {
                return e;
              }
            });
    t.close();
    Object result = polled.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result).satisfiesAnyOf(
        r -> assertThat(r).isEqualTo(List.of()),
        r -> assertThat(r).isInstanceOf(IllegalStateException.class));
  }

  @Test
  void rejectsAMalformedStartId() {
    assertThatThrownBy(() -> TailStart.afterId("yesterday")).hasMessageContaining("<milliseconds>-<sequence>");
  }
}
