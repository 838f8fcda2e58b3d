package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.json.JsonLinesWriter;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak (the {@code soak} Maven profile only; core's default build excludes it): first the
 * pipeline's maximum delivery rate is measured, one thread logging flat out with {@code
 * queue.overflow=block}; then a fresh pipeline with the spool on and production's default policy
 * takes one thread's calls paced at half that rate for {@code platformlogger.soak.pipeline-seconds}
 * (600 in the profile). Every tenth of the run the heap is measured after a full GC. It passes when
 * nothing was shed, failed or lost, every entry reached the sink, and the heap after GC at the end
 * is within 25 % (+16 MB) of the first measurement. Prints every figure (docs/benchmarks.md).
 */
class PipelineSoakTest {
  static final String SECONDS_PROPERTY = "platformlogger.soak.pipeline-seconds";

  @TempDir Path tmp;

  /**
   * Encodes every entry to JSON Lines and discards the bytes, as a file sink would; counts.
   *
   * <p>The caller-cost benchmark has a sink of the same body (its {@code DiscardingJsonSink}, which
   * also installs the benchmark's pipeline). Deliberately not shared: the benchmarks depend on core,
   * so core's tests cannot reach them; the other way round, a shaded benchmark jar would have to
   * take core's test classes; and core's main code exports no test sinks. Both are the same dozen
   * lines over the one shared part that matters, {@link LogEntryJson#linesWriter}.
   */
  static final class DiscardingJsonSink implements LogSink {
    final AtomicLong entries = new AtomicLong();
    private final JsonLinesWriter lines = LogEntryJson.linesWriter(OutputStream.nullOutputStream());

    @Override
    public String name() {
      return "discard";
    }

    @Override
    public synchronized void write(List<LogEntry> batch) throws IOException {
      for (LogEntry e : batch) {
        lines.write(e);
      }
      lines.flush();
      entries.addAndGet(batch.size());
    }

    @Override
    public void close() {}
  }

  private PlatformLoggerConfig.Builder config(Path spoolDir) {
    return PlatformLoggerConfig.builder()
        .service("soak")
        .consoleEnabled(false)
        .shutdownHook(false)
        .spoolEnabled(true)
        .spoolDir(spoolDir);
  }

  private static void logOne(PlatformLogger log, long i) {
    log.atInfo()
        .with("order_id", i)
        .with("amount", 42.5)
        .with("currency", "EUR")
        .log("order {} placed by {}", i, "u-8f3K2");
  }

  @Test
  void halfTheMaximumRateForTheWholeRunShedsNothingLosesNothingAndTheHeapStaysFlat() throws Exception {
    long seconds = Long.getLong(SECONDS_PROPERTY, 30);
    double maxRate = measureMaximumRate(Math.max(5, Math.min(20, seconds / 20)));
    double rate = maxRate / 2;
    System.out.printf(Locale.ROOT, "[soak] maximum %.0f entries/s delivered (block policy, spool on); pacing at %.0f/s for %d s%n",
        maxRate, rate, seconds);

    DiscardingJsonSink sink = new DiscardingJsonSink();
    LogPipeline p =
        LogPipeline.builder().config(config(tmp.resolve("soak")).build()).configuredSinks(false).sink(sink).build();
    List<Long> heapAfterGc = new ArrayList<>();
    long logged = 0;
    try (LogContext.Scope scope = LogContext.with().tenantId("t-acme").userId("u-8f3K2").requestId("req-1").open()) {
      PlatformLogger log = PlatformLogger.on(p, "soak").named("io.acme.checkout.OrderService");
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(seconds).toNanos();
      long nextSample = start + (end - start) / 10;
      double nanosPerEntry = 1e9 / rate;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        if (now >= nextSample) {
          heapAfterGc.add(heapAfterFullGc());
          nextSample += (end - start) / 10;
          start += System.nanoTime() - now; // the GC's pause is not held against the pace
          end += System.nanoTime() - now;
          continue;
        }
        long due = (long) ((now - start) / nanosPerEntry);
        while (logged < due) {
          logOne(log, logged++);
        }
        LockSupport.parkNanos(200_000); // pace in small bursts: a park costs more than a call
      }
      assertThat(p.flush(Duration.ofSeconds(120))).isTrue();
      heapAfterGc.add(heapAfterFullGc());
    }
    PipelineStats s = p.stats();
    p.close(Duration.ofSeconds(30));
    PipelineStats closed = p.stats();
    System.out.printf(Locale.ROOT, "[soak] logged %d, delivered %d, shed %d, sink shed %d, failed %d, lost %d, spool shed %s%n",
        logged, sink.entries.get(), s.shed(), s.sink("discard").shed(), s.sink("discard").failed(),
        closed.sink("discard").lostAtShutdown(), s.spool().shedByLevel());
    System.out.println("[soak] heap after full GC (MB), each tenth of the run: "
        + heapAfterGc.stream().map(b -> String.valueOf(b >> 20)).toList());

    assertThat(s.shed()).isZero();
    assertThat(s.sink("discard").shed()).isZero();
    assertThat(s.sink("discard").failed()).isZero();
    assertThat(closed.sink("discard").lostAtShutdown()).isZero();
    assertThat(s.spool().shedByLevel()).isEmpty();
    assertThat(s.spool().state()).isEqualTo("on");
    assertThat(s.spool().failures()).isZero();
    assertThat(sink.entries.get()).isEqualTo(logged);
    assertThat(logged).isPositive();
    long first = heapAfterGc.get(0);
    assertThat(heapAfterGc.get(heapAfterGc.size() - 1)).isLessThanOrEqualTo(first + first / 4 + (16L << 20));
  }

  /** Entries delivered per second while one thread logs flat out for {@code seconds}, with the block policy. */
  private double measureMaximumRate(long seconds) throws Exception {
    DiscardingJsonSink sink = new DiscardingJsonSink();
    LogPipeline p =
        LogPipeline.builder()
            .config(config(tmp.resolve("max")).overflowPolicy(OverflowPolicy.BLOCK).build())
            .configuredSinks(false)
            .sink(sink)
            .build();
    try (LogContext.Scope scope = LogContext.with().tenantId("t-acme").userId("u-8f3K2").requestId("req-1").open()) {
      PlatformLogger log = PlatformLogger.on(p, "soak").named("io.acme.checkout.OrderService");
      long warmEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      for (long i = 0; System.nanoTime() < warmEnd; i++) {
        logOne(log, i);
      }
      p.flush(Duration.ofSeconds(60));
      long before = sink.entries.get();
      long t0 = System.nanoTime();
      long end = t0 + Duration.ofSeconds(seconds).toNanos();
      for (long i = 0; System.nanoTime() < end; i++) {
        logOne(log, i);
      }
      p.flush(Duration.ofSeconds(60));
      return (sink.entries.get() - before) / ((System.nanoTime() - t0) / 1e9);
    } finally {
      p.close(Duration.ofSeconds(30));
    }
  }

  private static long heapAfterFullGc() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
