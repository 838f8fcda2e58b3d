package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink outage under a steady load from several threads, with the spool on: every entry is
 * stored exactly once after the sink returns, and the callers' latency before, during and after
 * the outage is printed for the test report (not asserted: this machine is shared). The soak
 * profile runs it longer, with repeated outages (system property {@value #SOAK_SECONDS_PROPERTY}). (The other
 * modules' outage tests use the testkit's SteadyLoad and OutageDrill, which core cannot depend on.)
 */
class SpoolOutageTest {
  /** The soak profile's setting: seconds to run with repeated outages (0 or unset: one short one). */
  static final String SOAK_SECONDS_PROPERTY = "platformlogger.soak.seconds";

  @TempDir Path tmp;

  /** Caller latencies of one phase, in nanoseconds. */
  static final class Latencies {
    private final long[][] perThread;
    private final int[] counts;

    Latencies(int threads, int capacity) {
      perThread = new long[threads][capacity];
      counts = new int[threads];
    }

    void record(int thread, long nanos) {
      if (counts[thread] < perThread[thread].length) {
        perThread[thread][counts[thread]++] = nanos;
      }
    }

    String summary() {
      int n = Arrays.stream(counts).sum();
      long[] all = new long[n];
      int k = 0;
      for (int t = 0; t < counts.length; t++) {
        System.arraycopy(perThread[t], 0, all, k, counts[t]);
        k += counts[t];
      }
      Arrays.sort(all);
      if (n == 0) {
        return "no calls";
      }
      return String.format("%d calls, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs", n,
          all[n / 2] / 1e3, all[(int) (n * 0.99)] / 1e3, all[(int) (n * 0.999)] / 1e3, all[n - 1] / 1e3);
    }
  }

  @Test
  void aSinkOutageUnderLoadBlocksNoCallerAndEveryEntryIsStoredOnceAfterwards() throws Exception {
    Path out = tmp.resolve("store.ndjson");
    FileSink sink = new FileSink("store", out, 500);
    PlatformLoggerConfig config = PlatformLoggerConfig.builder()
        .service("outage")
        .consoleEnabled(false)
        .shutdownHook(false)
        .spoolEnabled(true)
        .spoolDir(tmp.resolve("spool"))
        .retryInitialBackoff(Duration.ofMillis(10))
        .retryMaxBackoff(Duration.ofMillis(200))
        .build();
    LogPipeline p = LogPipeline.builder().config(config).configuredSinks(false).sink(sink).build();
    PlatformLogger log = PlatformLogger.on(p, "load");

    // The soak profile (platformlogger.soak.seconds, see docs/reliability.md) runs this for that
    // long with repeated outages (the testkit's OutageDrill schedule: 15 s up, then down for 5 s
    // and 35 s alternately); by default one outage of 2000 calls a thread.
    long soakSeconds = Long.getLong(SOAK_SECONDS_PROPERTY, 0L);
    int threads = 4;
    int each = 2000; // calls per thread and phase in the short run; latencies kept per phase
    int kept = soakSeconds > 0 ? 200_000 : 3 * each; // latencies kept per thread and phase (the first ones)
    Latencies[] phases = {new Latencies(threads, kept), new Latencies(threads, kept), new Latencies(threads, kept)};
    AtomicInteger phase = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger logged = new AtomicInteger();
    int[] made = new int[threads];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        int i = 0;
        while (!stop.get()) {
          Latencies now = phases[phase.get()];
          long t0 = System.nanoTime();
          log.info("t{} n{}", thread, i);
          now.record(thread, System.nanoTime() - t0);
          made[thread] = ++i;
          logged.incrementAndGet();
          LockSupport.parkNanos(soakSeconds > 0 ? 1_000_000 : 100_000); // a steady load
        }
      }));
    }
    SinkStats during = null;
    int outages = 0;
    if (soakSeconds == 0) {
      // The outage: from a third of the calls to two thirds (counted across the threads).
      awaitCount(logged, threads * each);
      phase.set(1);
      sink.down(true);
      awaitCount(logged, 2 * threads * each);
      during = p.stats().sink("store");
      sink.down(false);
      phase.set(2);
      awaitCount(logged, 3 * threads * each);
      outages = 1;
    } else {
      long end = System.nanoTime() + Duration.ofSeconds(soakSeconds).toNanos();
      pause(Duration.ofSeconds(15));
      while (System.nanoTime() - end < 0) {
        phase.set(1);
        sink.down(true);
        outages++;
        pause(Duration.ofSeconds(outages % 2 == 1 ? 5 : 35));
        SinkStats s = p.stats().sink("store");
        during = during == null || s.spoolBytes() > during.spoolBytes() ? s : during;
        sink.down(false);
        phase.set(2);
        pause(Duration.ofSeconds(15));
      }
    }
    stop.set(true);
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    int total = logged.get();
    assertThat(p.flush(Duration.ofSeconds(60 + soakSeconds))).isTrue();
    p.close();

    System.out.println("sink outage, 4 threads, spool on, " + outages + " outage(s) — caller latency:");
    System.out.println("  before: " + phases[0].summary());
    System.out.println("  during: " + phases[1].summary());
    System.out.println("  after:  " + phases[2].summary());
    System.out.println("  entries " + total + "; during the outage: spool bytes " + during.spoolBytes() + ", retries " + during.retries());

    Map<String, Integer> seen = new HashMap<>();
    for (LogEntry e : FileSink.read(out)) {
      seen.merge(e.message(), 1, Integer::sum);
    }
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < made[t]; i++) {
        assertThat(seen).containsKey("t" + t + " n" + i);
      }
    }
    assertThat(seen).hasSize(total);
    assertThat(seen.values()).allMatch(c -> c == 1);
    assertThat(during.retries()).as("the outage was seen by the sink's worker").isPositive();
    assertThat(p.stats().shed()).isZero();
    assertThat(p.stats().sink("store").written()).isEqualTo(total);
  }

  /** Lets the load run for a while: a soak's schedule is by the clock, nothing is asserted on it. */
  private static void pause(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() - end < 0) {
      LockSupport.parkNanos(Math.max(0, Math.min(100_000_000L, end - System.nanoTime())));
    }
  }

  private static void awaitCount(AtomicInteger n, int target) {
    Conditions.value(target + " calls of the load have completed", Duration.ofSeconds(60), n::get, done -> done >= target);
  }
}
