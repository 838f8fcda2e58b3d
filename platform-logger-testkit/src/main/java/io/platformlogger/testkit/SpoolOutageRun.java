package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.core.sink.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The common part of a sink's spool-outage test (PostgreSQL, Kafka, Redis Streams, Loki, OTLP): a
 * pipeline with the durable spool on and one sink, an {@link OutageDrill} under four threads that
 * each log {@code "t<thread> n<call>"}, the drain after it, the report and the checks every such
 * test makes. The test states what differs: its server, how to take it down, and how to read what
 * the server stored.
 *
 * <pre>{@code
 * SpoolOutageRun run = SpoolOutageRun.start(config, tmp.resolve("spool"), sink);
 * DrillResult result = run.drill(drill, pause, run.ofServer(server::stop, server::start));
 * SinkStats stats = run.drain(WAIT);
 * assertThat(SpoolOutageRun.missing(result, storedMessages::contains)).isEmpty();
 * run.assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(stats);
 * }</pre>
 *
 * <p>For the test thread only.
 */
public final class SpoolOutageRun {
  /** Load threads, as in every spool-outage test. */
  public static final int THREADS = 4;

  private final LogPipeline pipeline;
  /** The pipeline's one sink's name, whose stats the drill watches. */
  private final String sink;
  /** What the pipeline printed to stderr (its fallback): shown when the drain fails. */
  private final ByteArrayOutputStream fallback;
  /** The most spool bytes seen waiting while the server was down (0 until the outage is seen). */
  private final AtomicLong mostSpoolBytesWhileDown = new AtomicLong();
  private OutageDrill drill;

  private SpoolOutageRun(LogPipeline pipeline, String sink, ByteArrayOutputStream fallback) {
    this.pipeline = pipeline;
    this.sink = sink;
    this.fallback = fallback;
  }

  /**
   * A pipeline over {@code config} (console and shutdown hook off) with the spool on in {@code
   * spoolDir}, quick retries (20 ms backing off to 500 ms), no configured sinks but {@code sink},
   * and its stderr fallback captured.
   */
  public static SpoolOutageRun start(PlatformLoggerConfig.Builder config, Path spoolDir, LogSink sink) {
    ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    LogPipeline pipeline = LogPipeline.builder()
        .config(config
            .consoleEnabled(false)
            .shutdownHook(false)
            .spoolEnabled(true)
            .spoolDir(spoolDir)
            .retryInitialBackoff(Duration.ofMillis(20))
            .retryMaxBackoff(Duration.ofMillis(500))
            .build())
        .configuredSinks(false)
        .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
        .sink(sink)
        .build();
    return new SpoolOutageRun(pipeline, sink.name(), fallback);
  }

  /** The pipeline under test. */
  public LogPipeline pipeline() {
    return pipeline;
  }

  /** The usual outage ({@link OutageDrill#ofServer}) of this pipeline's sink's server. */
  public OutageDrill.Outage ofServer(OutageDrill.ServerAction stop, OutageDrill.ServerAction start) {
    return OutageDrill.ofServer(pipeline, sink, stop, start, mostSpoolBytesWhileDown);
  }

  /** For an outage of the test's own making: notes what the sink's stats showed while the server was down. */
  public void sawWhileDown(SinkStats down) {
    mostSpoolBytesWhileDown.accumulateAndGet(down.spoolBytes(), Math::max);
  }

  /** The most spool bytes seen waiting while the server was down. */
  public long mostSpoolBytesWhileDown() {
    return mostSpoolBytesWhileDown.get();
  }

  /**
   * Runs {@code drill} under {@link #THREADS} threads logging {@code "t<thread> n<call>"} at INFO
   * with {@code pause} between calls, taking the server down and up with {@code outage}.
   */
  public DrillResult drill(OutageDrill drill, Duration pause, OutageDrill.Outage outage) throws Exception {
    this.drill = drill;
    PlatformLogger log = PlatformLogger.on(pipeline, "com.acme.Load");
    return drill.runUnderLoad(THREADS, pause, (t, i) -> log.info("t{} n{}", t, i), outage);
  }

  /**
   * Waits until everything is delivered ({@code wait}, plus a soak's length), failing with the
   * pipeline's stderr otherwise; closes the pipeline and returns its sink's final stats.
   */
  public SinkStats drain(Duration wait) {
    Duration within = drill != null && drill.isSoak() ? wait.plus(drill.soakDuration()) : wait;
    assertThat(pipeline.flush(within)).as("delivered after the outage; stderr: %s", fallback).isTrue();
    pipeline.close();
    return pipeline.stats().sink(sink);
  }

  /**
   * Prints what the run did: {@code what} happened under load (the drill, its outages), the caller
   * latency per phase, then {@code figures} (the test's own counts).
   */
  public void report(String what, DrillResult result, String figures) {
    System.out.println(what + " under load (" + drill + ", " + result.outages() + " outage(s)), " + THREADS
        + " threads, spool on — caller latency:");
    result.latency().lines().forEach(l -> System.out.println("  " + l));
    System.out.println("  " + figures + "; most spool bytes waiting while down " + mostSpoolBytesWhileDown());
  }

  /**
   * The checks every spool-outage test makes of the pipeline once drained: entries waited in the
   * spool while the server was down; nothing was shed, at the queue or the sink, and no batch failed
   * for good. (Whether the sink itself retried depends on its client: Kafka's producer retries
   * inside, so each test says.)
   */
  public void assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(SinkStats stats) {
    assertThat(mostSpoolBytesWhileDown()).as("entries waited in the spool while the server was down").isPositive();
    assertThat(pipeline.stats().shed()).as("shed at the queue").isZero();
    assertThat(stats.shed()).as("shed at the sink").isZero();
    assertThat(stats.failed()).as("failed at the sink").isZero();
  }

  /** The message thread {@code thread}'s call {@code call} logged: {@code "t<thread> n<call>"}. */
  public static String message(int thread, long call) {
    return "t" + thread + " n" + call;
  }

  /** The messages of {@code result}'s calls that {@code stored} does not hold, in order. */
  public static List<String> missing(DrillResult result, Predicate<String> stored) {
    List<String> lost = new ArrayList<>();
    for (int t = 0; t < result.threads(); t++) {
      for (long i = 0; i < result.calls(t); i++) {
        String m = message(t, i);
        if (!stored.test(m)) {
          lost.add(m);
        }
      }
    }
    return lost;
  }
}
