package io.platformlogger.benchmarks.kafka;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.kafka.KafkaLogSink;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * KafkaLogSink throughput (entries/s, each batch acknowledged before the next, as the pipeline
 * drives it) against the raw limit: a plain KafkaProducer with the sink's own producer settings
 * sending the identical pre-encoded bytes, keys and headers, flushed once at the end. Rounds
 * alternate raw and sink on fresh topics of one broker (forked JVM, or PLATFORM_LOGGER_TEST_KAFKA).
 *
 * <p>Arguments (all optional): entries per round (default 100000), rounds (default 8). Round 0
 * warms up and is not counted; the result is the mean throughput of the other rounds and the
 * median of their per-round ratios (the ratio within a round is what survives a loaded machine).
 */
public final class KafkaSinkBenchmark {
  private KafkaSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    List<LogEntry> entries = entries(n);
    KafkaTestBroker broker = KafkaTestBroker.shared();
    String bootstrap = broker.bootstrapServers();

    long bytes = 0;
    long t0 = System.nanoTime();
    List<byte[]> values = new ArrayList<>(n);
    for (LogEntry e : entries) {
      byte[] v = LogEntryJson.encodeBytes(e);
      values.add(v);
      bytes += v.length;
    }
    double encodeMicros = (System.nanoTime() - t0) / 1e3 / n;
    System.out.printf("entries: %d per round, mean JSON %d B; encode (cold, one pass) %.2f µs/entry%n",
        n, bytes / n, encodeMicros);

    List<double[]> results = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      double raw = raw(bootstrap, topic(bootstrap, "raw", round), entries, values);
      double sink = sink(bootstrap, topic(bootstrap, "sink", round), entries);
      results.add(new double[] {raw, sink});
      System.out.printf("round %d: raw %,.0f entries/s, sink %,.0f entries/s, ratio %.2f%n",
          round, raw, sink, sink / raw);
    }
    long warm = System.nanoTime();
    long sink = 0;
    for (LogEntry e : entries) {
      sink += LogEntryJson.encodeBytes(e).length;
    }
    System.out.printf("encode (warm) %.2f µs/entry (%d B)%n", (System.nanoTime() - warm) / 1e3 / n, sink / n);
    // The first round warms the JIT and the broker: report the rest.
    double rawSum = 0;
    double sinkSum = 0;
    for (int i = 1; i < results.size(); i++) {
      rawSum += results.get(i)[0];
      sinkSum += results.get(i)[1];
    }
    int measured = Math.max(1, results.size() - 1);
    List<Double> ratios = new ArrayList<>();
    for (int i = 1; i < results.size(); i++) {
      ratios.add(results.get(i)[1] / results.get(i)[0]);
    }
    java.util.Collections.sort(ratios);
    double median =
        ratios.isEmpty() ? Double.NaN
            : ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
            : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
    System.out.printf(
        "rounds 1..%d: mean raw %,.0f entries/s, mean sink %,.0f entries/s, ratio of means %.2f, median ratio %.2f%n",
        results.size() - 1, rawSum / measured, sinkSum / measured, sinkSum / rawSum, median);
    broker.close();
  }

  private static double sink(String bootstrap, String topic, List<LogEntry> entries) throws Exception {
    try (KafkaLogSink sink = KafkaLogSink.builder().bootstrapServers(bootstrap).topic(topic).build()) {
      int batch = sink.maxBatchSize();
      sink.write(entries.subList(0, 1)); // connect and fetch metadata outside the timing, as raw does
      long start = System.nanoTime();
      for (int i = 0; i < entries.size(); i += batch) {
        sink.write(entries.subList(i, Math.min(entries.size(), i + batch)));
      }
      return entries.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double raw(String bootstrap, String topic, List<LogEntry> entries, List<byte[]> values)
      throws Exception {
    Map<String, Object> config =
        new LinkedHashMap<>(KafkaLogSink.builder().bootstrapServers(bootstrap).build().producerConfig());
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      p.send(new ProducerRecord<>(topic, values.get(0))).get();
      long start = System.nanoTime();
      for (int i = 0; i < values.size(); i++) {
        LogEntry e = entries.get(i);
        p.send(new ProducerRecord<>(topic, null, null, key(e), values.get(i), headers(e)));
      }
      p.flush();
      return entries.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static byte[] key(LogEntry e) {
    return e.tenantId().getBytes(StandardCharsets.UTF_8);
  }

  private static List<Header> headers(LogEntry e) {
    return List.of(
        new RecordHeader("level", e.level().name().getBytes(StandardCharsets.UTF_8)),
        new RecordHeader("service", e.service().getBytes(StandardCharsets.UTF_8)),
        new RecordHeader("entry_id", e.id().getBytes(StandardCharsets.UTF_8)));
  }

  private static String topic(String bootstrap, String kind, int round) throws Exception {
    String topic = "bench-" + kind + "-" + round + "-" + System.nanoTime();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(Set.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
    return topic;
  }

  /** Entries like a service's: ~450 B of JSON with tenant, trace, request, data and call site. */
  static List<LogEntry> entries(int n) {
    List<LogEntry> out = new ArrayList<>(n);
    Instant base = Instant.now();
    for (int i = 0; i < n; i++) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("order_id", (long) (100_000 + i));
      data.put("amount", 12.5 + (i % 100));
      data.put("currency", "EUR");
      out.add(
          LogEntry.builder()
              .timestamp(base.plusNanos(i * 1000L))
              .level(i % 50 == 0 ? Level.WARN : Level.INFO)
              .message("order " + (100_000 + i) + " placed by user u-" + (i % 977))
              .data(data)
              .service("checkout")
              .environment(Environment.PRODUCTION)
              .version("1.4.2")
              .instanceId("checkout-7f9c")
              .tenantId("t-" + (i % 31))
              .userId("u-" + (i % 977))
              .requestId("r-" + i)
              .traceId(String.format("%032x", i * 7919L + 1))
              .spanId(String.format("%016x", i + 1L))
              .loggerName("com.acme.checkout.OrderService")
              .threadName("http-nio-8080-exec-" + (i % 8))
              .build());
    }
    return out;
  }
}
