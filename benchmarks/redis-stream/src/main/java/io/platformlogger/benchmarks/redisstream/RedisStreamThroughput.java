package io.platformlogger.benchmarks.redisstream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.platformlogger.benchmarks.support.OrderEntry;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.redis.RedisStreamLogSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;

/**
 * Entries per second into a Redis stream: {@link RedisStreamLogSink#write} (JSON encoding, the
 * dedup Lua script, one round trip per batch) against the anchor, raw pipelined {@code XADD
 * MAXLEN ~ 10000} of the same, already encoded, payloads over one Lettuce connection. Both wait
 * for every reply of a batch before the next, as a sink must. One embedded Redis 7 per fork.
 *
 * <p>Results are per batch; multiply by {@code batchSize} for entries per second (the report in
 * docs/benchmarks.md does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedisStreamThroughput {
  @Param({"50", "500"})
  public int batchSize;

  private RedisServer server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisStreamLogSink sink;
  private RedisStreamLogSink sinkNoDedup;
  private List<LogEntry> entries;
  private final List<List<LogEntry>> ring = new ArrayList<>();
  private int nextForSink;
  private int nextForSinkWithoutDedup;
  private List<Map<String, String>> rawBodies;
  private String rawStream;

  @Setup(Level.Trial)
  public void start() throws Exception {
    String url = System.getProperty("redis.url");
    if (url == null) {
      int port = freePort();
      server =
          RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
      server.start();
      url = "redis://127.0.0.1:" + port;
    }
    String run = UUID.randomUUID().toString();
    sink = RedisStreamLogSink.builder().uri(url).stream("bench:sink:" + run).maxBatchSize(batchSize).build();
    sinkNoDedup =
        RedisStreamLogSink.builder().uri(url).stream("bench:nodedup:" + run).dedupWindow(0).maxBatchSize(batchSize).build();
    client = RedisClient.create(url);
    connection = client.connect(StringCodec.UTF8);
    rawStream = "bench:raw:" + run;
    entries = new ArrayList<>();
    rawBodies = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      LogEntry e = OrderEntry.of(i, io.platformlogger.core.Level.INFO);
      entries.add(e);
      Map<String, String> body = new LinkedHashMap<>();
      body.put("id", e.id());
      body.put("level", e.level().name());
      body.put("service", e.service());
      body.put("tenant_id", e.tenantId());
      body.put("json", LogEntryJson.encode(e));
      rawBodies.add(body);
    }
    for (int copies = 0; copies * batchSize < 12_000; copies++) {
      List<LogEntry> batch = new ArrayList<>(batchSize);
      for (LogEntry e : entries) {
        batch.add(e.toBuilder().id(null).build());
      }
      ring.add(batch);
    }
  }

  /**
   * Each sink walks its own ring of copies of the batch with their own ids, prepared in setup so
   * the timed part holds no copying. The ring holds more entries than the sink's memory of recently
   * sent ids (5 000), so a batch coming round again counts as new, as every batch of a real
   * service does.
   */
  @Benchmark
  public void sink() throws Exception {
    sink.write(ring.get(nextForSink));
    nextForSink = (nextForSink + 1) % ring.size();
  }

  @Benchmark
  public void sinkWithoutDedup() throws Exception {
    sinkNoDedup.write(ring.get(nextForSinkWithoutDedup));
    nextForSinkWithoutDedup = (nextForSinkWithoutDedup + 1) % ring.size();
  }


  /** The anchor: what Lettuce does with the same bytes and no sink in between. */
  @Benchmark
  public void rawPipelinedXadd() throws Exception {
    RedisAsyncCommands<String, String> async = connection.async();
    XAddArgs args = XAddArgs.Builder.maxlen(10_000).approximateTrimming();
    List<RedisFuture<String>> futures = new ArrayList<>(rawBodies.size());
    connection.setAutoFlushCommands(false);
    for (Map<String, String> body : rawBodies) {
      futures.add(async.xadd(rawStream, args, body));
    }
    connection.flushCommands();
    connection.setAutoFlushCommands(true);
    for (RedisFuture<String> f : futures) {
      f.get(10, TimeUnit.SECONDS);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    sink.close();
    sinkNoDedup.close();
    connection.close();
    client.shutdown();
    if (server != null) {
      server.stop();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
