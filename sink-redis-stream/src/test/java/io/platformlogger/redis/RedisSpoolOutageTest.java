package io.platformlogger.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.testkit.DrillResult;
import io.platformlogger.testkit.OutageDrill;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable spool against a Redis outage: an embedded Redis of this test's own (append-only
 * file, fsync on every write, so a restart keeps the stream) is stopped under a steady load from
 * four threads and started again on the same port. No caller waits for Redis (caller latency per
 * phase is printed, not asserted), and afterwards the stream holds every entry exactly once: the
 * sink de-duplicates a retried batch by entry id. With {@value OutageDrill#SOAK_SECONDS_PROPERTY}
 * set (the {@code soak} profile), Redis is stopped again and again for that long.
 */
class RedisSpoolOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path tmp;

  @Test
  void redisStoppedUnderLoadBlocksNoCallerAndTheStreamHoldsEveryEntryOnceAfterItsRestart() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("redis"));
    TestRedis.Server server = TestRedis.Server.start(data);
    String stream = "spool-outage:" + UUID.randomUUID();
    OutageDrill drill = OutageDrill.fromSystemProperties(1500);
    Duration wait = drill.isSoak() ? WAIT.plus(drill.soakDuration()) : WAIT;
    ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    try {
      RedisStreamLogSink sink = RedisStreamLogSink.builder()
          .uri(server.url())
          .stream(stream)
          .maxLen(0) // keep every entry: the test counts them all
          .timeout(Duration.ofSeconds(2))
          .build();
      LogPipeline p = LogPipeline.builder()
          .config(PlatformLoggerConfig.builder()
              .service("redis-spool-outage")
              .consoleEnabled(false)
              .shutdownHook(false)
              .spoolEnabled(true)
              .spoolDir(tmp.resolve("spool"))
              .retryInitialBackoff(Duration.ofMillis(20))
              .retryMaxBackoff(Duration.ofMillis(500))
              .build())
          .configuredSinks(false)
          .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
          .sink(sink)
          .build();
      PlatformLogger log = PlatformLogger.on(p, "com.acme.Load");
      AtomicLong waitingWhileDown = new AtomicLong();
      Duration pause = Duration.ofNanos(drill.isSoak() ? 1_000_000 : 500_000);
      DrillResult run =
          drill.runUnderLoad(4, pause, (t, i) -> log.info("t{} n{}", t, i),
              OutageDrill.ofServer(p, "redis-stream", server::stop, server::start, waitingWhileDown));
      assertThat(p.flush(wait)).as("delivered after the restart; stderr: %s", fallback).isTrue();
      p.close();
      SinkStats stats = p.stats().sink("redis-stream");
      long total = run.calls();

      Map<String, Integer> copies = new HashMap<>();
      Map<String, String> idByMessage = new HashMap<>();
      long messages = readStream(server.url(), stream, copies, idByMessage);
      List<String> lost = new ArrayList<>();
      for (int t = 0; t < run.threads(); t++) {
        for (long i = 0; i < run.calls(t); i++) {
          if (!idByMessage.containsKey("t" + t + " n" + i)) {
            lost.add("t" + t + " n" + i);
          }
        }
      }

      System.out.println("Redis stopped under load (" + drill + ", " + run.outages() + " outage(s)), 4 threads, spool on — caller latency:");
      run.latency().lines().forEach(l -> System.out.println("  " + l));
      System.out.println("  entries " + total + ", stream messages " + messages + "; sink retries " + stats.retries()
          + ", most spool bytes waiting while down " + waitingWhileDown.get());

      assertThat(lost).as("entries missing from the stream").isEmpty();
      assertThat(copies.entrySet()).as("entry ids stored more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
      assertThat(messages).as("stream messages").isEqualTo(total);
      assertThat(idByMessage).hasSize((int) total);
      assertThat(stats.retries()).as("the outage reached the sink").isPositive();
      assertThat(waitingWhileDown.get()).as("entries waited in the spool while Redis was down").isPositive();
      assertThat(p.stats().shed()).isZero();
      assertThat(stats.failed()).isZero();
      assertThat(stats.shed()).isZero();
    } finally {
      server.stop();
    }
  }

  /** XRANGE over the whole stream, page by page; returns the number of messages. */
  private static long readStream(String url, String stream, Map<String, Integer> copies, Map<String, String> idByMessage) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8)) {
      RedisCommands<String, String> redis = c.sync();
      long n = 0;
      String after = null; // the last message read; each page starts at it (inclusive) and skips it
      while (true) {
        Range.Boundary<String> from = after == null ? Range.Boundary.unbounded() : Range.Boundary.including(after);
        List<StreamMessage<String, String>> page =
            redis.xrange(stream, Range.from(from, Range.Boundary.unbounded()), Limit.from(10_000));
        int fresh = 0;
        for (StreamMessage<String, String> m : page) {
          if (m.getId().equals(after)) {
            continue;
          }
          fresh++;
          LogEntry e = LogEntryJson.decode(m.getBody().get(StreamFields.JSON));
          copies.merge(m.getBody().get(StreamFields.ID), 1, Integer::sum);
          idByMessage.put(e.message(), e.id());
          n++;
        }
        if (fresh == 0) {
          return n;
        }
        after = page.get(page.size() - 1).getId();
      }
    } finally {
      client.shutdown();
    }
  }
}
