package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The durable spool against a real outage: the embedded PostgreSQL server is stopped under a
 * steady load from four threads and started again. No caller waits for the server (caller
 * latency percentiles before, during and after are printed for the report, not asserted), and
 * afterwards every entry is in the table exactly once.
 */
class PostgresSpoolOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  /** Caller latencies of one phase, in nanoseconds, one array per thread. */
  private static final class Latencies {
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
      return n == 0 ? "no calls" : String.format("%d calls, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs",
          n, all[n / 2] / 1e3, all[(int) (n * 0.99)] / 1e3, all[(int) (n * 0.999)] / 1e3, all[n - 1] / 1e3);
    }
  }

  @Test
  void theServerStoppedUnderLoadBlocksNoCallerAndEveryEntryIsStoredOnceAfterItsRestart() throws Exception {
    int threads = 4;
    int each = 3000; // per thread: a third before, a third while the server is down, a third after
    int total = threads * each;
    ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    try (EmbeddedServer server = EmbeddedServer.start()) {
      String url = server.jdbcUrl() + "?user=postgres&password=postgres";
      PostgresLogSink sink = PostgresLogSink.builder().jdbcUrl(url).schema("spool_outage")
          .connectionTimeout(Duration.ofMillis(500)).build();
      LogPipeline p = LogPipeline.builder()
          .config(PlatformLoggerConfig.builder()
              .service("spool-outage")
              .consoleEnabled(false)
              .shutdownHook(false)
              .spoolEnabled(true)
              .spoolDir(tmp.resolve("spool"))
              .retryInitialBackoff(Duration.ofMillis(20))
              .retryMaxBackoff(Duration.ofMillis(500))
              .build())
          .configuredSinks(false)
          .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
          .sink(sink)
          .build();
      PlatformLogger log = PlatformLogger.on(p, "com.acme.Load");
      Latencies[] phases = {new Latencies(threads, each), new Latencies(threads, each), new Latencies(threads, each)};
      AtomicInteger logged = new AtomicInteger();
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
            LockSupport.parkNanos(200_000); // a steady load
          }
        }));
      }
      awaitCount(logged, total / 3);
      server.stop();
      SinkStats down;
      try {
        awaitCount(logged, 2 * total / 3);
        // The first failing write may still be waiting for a connection (up to the 500 ms
        // connection timeout) when the load reaches two thirds: wait until it has failed.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.stats().sink("postgres").retries() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(5); // polling a counter, with a deadline
        }
        down = p.stats().sink("postgres");
      } finally {
        server.restart();
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(p.flush(WAIT)).as("delivered after the restart; stderr: %s", fallback).isTrue();
      p.close();
      SinkStats after = p.stats().sink("postgres");

      System.out.println("PostgreSQL stopped under load, 4 threads, spool on — caller latency:");
      System.out.println("  before:      " + phases[0].summary());
      System.out.println("  server down: " + phases[1].summary());
      System.out.println("  after:       " + phases[2].summary());
      System.out.println("  while down: spool bytes " + down.spoolBytes() + ", retries " + down.retries()
          + ", oldest undelivered " + down.oldestUndelivered() + "; in all: retries " + after.retries()
          + ", written " + after.written());

      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT message) FROM spool_outage.platform_logs")) {
        rs.next();
        assertThat(rs.getLong(1)).as("rows").isEqualTo(total);
        assertThat(rs.getLong(2)).as("distinct messages").isEqualTo(total);
      }
      assertThat(p.stats().sink("postgres").retries()).as("the outage reached the sink").isPositive();
      assertThat(p.stats().shed()).isZero();
      assertThat(p.stats().sink("postgres").written()).isGreaterThanOrEqualTo(total);
    }
  }

  private static void awaitCount(AtomicInteger n, int target) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (n.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the load stopped at " + n.get());
      }
      Thread.sleep(1); // polling a counter, with a deadline
    }
  }
}
