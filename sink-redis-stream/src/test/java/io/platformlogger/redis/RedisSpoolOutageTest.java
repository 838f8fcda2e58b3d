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
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.testkit.DrillResult;
import io.platformlogger.testkit.OutageDrill;
import io.platformlogger.testkit.SpoolOutageRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    try {
      RedisStreamLogSink sink = RedisStreamLogSink.builder()
          .uri(server.url())
          .stream(stream)
          .maxLen(0) // keep every entry: the test counts them all
          .timeout(Duration.ofSeconds(2))
          .build();
      SpoolOutageRun run = SpoolOutageRun.start(
          PlatformLoggerConfig.builder().service("redis-spool-outage"), tmp.resolve("spool"), sink);
      Duration pause = Duration.ofNanos(drill.isSoak() ? 1_000_000 : 500_000);
      DrillResult result = run.drill(drill, pause, run.ofServer(server::stop, server::start));
      SinkStats stats = run.drain(WAIT);
      long total = result.calls();

      Map<String, Integer> copies = new HashMap<>();
      Map<String, String> idByMessage = new HashMap<>();
      long messages = readStream(server.url(), stream, copies, idByMessage);
      run.report("Redis stopped", result,
          "entries " + total + ", stream messages " + messages + "; sink retries " + stats.retries());

      assertThat(SpoolOutageRun.missing(result, idByMessage::containsKey)).as("entries missing from the stream").isEmpty();
      assertThat(copies.entrySet()).as("entry ids stored more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
      assertThat(messages).as("stream messages").isEqualTo(total);
      assertThat(idByMessage).hasSize((int) total);
      assertThat(stats.retries()).as("the outage reached the sink").isPositive();
      run.assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(stats);
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
