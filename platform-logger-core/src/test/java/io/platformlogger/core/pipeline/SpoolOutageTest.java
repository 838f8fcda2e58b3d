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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink outage under a steady load from several threads, with the spool on: every entry is
 * stored exactly once after the sink returns, and the callers' latency before, during and after
 * the outage is printed for the test report (not asserted: this machine is shared).
 */
class SpoolOutageTest {
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

    int threads = 4;
    int each = 6000; // per thread: 2000 before, 2000 during, 2000 after the outage
    Latencies[] phases = {new Latencies(threads, each), new Latencies(threads, each), new Latencies(threads, each)};
    AtomicInteger logged = new AtomicInteger();
    int total = threads * each;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          int phase = i < each / 3 ? 0 : i < 2 * each / 3 ? 1 : 2;
          long t0 = System.nanoTime();
          log.info("t{} n{}", thread, i);
          phases[phase].record(thread, System.nanoTime() - t0);
          logged.incrementAndGet();
          LockSupport.parkNanos(100_000); // a steady load, about 10 000 calls/s per thread at most
        }
      }));
    }
    // The outage: from a third of the calls to two thirds (counted across the threads).
    awaitCount(logged, total / 3);
    sink.down(true);
    awaitCount(logged, 2 * total / 3);
    SinkStats during = p.stats().sink("store");
    sink.down(false);
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(p.flush(Duration.ofSeconds(60))).isTrue();
    p.close();

    System.out.println("sink outage, 4 threads, spool on — caller latency:");
    System.out.println("  before: " + phases[0].summary());
    System.out.println("  during: " + phases[1].summary());
    System.out.println("  after:  " + phases[2].summary());
    System.out.println("  during the outage: spool bytes " + during.spoolBytes() + ", retries " + during.retries());

    Map<String, Integer> seen = new HashMap<>();
    for (LogEntry e : FileSink.read(out)) {
      seen.merge(e.message(), 1, Integer::sum);
    }
    assertThat(seen).hasSize(total);
    assertThat(seen.values()).allMatch(c -> c == 1);
    assertThat(during.retries()).as("the outage was seen by the sink's worker").isPositive();
    assertThat(p.stats().shed()).isZero();
    assertThat(p.stats().sink("store").written()).isEqualTo(total);
  }

  private static void awaitCount(AtomicInteger n, int target) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (n.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the load stopped at " + n.get());
      }
      Thread.sleep(1); // polling a counter, with a deadline
    }
  }
}
