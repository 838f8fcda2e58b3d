package io.platformlogger.benchmarks.spool;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.spool.Spool;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Side-by-side rounds, for a machine whose load changes from minute to minute: each round runs
 * the spool-off and the spool-on case back to back (alternating which goes first) and the report
 * gives the median over rounds of each figure and of each round's ratio.
 *
 * <ol>
 *   <li>Caller cost: paced {@code log.info("order {} placed by {}", ...)} calls with three context
 *       fields, one every 10 µs (100 k calls/s, which both configurations deliver completely),
 *       each call timed; p50/p99 and mean per round.
 *   <li>Disk throughput: the same ~450-byte JSON entries written in batches of 50 by a plain
 *       sequential FileChannel write, by the spool (header, CRC-32C, segments), and by the spool
 *       including the JSON encoding the dispatcher does. No fsync in any of the three.
 * </ol>
 *
 * Run: {@code java -cp benchmarks/spool/target/benchmarks.jar io.platformlogger.benchmarks.spool.SpoolComparison [rounds]}
 */
public final class SpoolComparison {
  private static final int CALLS = 50_000;
  private static final long PACE_NANOS = 10_000;
  private static final int WRITE_ENTRIES = 200_000;

  private SpoolComparison() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path dir = Files.createTempDirectory("spool-comparison");
    try {
      callerCost(dir, rounds);
      diskThroughput(dir, rounds);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static final class Case {
    final String name;
    final LogPipeline pipeline;
    final PlatformLogger log;
    final AtomicLong delivered = new AtomicLong();
    final List<double[]> results = new ArrayList<>(); // p50, p99, mean (ns)

    Case(String name, boolean spool, Path dir) {
      this.name = name;
      LogSink counting = new LogSink() {
        @Override
        public String name() {
          return "counting";
        }

        @Override
        public void write(List<LogEntry> batch) {
          delivered.addAndGet(batch.size());
        }

        @Override
        public void close() {}
      };
      PlatformLoggerConfig config = PlatformLoggerConfig.builder()
          .service("bench")
          .consoleEnabled(false)
          .shutdownHook(false)
          .spoolEnabled(spool)
          .spoolDir(dir.resolve("spool-" + name))
          .build();
      pipeline = LogPipeline.builder().config(config).configuredSinks(false).sink(counting).build();
      log = PlatformLogger.on(pipeline, "io.acme.Orders");
    }

    void round(boolean record) {
      long[] t = new long[CALLS];
      long next = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        while (System.nanoTime() < next) {
          Thread.onSpinWait();
        }
        long t0 = System.nanoTime();
        log.info("order {} placed by {}", i, "u-7");
        t[i] = System.nanoTime() - t0;
        next += PACE_NANOS;
      }
      pipeline.flush(Duration.ofSeconds(60));
      if (record) {
        Arrays.sort(t);
        results.add(new double[] {t[CALLS / 2], t[(int) (CALLS * 0.99)], Arrays.stream(t).average().orElse(0)});
      }
    }
  }

