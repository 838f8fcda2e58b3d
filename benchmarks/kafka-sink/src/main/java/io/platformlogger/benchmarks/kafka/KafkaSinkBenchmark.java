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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * KafkaLogSink throughput (entries/s, driven as the pipeline's sink worker drives it: batches sent
 * with up to {@code maxBatchesInFlight} unacknowledged, the oldest awaited before the next is sent)
 * against the raw limit: a plain KafkaProducer with the sink's own producer settings sending the
 * identical pre-encoded bytes, keys and headers, flushed once per round. Each round runs four
 * cases on one broker (forked JVM, or PLATFORM_LOGGER_TEST_KAFKA), each on its own topic of 3
 * partitions, in an order that rotates from round to round (so none always follows the same
 * other): {@code raw}; {@code sink}, the entries as the dispatcher hands them over with the spool
 * off (built and sanitized, and, as the Kafka sink writes JSON, their JSON made once by the
 * dispatcher and kept on each entry); {@code spooled}, as a pipeline with the spool on hands them
 * over (the JSON made for the spool kept on each entry: the same input, a control of the spread);
 * {@code encodes}, entries without their JSON (as the dispatcher handed them over with the spool
 * off before it encoded for JSON sinks, or a sink used outside a pipeline): the sink encodes on its
 * sending thread. Both clients stay connected across rounds.
 *
 * <p>Per case and round it measures the throughput and the CPU time this JVM spent per entry
 * (every thread: the sending thread, the producer's I/O thread, GC and JIT; the broker's JVM is
 * not included), which a loaded machine disturbs far less than the throughput. The result is the
 * median and quartiles of the per-round ratios to {@code raw} (a round compares like with like on
 * a shared machine) and the medians of the CPU per entry.
 *
 * <p>Arguments (all optional): entries per round and case (default 20000), rounds (default 40),
 * the sink's batch size (default: the sink's default {@code maxBatchSize}), batches in flight
 * (default: the sink's default {@code maxBatchesInFlight}; 1 waits for each batch). The first 5
 * rounds warm up and are not counted.
 */
public final class KafkaSinkBenchmark {
  private KafkaSinkBenchmark() {}

  private static final String[] CASES = {"raw", "sink", "spooled", "encodes"};

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
    // The same entries as a pipeline hands them to the sink, which writes JSON: the dispatcher has
    // encoded each one (for the spool when it is on, SpoolFeed; else for the JSON sinks,
    // Dispatcher.keepJson) and keeps the bytes on it.
    List<LogEntry> dispatched = withJson(entries, values);
    List<LogEntry> spooled = withJson(entries, values);
    System.out.printf("JDK %s, kafka-clients %s, load average %s%n", System.getProperty("java.version"),
        org.apache.kafka.common.utils.AppInfoParser.getVersion(), loadAverage());
    System.out.printf("%d rounds of %d entries (mean JSON %d B) per case, first %d not counted; sink batches of %d, %d in flight%n",
        rounds, n, bytes / n, warmup, sinkBatch, window);

    Map<String, Object> config =
        new LinkedHashMap<>(KafkaLogSink.builder().bootstrapServers(bootstrap).build().producerConfig());
    // Its own client id only to tell its I/O thread apart; every setting that shapes the bytes is
    // the sink's.
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw");
    String rawTopic = topic(bootstrap, "raw");
    String sinkTopic = topic(bootstrap, "sink");
    // [case][counted round]: entries/s, CPU ns per entry of the JVM and of the sending thread
    int cases = CASES.length;
    double[][] rate = new double[cases][rounds - warmup];
    double[][] cpu = new double[cases][rounds - warmup];
    double[][] sender = new double[cases][rounds - warmup];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaLogSink sink =
            KafkaLogSink.builder().bootstrapServers(bootstrap).topic(sinkTopic).maxBatchSize(sinkBatch)
                .maxBatchesInFlight(window).build()) {
      // Connected and warm. The first metadata fetch can outlast the sink's max.block.ms (500 ms)
      // on a loaded machine: try again.
      for (int attempt = 1; ; attempt++) {
        try {
          producer.send(new ProducerRecord<>(rawTopic, values.get(0))).get();
          sink.write(entries.subList(0, 1));
          break;
        } catch (Exception e) {
          if (attempt == 20) {
            throw e;
          }
        }
      }
      // Short rounds, side by side: the load of a shared machine changes more slowly than a round,
      // so each round's ratio compares like with like.
      for (int round = 0; round < rounds; round++) {
        double[] r = new double[cases];
        double[] c = new double[cases];
        double[] t = new double[cases];
        for (int k = 0; k < cases; k++) {
          int which = (round + k) % cases;
          long cpu0 = processCpuNanos();
          long thread0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          switch (which) {
            case 0 -> raw(producer, rawTopic, entries, values);
            case 1 -> sink(sink, dispatched);
            case 2 -> sink(sink, spooled);
            default -> sink(sink, entries);
          }
          r[which] = n / ((System.nanoTime() - t0) / 1e9);
          c[which] = (processCpuNanos() - cpu0) / (double) n;
          t[which] = (threads.getCurrentThreadCpuTime() - thread0) / (double) n;
        }
        if (round >= warmup) {
          for (int k = 0; k < cases; k++) {
            rate[k][round - warmup] = r[k];
            cpu[k][round - warmup] = c[k];
            sender[k][round - warmup] = t[k];
          }
        }
        StringBuilder line = new StringBuilder(String.format(
            "round %2d (%s first): raw %,9.0f entries/s %.2f µs CPU/entry (sending %.2f)",
            round, CASES[round % cases], r[0], c[0] / 1e3, t[0] / 1e3));
        for (int k = 1; k < cases; k++) {
          line.append(String.format("; %s %,9.0f %.2f µs (%.2f), ratio %.2f",
              CASES[k], r[k], c[k] / 1e3, t[k] / 1e3, r[k] / r[0]));
        }
        System.out.println(line);
      }
    }
    double encode = encodingCpuNanos(entries);
    System.out.printf("load average %s%n", loadAverage());
    System.out.printf("JSON encoding on this thread (warm, median of 5 passes; with the spool off the"
        + " dispatcher's thread now spends it): %.2f µs CPU/entry%n", encode / 1e3);
    System.out.printf("raw: median %,.0f entries/s, %.2f µs CPU/entry (sending thread %.2f)%n",
        median(rate[0]), median(cpu[0]) / 1e3, median(sender[0]) / 1e3);
    String[] what = {
      "", "spool off, JSON from the dispatcher", "spool on, JSON from the spool", "no JSON on the entry, the sink encodes"
    };
    for (int k = 1; k < cases; k++) {
      double[] ratio = new double[rate[k].length];
      for (int i = 0; i < ratio.length; i++) {
        ratio[i] = rate[k][i] / rate[0][i];
      }
      Arrays.sort(ratio);
      int m = ratio.length;
      System.out.printf(
          "%s (%s): median %,.0f entries/s, %.2f µs CPU/entry (sending thread %.2f); per-round ratio"
              + " to raw: median %.2f (quartiles %.2f-%.2f); CPU per entry raw/%s: JVM %.2f, sending"
              + " thread %.2f%n",
          CASES[k], what[k],
          median(rate[k]), median(cpu[k]) / 1e3, median(sender[k]) / 1e3, ratio[m / 2], ratio[m / 4],
          ratio[(3 * m) / 4], CASES[k], median(cpu[0]) / median(cpu[k]), median(sender[0]) / median(sender[k]));
    }
    broker.close();
  }

  /** Copies of the entries, each keeping its JSON as the dispatcher keeps it. */
  private static List<LogEntry> withJson(List<LogEntry> entries, List<byte[]> values) {
    List<LogEntry> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      LogEntry copy = entries.get(i).toBuilder().build();
      EntryInternals.markClean(copy);
      EntryInternals.keepJson(copy, values.get(i).clone());
      out.add(copy);
    }
    return out;
  }

  /**
   * CPU time of every thread of this JVM so far (GC and compiler threads too), in nanoseconds from
   * Linux's per-thread scheduler statistics; the process CPU time the JDK reports elsewhere counts
   * in 10 ms ticks, 0.5 µs per entry of a 20 000-entry case.
   */
  private static long processCpuNanos() {
    long sum = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("schedstat"));
          sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException gone) {
          // a thread that ended since the listing: its time is lost to both readings alike
        }
      }
      return sum;
    } catch (IOException | RuntimeException notLinux) {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }

  /** CPU time per entry of encoding them all on this thread, the median of 5 passes. */
  private static double encodingCpuNanos(List<LogEntry> entries) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] passes = new double[5];
    for (int p = 0; p < passes.length; p++) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (LogEntry e : entries) {
        LogEntryJson.encodeBytes(e);
      }
      passes[p] = (threads.getCurrentThreadCpuTime() - t0) / (double) entries.size();
    }
    return median(passes);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /**
   * Drives the sink as the pipeline's sink worker does: up to {@code maxBatchesInFlight} batches
   * sent and not yet acknowledged, the oldest awaited before the next is sent, flushed and drained
   * when nothing more is coming; with 1 in flight, {@code write} per batch.
   */
  private static void sink(KafkaLogSink sink, List<LogEntry> entries) throws Exception {
    int batch = sink.maxBatchSize();
    int window = sink.maxBatchesInFlight();
    ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    if (window == 1) { // the worker's synchronous path: write, which flushes and awaits each batch
      for (int i = 0; i < entries.size(); i += batch) {
        sink.write(entries.subList(i, Math.min(entries.size(), i + batch)));
      }
      return;
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
  }

  private static void raw(
      KafkaProducer<byte[], byte[]> p, String topic, List<LogEntry> entries, List<byte[]> values) {
    for (int i = 0; i < values.size(); i++) {
      LogEntry e = entries.get(i);
      p.send(new ProducerRecord<>(topic, null, null, key(e), values.get(i), headers(e)));
    }
    p.flush();
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
