package io.platformlogger.benchmarks.spool;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.sink.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one logging call costs the caller with the spool on and off, at a paced rate the pipeline
 * keeps up with (so that it measures the call, not a full queue). Each operation is one call plus
 * a fixed amount of busy work; {@code pacingOnly} measures that work alone, so the call costs
 * {@code log - pacingOnly}. The pipeline's threads compete for the same cores, as in an
 * application. Entries go to a sink that counts them; with the spool on, they pass through disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallerCostBenchmark {
  /** Busy work between calls: about 5 µs on the machine used, i.e. at most ~200 k calls/s. */
  static final long PACING_TOKENS = 2000;

  @Param({"off", "on"})
  public String spool;

  private Path dir;
  private LogPipeline pipeline;
  private PlatformLogger log;
  private LogContext.Scope scope;
  private final AtomicLong delivered = new AtomicLong();
  private long i;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("spool-bench");
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
        .spoolEnabled(spool.equals("on"))
        .spoolDir(dir)
        .build();
    pipeline = LogPipeline.builder().config(config).configuredSinks(false).sink(counting).build();
    log = PlatformLogger.on(pipeline, "io.acme.Orders");
    scope = LogContext.with().tenantId("t-42").requestId("r-1").userId("u-7").open();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    scope.close();
    pipeline.flush(Duration.ofSeconds(60));
    long shed = pipeline.stats().shed();
    pipeline.close();
    System.out.println("\n[spool=" + spool + "] delivered " + delivered.get() + ", shed at the queue " + shed
        + ", spool " + pipeline.stats().spool().state());
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public void log() {
    long n = i++;
    log.info("order {} placed by {}", n, "u-7");
    Blackhole.consumeCPU(PACING_TOKENS);
  }

  @Benchmark
  public void pacingOnly() {
    Blackhole.consumeCPU(PACING_TOKENS);
  }
}