  private static void callerCost(Path dir, int rounds) {
    Case off = new Case("off", false, dir);
    Case on = new Case("on", true, dir);
    try (LogContext.Scope s = LogContext.with().tenantId("t-42").requestId("r-1").userId("u-7").open()) {
      for (int r = -2; r < rounds; r++) { // two warm-up rounds
        boolean record = r >= 0;
        if ((r & 1) == 0) {
          off.round(record);
          on.round(record);
        } else {
          on.round(record);
          off.round(record);
        }
      }
    }
    off.pipeline.close();
    on.pipeline.close();
    System.out.printf("caller cost, %d rounds of %d calls paced at %d k/s, medians over rounds:%n", rounds, CALLS,
        1_000_000_000L / PACE_NANOS / 1000);
    String[] names = {"p50", "p99", "mean"};
    for (int k = 0; k < 3; k++) {
      double offK = median(off.results, k);
      double onK = median(on.results, k);
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = on.results.get(r)[k] / off.results.get(r)[k];
      }
      System.out.printf("  %-4s  spool off %8.0f ns   spool on %8.0f ns   on/off %.2f (median of per-round ratios)%n",
          names[k], offK, onK, median(ratios));
    }
    long calls = (long) (rounds + 2) * CALLS;
    System.out.printf("  delivered: off %d/%d, on %d/%d; shed: off %d, on %d%n", off.delivered.get(), calls,
        on.delivered.get(), calls, off.pipeline.stats().shed(), on.pipeline.stats().shed());
  }

  private static void diskThroughput(Path dir, int rounds) throws Exception {
    LogEntry entry = LogEntry.builder()
        .level(Level.INFO)
        .message("order 12345 placed by u-7")
        .loggerName("io.acme.Orders")
        .threadName("http-nio-8080-exec-3")
        .service("checkout")
        .environment(Environment.PRODUCTION)
        .tenantId("t-42")
        .requestId("r-0193b8e4")
        .userId("u-7")
        .data(Map.of("order_id", 12345L, "amount", 42.5, "currency", "EUR"))
        .build();
    byte[] json = LogEntryJson.encodeBytes(entry);
    double[][] perSecond = new double[5][rounds];
    for (int r = -1; r < rounds; r++) {
      double plain = plainWrite(dir.resolve("plain-" + r), json);
      double spool = spoolWrite(dir.resolve("spool-" + r), json, null);
      double encoded = spoolWrite(dir.resolve("spool-enc-" + r), json, entry);
      double[] reads = readBack(dir.resolve("read-" + r), json);
      if (r >= 0) {
        perSecond[0][r] = plain;
        perSecond[1][r] = spool;
        perSecond[2][r] = encoded;
        perSecond[3][r] = reads[0];
        perSecond[4][r] = reads[1];
      }
    }
    double[] ratio = new double[rounds];
    double[] ratioEnc = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratio[r] = perSecond[1][r] / perSecond[0][r];
      ratioEnc[r] = perSecond[2][r] / perSecond[0][r];
    }
    System.out.printf("disk throughput, %d entries of %d bytes per round, batches of 50, medians over %d rounds:%n",
        WRITE_ENTRIES, json.length, rounds);
    System.out.printf("  plain sequential file write   %,10.0f entries/s%n", median(perSecond[0]));
    System.out.printf("  spool append                  %,10.0f entries/s   spool/plain %.2f%n", median(perSecond[1]), median(ratio));
    System.out.printf("  spool encode + append         %,10.0f entries/s   /plain %.2f%n", median(perSecond[2]), median(ratioEnc));
    double[] ratioRead = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratioRead[r] = perSecond[4][r] / perSecond[3][r];
    }
    System.out.printf("replay (a sink catching up from disk), read back + JSON decode, medians over %d rounds:%n", rounds);
    System.out.printf("  plain file, lines + decode    %,10.0f entries/s%n", median(perSecond[3]));
    System.out.printf("  spool reader + decode         %,10.0f entries/s   spool/plain %.2f%n", median(perSecond[4]), median(ratioRead));
  }

  /** Entries/s reading the same entries back and decoding them: a plain JSON Lines file, then the spool. */
  private static double[] readBack(Path dir, byte[] json) throws Exception {
    Files.createDirectories(dir);
    Path plainFile = dir.resolve("plain.ndjson");
    try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(plainFile), 256 * 1024)) {
      for (int i = 0; i < WRITE_ENTRIES; i++) {
        out.write(json);
        out.write('\n');
      }
    }
    try (Spool s = Spool.open(dir.resolve("spool"), 1L << 40, 64L << 20)) {
      for (int i = 0; i < WRITE_ENTRIES; i++) {
        s.append(json);
      }
      s.publish();
    }
    long t0 = System.nanoTime();
    long n = 0;
    try (java.io.BufferedReader in = Files.newBufferedReader(plainFile, java.nio.charset.StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        n += LogEntryJson.decode(line).message().length() > 0 ? 1 : 0;
      }
    }
    double plain = n / ((System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    n = 0;
    try (Spool s = Spool.open(dir.resolve("spool"), 1L << 40, 64L << 20)) {
      io.platformlogger.core.spool.SpoolReader reader = s.reader("bench");
      byte[] record;
      while ((record = reader.next()) != null) {
        n += LogEntryJson.decode(record).message().length() > 0 ? 1 : 0;
      }
    }
    double spooled = n / ((System.nanoTime() - t0) / 1e9);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return new double[] {plain, spooled};
  }

  private static double plainWrite(Path dir, byte[] json) throws Exception {
    Files.createDirectories(dir);
    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
    long t0 = System.nanoTime();
    try (FileChannel c = FileChannel.open(dir.resolve("plain.ndjson"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      for (int i = 0; i < WRITE_ENTRIES; i += 50) {
        for (int k = 0; k < 50; k++) {
          if (buf.remaining() < json.length + 1) {
            drain(buf, c);
          }
          buf.put(json).put((byte) '\n');
        }
        drain(buf, c);
      }
    }
    double rate = WRITE_ENTRIES / ((System.nanoTime() - t0) / 1e9);
    Files.delete(dir.resolve("plain.ndjson"));
    return rate;
  }

  private static void drain(ByteBuffer buf, FileChannel c) throws Exception {
    buf.flip();
    while (buf.hasRemaining()) {
      c.write(buf);
    }
    buf.clear();
  }

  private static double spoolWrite(Path dir, byte[] json, LogEntry encodeEach) throws Exception {
    long t0 = System.nanoTime();
    try (Spool s = Spool.open(dir, 1L << 40, 64L << 20)) {
      for (int i = 0; i < WRITE_ENTRIES; i += 50) {
        for (int k = 0; k < 50; k++) {
          s.append(encodeEach != null ? LogEntryJson.encodeBytes(encodeEach) : json);
        }
        s.publish();
      }
      double rate = WRITE_ENTRIES / ((System.nanoTime() - t0) / 1e9);
      return rate;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double median(List<double[]> rows, int k) {
    double[] v = rows.stream().mapToDouble(a -> a[k]).toArray();
    return median(v);
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
