package io.platformlogger.benchmarks.kafka;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.DataLimits;
import io.platformlogger.core.internal.DataValues;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.kafka.KafkaLogSink;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * KafkaLogSink throughput (entries/s, driven as the pipeline's sink worker drives it: batches sent
 * with up to {@code maxBatchesInFlight} unacknowledged, the oldest awaited before the next is sent)
 * against the raw limit: a plain KafkaProducer with the sink's own producer settings sending the
 * identical pre-encoded bytes, keys and headers, flushed once per round. Rounds alternate raw and
 * sink, each on its own topic (3 partitions) of one broker (forked JVM, or
 * PLATFORM_LOGGER_TEST_KAFKA); both clients stay connected across rounds. The sink gets the
 * entries twice per round: as the dispatcher hands them over with the spool off (built and
 * sanitized, JSON not made yet: the sink encodes), and as a pipeline with the spool on (the
 * default) hands them over, their JSON already made by the spool.
 *
 * <p>Arguments (all optional): entries per round and side (default 20000), rounds (default 40),
 * the sink's batch size (default: the sink's default {@code maxBatchSize}), batches in flight
 * (default: the sink's default {@code maxBatchesInFlight}; 1 waits for each batch).
 * The first 5 rounds warm up and are not counted; the result is the mean throughput of the others
 * and the median of their per-round ratios (the ratio within a round is what survives a loaded
 * machine).
 */
public final class KafkaSinkBenchmark {
  private KafkaSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int warmup = Math.min(rounds - 1, 5);
    KafkaLogSink defaults = KafkaLogSink.builder().bootstrapServers("x:1").build();
    int sinkBatch = args.length > 2 ? Integer.parseInt(args[2]) : defaults.maxBatchSize();
    int window = args.length > 3 ? Integer.parseInt(args[3]) : defaults.maxBatchesInFlight();
    List<LogEntry> entries = entries(n);
    // As the dispatcher hands entries over with the spool off: data normalized into the pipeline's
    // own map, every text through the sanitizer when the entry was built (so the encoder does not
    // check it again).
    for (int i = 0; i < n; i++) {
      LogEntry e = entries.get(i);
      e = e.toBuilder().data(DataValues.normalizeMap(e.data(), DataLimits.DEFAULT, new HashSet<>())).build();
      EntryInternals.markClean(e);
      entries.set(i, e);
    }
    KafkaTestBroker broker = KafkaTestBroker.shared();
    String bootstrap = broker.bootstrapServers();

    long bytes = 0;
    List<byte[]> values = new ArrayList<>(n);
    for (LogEntry e : entries) {
      byte[] v = LogEntryJson.encodeBytes(e);
      values.add(v);
      bytes += v.length;
    }
    // The same entries as a pipeline with the spool on hands them to the sink: the dispatcher has
    // encoded each one for the spool already and keeps the bytes on it (what SpoolFeed does).
    List<LogEntry> spooled = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LogEntry copy = entries.get(i).toBuilder().build();
      EntryInternals.keepJson(copy, values.get(i).clone());
      spooled.add(copy);
    }
    System.out.printf("%d rounds of %d entries (mean JSON %d B) per side, first %d not counted; sink batches of %d, %d in flight%n",
        rounds, n, bytes / n, warmup, sinkBatch, window);

    Map<String, Object> config =
        new LinkedHashMap<>(KafkaLogSink.builder().bootstrapServers(bootstrap).build().producerConfig());
    String rawTopic = topic(bootstrap, "raw");
    String sinkTopic = topic(bootstrap, "sink");
    List<Double> ratios = new ArrayList<>();
    List<Double> spooledRatios = new ArrayList<>();
    double rawSum = 0;
    double sinkSum = 0;
    double spooledSum = 0;
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaLogSink sink =
            KafkaLogSink.builder().bootstrapServers(bootstrap).topic(sinkTopic).maxBatchSize(sinkBatch)
                .maxBatchesInFlight(window).build()) {
      producer.send(new ProducerRecord<>(rawTopic, values.get(0))).get(); // connected and warm
      sink.write(entries.subList(0, 1));
      // Short rounds, side by side: the load of a shared machine changes more slowly than a round,
      // so each round's ratio compares like with like.
      for (int round = 0; round < rounds; round++) {
        double raw = raw(producer, rawTopic, entries, values);
        double ours = sink(sink, entries);
        double fromSpool = sink(sink, spooled);
        if (round >= warmup) {
          ratios.add(ours / raw);
          spooledRatios.add(fromSpool / raw);
          rawSum += raw;
          sinkSum += ours;
          spooledSum += fromSpool;
        }
        System.out.printf("round %2d: raw %,9.0f entries/s, sink %,9.0f entries/s, ratio %.2f; spooled entries %,9.0f, ratio %.2f%n",
            round, raw, ours, ours / raw, fromSpool, fromSpool / raw);
      }
    }
    long warm = System.nanoTime();
    for (LogEntry e : entries) {
      LogEntryJson.encodeBytes(e);
    }
    System.out.printf("JSON encoding (warm): %.2f µs/entry%n", (System.nanoTime() - warm) / 1e3 / n);
    java.util.Collections.sort(ratios);
    java.util.Collections.sort(spooledRatios);
    int m = ratios.size();
    System.out.printf(
        "counted rounds: %d; mean raw %,.0f entries/s, mean sink %,.0f entries/s; ratio of means %.2f;"
            + " per-round ratio median %.2f (quartiles %.2f-%.2f)%n",
        m, rawSum / m, sinkSum / m, sinkSum / rawSum, ratios.get(m / 2), ratios.get(m / 4),
        ratios.get((3 * m) / 4));
    System.out.printf(
        "spooled entries (JSON made by the spool): mean %,.0f entries/s; ratio of means %.2f;"
            + " per-round ratio median %.2f (quartiles %.2f-%.2f)%n",
        spooledSum / m, spooledSum / rawSum, spooledRatios.get(m / 2), spooledRatios.get(m / 4),
        spooledRatios.get((3 * m) / 4));
    broker.close();
  }

  /**
   * Drives the sink as the pipeline's sink worker does: up to {@code maxBatchesInFlight} batches
   * sent and not yet acknowledged, the oldest awaited before the next is sent, flushed and drained
   * when nothing more is coming; with 1 in flight, {@code write} per batch.
   */
  private static double sink(KafkaLogSink sink, List<LogEntry> entries) throws Exception {
    int batch = sink.maxBatchSize();
    int window = sink.maxBatchesInFlight();
    ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    long start = System.nanoTime();
    if (window == 1) { // the worker's synchronous path: write, which flushes and awaits each batch
      for (int i = 0; i < entries.size(); i += batch) {
        sink.write(entries.subList(i, Math.min(entries.size(), i + batch)));
      }
      return entries.size() / ((System.nanoTime() - start) / 1e9);
    }
    for (int i = 0; i < entries.size(); i += batch) {
      while (inFlight.size() >= window) {
        inFlight.poll().await();
      }
      inFlight.add(sink.send(entries.subList(i, Math.min(entries.size(), i + batch))));
    }
    sink.flush();
    while (!inFlight.isEmpty()) {
      inFlight.poll().await();
    }
    return entries.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static double raw(
      KafkaProducer<byte[], byte[]> p, String topic, List<LogEntry> entries, List<byte[]> values) {
    long start = System.nanoTime();
    for (int i = 0; i < values.size(); i++) {
      LogEntry e = entries.get(i);
      p.send(new ProducerRecord<>(topic, null, null, key(e), values.get(i), headers(e)));
    }
    p.flush();
    return entries.size() / ((System.nanoTime() - start) / 1e9);
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

  private static String topic(String bootstrap, String kind) throws Exception {
    String topic = "bench-" + kind + "-" + System.nanoTime();
    KafkaTestBroker.createTopics(bootstrap, 3, topic);
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
