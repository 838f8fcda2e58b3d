package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.sink.LogSink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared JSON encoding alone, main-driven for a loaded machine: {@code LogEntryJson.encodeBytes}
 * of the caller-cost entry as the pipeline builds it (sanitized, so the encoder trusts it: what a
 * JSON sink pays with the spool off, and the dispatcher with it on), of the same entry built by
 * hand (the encoder scans every text), and {@code decode} of its bytes (what a spool reader pays).
 * Timed by the thread's CPU time, so time spent descheduled does not count; prints the median ns
 * per operation over the rounds. To compare two builds, run each jar in turn, several times.
 *
 * <p>Run: {@code java -cp benchmarks/caller-cost/platform-logger/target/benchmarks.jar
 * io.platformlogger.benchmarks.callercost.platform.JsonEncodeCost [rounds] [ops per round]}.
 */
public final class JsonEncodeCost {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static long sink;

  private JsonEncodeCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    LogEntry built = pipelineEntry();
    LogEntry byHand = built.toBuilder().build(); // equal, but not known to be sanitized
    byte[] json = LogEntryJson.encodeBytes(built);
    if (!LogEntryJson.decode(json).equals(built)) {
      throw new IllegalStateException("round trip failed");
    }
    String[] cases = {"encode-pipeline-entry", "encode-hand-built", "decode"};
    double[][] ns = new double[cases.length][rounds];
    for (int warm = 0; warm < 10; warm++) {
      for (int c = 0; c < cases.length; c++) {
        time(c, built, byHand, json, perRound);
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int c = 0; c < cases.length; c++) {
        ns[c][r] = time(c, built, byHand, json, perRound);
      }
    }
    for (int c = 0; c < cases.length; c++) {
      System.out.printf(
          "[json] %-22s %7.1f ns/op (median of %d rounds; quartiles %.1f-%.1f) %d bytes%n",
          cases[c], quantile(ns[c], 0.5), rounds, quantile(ns[c], 0.25), quantile(ns[c], 0.75), json.length);
    }
  }

  /**
   * For a driver that loads two builds side by side (each in its own class loader) and alternates
   * rounds between them: the state {@link #time(Object, int, int)} takes.
   */
  public static Object setUp() throws InterruptedException {
    LogEntry built = pipelineEntry();
    return new Object[] {built, built.toBuilder().build(), LogEntryJson.encodeBytes(built)};
  }

  /** CPU ns per operation of case {@code c} (0 encode pipeline entry, 1 encode hand-built, 2 decode). */
  public static double time(Object state, int c, int n) {
    Object[] s = (Object[]) state;
    return time(c, (LogEntry) s[0], (LogEntry) s[1], (byte[]) s[2], n);
  }

  private static double time(int c, LogEntry built, LogEntry byHand, byte[] json, int n) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      switch (c) {
        case 0:
          sink += LogEntryJson.encodeBytes(built).length;
          break;
        case 1:
          sink += LogEntryJson.encodeBytes(byHand).length;
          break;
        default:
          sink += LogEntryJson.decode(json).message().length();
      }
    }
    return (CPU.getCurrentThreadCpuTime() - start) / (double) n;
  }

  /** The caller-cost call, logged through a pipeline (spool off) and caught by a sink. */
  private static LogEntry pipelineEntry() throws InterruptedException {
    List<LogEntry> caught = new ArrayList<>();
    LogSink catcher =
        new LogSink() {
          @Override
          public String name() {
            return "catch";
          }

          @Override
          public synchronized void write(List<LogEntry> batch) {
            caught.addAll(batch);
          }

          @Override
          public void close() {}
        };
    PlatformLoggerConfig config =
        EntryBuildCost.checkout()
            .level(Level.INFO)
            .consoleEnabled(false)
            .shutdownHook(false)
            .spoolEnabled(false)
            .build();
    try (LogPipeline pipeline = LogPipeline.builder().config(config).configuredSinks(false).sink(catcher).build();
        LogContext.Scope s = LogContext.with().tenantId("t-acme").userId("u-8f3K2").requestId("req-1f9c2a").open()) {
      PlatformLogger log = PlatformLogger.on(pipeline, "checkout");
      log.atInfo()
          .with("order_id", 184_467L)
          .with("amount", 42.5)
          .with("currency", "EUR")
          .log("order {} placed by {}", 184_467L, "u-8f3K2");
      pipeline.flush(Duration.ofSeconds(10));
    }
    synchronized (catcher) {
      return caught.get(0);
    }
  }

  private static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  }
}
