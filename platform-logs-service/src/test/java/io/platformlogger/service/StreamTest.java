package io.platformlogger.service;

import static io.platformlogger.service.TestService.ADMIN;
import static io.platformlogger.service.TestService.T1;
import static io.platformlogger.service.TestService.T2;
import static io.platformlogger.service.TestService.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.postgres.TestDatabase;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.redis.TestRedis;
import io.platformlogger.testkit.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class StreamTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int BUFFER = 100;
  private static final ShiftedClock CLOCK = new ShiftedClock();
  private static TestService svc;
  private static RedisStreamLogSink sink;
  private final List<AutoCloseable> open = new ArrayList<>();

  /** The system clock, moved forward on demand (to expire stream tokens). */
  static final class ShiftedClock extends Clock {
    final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift.get());
    }
  }

  @BeforeAll
  static void start() {
    ServiceSettings.Limits d = ServiceSettings.Limits.defaults();
    svc = new TestService(TestRedis.url(), ServiceSettings.defaults().withLimits(new ServiceSettings.Limits(
        d.exportMaxRows(), d.exportStatementTimeout(), BUFFER, d.streamTokenTtl(), Duration.ofSeconds(1))
        // The stalled client below must outlive its unanswered pings (StreamSilentPeerTest drops such clients).
        .withStreamMaxMissedPings(1_000)), CLOCK);
    sink = svc.redisSink();
  }

  @AfterAll
  static void stop() throws Exception {
    sink.close();
    svc.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    CLOCK.shift.set(Duration.ZERO);
  }

  private WsClient client(String query, String key) {
    WsClient c = WsClient.open(svc, query, key);
    open.add(c);
    return c.awaitReady();
  }

  private static LogEntry entry(String message, Level level, String tenant, String service) {
    return LogEntry.builder().timestamp(Instant.now()).level(level).message(message).tenantId(tenant).service(service).build();
  }

  private static void write(LogEntry... entries) throws Exception {
    sink.write(List.of(entries));
  }

  @Test
  void entriesLoggedByARunningApplicationReachAClientWithinOneSecond() throws Exception {
    WsClient c = client("?service=shop", T1);
    try (RedisStreamLogSink appSink = svc.redisSink();
        LogPipeline app = LogPipeline.builder()
            .config(PlatformLoggerConfig.builder().service("shop").consoleEnabled(false).shutdownHook(false)
                .flushInterval(Duration.ofMillis(100)).build())
            .configuredSinks(false)
            .sink(appSink)
            .build()) {
      PlatformLogger log = PlatformLogger.on(app, "shop").withContext(LogContext.builder().tenantId("t1").build());
      for (int i = 0; i < 5; i++) {
        String message = "order " + i + " placed";
        log.info(message);
        Await.until(message + " on the socket", Duration.ofSeconds(1), () -> c.entryMessages().contains(message));
      }
      log.error("payment failed");
      Await.until("the error on the socket", Duration.ofSeconds(1), () -> c.entryMessages().contains("payment failed"));
    }
    JsonNode first = c.entries().get(0);
    assertThat(first.get("stream_id").asText()).matches("\\d+-\\d+");
    assertThat(first.get("entry").get("tenant_id").asText()).isEqualTo("t1");
    assertThat(first.get("entry").get("service").asText()).isEqualTo("shop");
  }

  @Test
  void filtersOnTheServerAndATenantKeyGetsOnlyItsTenant() throws Exception {
    WsClient t1Errors = client("?level=error&service=api,worker", T1);
    WsClient t2All = client("", T2);
    WsClient admin = client("?tenant=t1&tenant=t2&q=" + enc("Disk FULL"), ADMIN);
    write(entry("t1 info", Level.INFO, "t1", "api"), entry("t1 disk full", Level.ERROR, "t1", "api"),
        entry("t1 other service", Level.ERROR, "t1", "web"), entry("t2 disk full", Level.ERROR, "t2", "api"),
        entry("t3 disk full", Level.ERROR, "t3", "api"), entry("t1 worker", Level.ERROR, "t1", "worker"),
        entry("end", Level.INFO, "t2", "api"));
    Await.until("t2's end", WAIT, () -> t2All.entryMessages().contains("end"));
    Await.until("t1's worker", WAIT, () -> t1Errors.entryMessages().contains("t1 worker"));
    Await.until("admin's t2", WAIT, () -> admin.entryMessages().contains("t2 disk full"));
    assertThat(t1Errors.entryMessages()).containsExactly("t1 disk full", "t1 worker");
    assertThat(t2All.entryMessages()).containsExactly("t2 disk full", "end");
    assertThat(admin.entryMessages()).containsExactly("t1 disk full", "t2 disk full");
  }

  @Test
  void badOrMissingCredentialsAndBadParametersAreRefusedAtTheUpgrade() {
    assertThat(WsClient.refusedWith(svc, "", null)).isEqualTo(401);
    assertThat(WsClient.refusedWith(svc, "", "not-a-key")).isEqualTo(401);
    assertThat(WsClient.refusedWith(svc, "?tenant=t2", T1)).isEqualTo(403);
    assertThat(WsClient.refusedWith(svc, "?level=loud", T1)).isEqualTo(400);
    assertThat(WsClient.refusedWith(svc, "?from=yesterday", T1)).isEqualTo(400);
    assertThat(WsClient.refusedWith(svc, "?since=1h", T1)).isEqualTo(400);
    assertThat(WsClient.refusedWith(svc, "?colour=red", T1)).isEqualTo(400);
  }

  @Test
  void aBrowserOpensTheStreamWithAShortLivedTokenAndAnExpiredOrForgedOneIsRefused() throws Exception {
    JsonNode t = TestService.parse(svc.post("/api/stream-token", T1).body());
    String token = t.get("token").asText();
    assertThat(Instant.parse(t.get("expires_at").asText())).isAfter(Instant.now());
    WsClient c = client("?token=" + enc(token), null);
    write(entry("for t1", Level.INFO, "t1", "api"), entry("for t2", Level.INFO, "t2", "api"), entry("t1 again", Level.INFO, "t1", "api"));
    Await.until("t1 again", WAIT, () -> c.entryMessages().contains("t1 again"));
    assertThat(c.entryMessages()).containsExactly("for t1", "t1 again");
    assertThat(WsClient.refusedWith(svc, "?token=" + enc(token) + "&tenant=t2", null)).isEqualTo(403);

    String forged = token.substring(0, token.indexOf('.')) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThat(WsClient.refusedWith(svc, "?token=" + enc(forged), null)).isEqualTo(401);
    String otherTenant = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            java.nio.charset.StandardCharsets.UTF_8).replace("t:t1", "*").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(WsClient.refusedWith(svc, "?token=" + enc(otherTenant + token.substring(token.indexOf('.'))), null)).isEqualTo(401);
    CLOCK.shift.set(Duration.ofMinutes(2));
    assertThat(WsClient.refusedWith(svc, "?token=" + enc(token), null)).isEqualTo(401);
  }

  @Test
  void aClientThatDropsMidFlowResumesFromItsLastStreamIdWithNoGapAndNoRepeat() throws Exception {
    int n = 600;
    WsClient first = client("?service=resume", T1);
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < n; i += 10) {
          List<LogEntry> batch = new ArrayList<>();
          for (int j = i; j < i + 10; j++) {
            batch.add(entry("seq " + j, Level.INFO, j % 3 == 0 ? "t2" : "t1", "resume"));
          }
          sink.write(batch);
          Thread.sleep(15); // still writing when the client comes back: catch-up and live both serve it
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    Await.until("some entries", WAIT, () -> first.entries().size() >= 50);
    first.abort();
    List<JsonNode> got = new ArrayList<>(first.entries());
    String last = got.get(got.size() - 1).get("stream_id").asText();
    WsClient second = client("?service=resume&from=" + last, T1);
    writer.join(TimeUnit.SECONDS.toMillis(60));
    int expected = (int) java.util.stream.IntStream.range(0, n).filter(j -> j % 3 != 0).count();
    Await.until("every t1 entry", WAIT, () -> got.size() + second.entries().size() >= expected);
    List<String> all = new ArrayList<>();
    got.forEach(e -> all.add(e.get("entry").get("message").asText()));
    all.addAll(second.entryMessages());
    List<String> wanted = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (j % 3 != 0) {
        wanted.add("seq " + j);
      }
    }
    assertThat(all).containsExactlyElementsOf(wanted);
  }

  @Test
  void aHundredClientsKeepReceivingWhileOneNeverReads() throws Exception {
    WsClient stalled = WsClient.stalled(svc, "?service=fanout", ADMIN);
    open.add(stalled);
    List<WsClient> readers = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      readers.add(client("?service=fanout", i % 2 == 0 ? ADMIN : T1));
    }
    String pad = "x".repeat(4000); // fills the stalled client's socket buffers quickly
    int n = 1500;
    for (int i = 0; i < n; i += 50) {
      List<LogEntry> batch = new ArrayList<>();
      for (int j = i; j < i + 50; j++) {
        batch.add(entry("fan " + j + " " + pad, Level.INFO, "t1", "fanout"));
      }
      sink.write(batch);
    }
    for (WsClient r : readers) {
      try {
        Await.until("every entry at every reading client", WAIT, () -> r.entries().size() >= n);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; entries per reader " + readers.stream().map(x -> x.entries().size()).toList()
            + "; " + svc.get("/metrics", null).body().lines().filter(l -> l.startsWith("platform_logs_stream_")).toList(), e);
      }
      assertThat(new HashSet<>(r.entryMessages())).hasSize(n);
    }
    // The stalled client's queue stayed bounded: the rest was counted as dropped.
    String metrics = svc.get("/metrics", null).body();
    long dropped = metrics.lines().filter(l -> l.startsWith("platform_logs_stream_dropped_total "))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1).trim())).sum();
    assertThat(dropped).isPositive();
    stalled.resume();
    Await.until("a dropped notice", WAIT, () -> stalled.has(m -> m.get("type").asText().equals("dropped")));
    // Each gap is told where it was: entries and dropped counts together account for every entry.
    java.util.function.LongSupplier notified = () -> stalled.messages.stream()
        .filter(m -> m.get("type").asText().equals("dropped")).mapToLong(m -> m.get("count").asLong()).sum();
    Await.until("the rest of the stalled client's queue", WAIT, () -> stalled.entries().size() + notified.getAsLong() >= n);
    assertThat(stalled.entries().size() + notified.getAsLong()).isEqualTo(n);
    assertThat(stalled.entries().size()).isLessThan(n);
  }

  @Test
  void stoppingTheServiceClosesOpenStreamsWithGoingAway() throws Exception {
    TestService other = new TestService(TestRedis.url());
    WsClient c = WsClient.open(other, "", T1).awaitReady();
    other.close();
    assertThat(c.closeCode.get(20, TimeUnit.SECONDS)).isEqualTo(1001);
  }

  @Test
  void anIdleStreamIsPingedAndKeepsDeliveringAndNoPingThreadOutlivesTheService() throws Exception {
    // Pings every 100 ms while nothing else is sent (proxies close connections they see idle).
    ServiceSettings settings = ServiceSettings.defaults().withLimits(new ServiceSettings.Limits(
        1_000_000, Duration.ofMinutes(5), BUFFER, Duration.ofSeconds(60), Duration.ofMillis(100))
        .withStreamMaxMissedPings(100)); // answered pings 100 ms apart, however slowly the client starts
    try (TestService pinging = new TestService(TestRedis.url(), settings);
        RedisStreamLogSink own = pinging.redisSink();
        WsClient c = WsClient.open(pinging, "", T1).awaitReady()) {
      Await.until("five pings on the idle stream", WAIT, () -> c.pings.get() >= 5);
      assertThat(c.closeCode).isNotDone();
      own.write(List.of(entry("after a quiet spell", Level.INFO, "t1", "idle")));
      Await.until("the entry on the idle stream", WAIT, () -> c.entryMessages().contains("after a quiet spell"));
    }
    // The pings ran on a daemon thread of the service's own, stopped with it (Javalin's automatic
    // pings use a JVM-wide non-daemon thread that kept an embedding JVM from exiting).
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> !t.isDaemon() && t.isAlive() && t.getName().toLowerCase(java.util.Locale.ROOT).contains("ping"));
  }
}
