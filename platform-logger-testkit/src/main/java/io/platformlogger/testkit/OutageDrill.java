package io.platformlogger.testkit;

import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The schedule of an outage test: when to take the sink's server down and bring it back while a
 * {@link SteadyLoad} runs. By default one short outage, so that {@code ./mvnw verify} stays quick:
 * {@code callsPerPhase} calls before it, as many during it (and at least {@value
 * #MIN_OUTAGE_SECONDS} s, so that the sink does meet the outage), as many after it. With the system
 * property {@value #SOAK_SECONDS_PROPERTY} set (the {@code soak} Maven profile sets it), a soak
 * instead: outages again and again for that many seconds, alternately short ({@value
 * #SHORT_OUTAGE_SECONDS} s) and long ({@value #LONG_OUTAGE_SECONDS} s, longer than a Kafka
 * producer's 30 s delivery timeout), with {@value #UP_SECONDS} s of normal service between them.
 *
 * <p>Phases of the load are named {@code "before"}, {@code "sink down"} and {@code "sink up again"};
 * a soak's outages add up under one name. Immutable; {@link #run} is for the test thread.
 */
public final class OutageDrill {
  /** Seconds to soak for; unset or 0 for the short default. */
  public static final String SOAK_SECONDS_PROPERTY = "platformlogger.soak.seconds";
  static final int UP_SECONDS = 15;
  static final int SHORT_OUTAGE_SECONDS = 5;
  static final int LONG_OUTAGE_SECONDS = 35;
  static final int MIN_OUTAGE_SECONDS = 2;
  /** The longest any one phase of the short default may take before the test fails. */
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(90);

  /** What the test does to its server. */
  public interface Outage {
    /** Stops or kills the server; returns once it is down. */
    void takeDown() throws Exception;

    /**
     * Starts it again; returns once it is up. May first wait until the sink noticed the outage.
     */
    void bringUp() throws Exception;
  }

  /** Something done to a server: stopping, killing or starting it. */
  public interface ServerAction {
    void run() throws Exception;
  }

  /**
   * The usual outage of the server behind the pipeline's sink {@code sink}: once the sink has
   * stored something ({@link #awaitSinkWriting}), {@code stop} the server; before starting it
   * again with {@code start}, wait until the sink is at least a second behind ({@link
   * #awaitSinkBehind}), so the outage met a running sink and what was logged meanwhile waits in the
   * spool. {@code maxSpoolBytes} receives the most spool bytes seen waiting at that point.
   */
  public static Outage ofServer(
      LogPipeline pipeline, String sink, ServerAction stop, ServerAction start, AtomicLong maxSpoolBytes) {
    return new Outage() {
      @Override
      public void takeDown() throws Exception {
        awaitSinkWriting(pipeline, sink);
        stop.run();
      }

      @Override
      public void bringUp() throws Exception {
        try {
          SinkStats behind = awaitSinkBehind(pipeline, sink, Duration.ofSeconds(1));
          maxSpoolBytes.accumulateAndGet(behind.spoolBytes(), Math::max);
        } finally {
          start.run();
        }
      }
    };
  }

  private final long callsPerPhase;
  private final Duration soak;

  private OutageDrill(long callsPerPhase, Duration soak) {
    this.callsPerPhase = callsPerPhase;
    this.soak = soak;
  }

  /**
   * One short outage of {@code callsPerPhase} calls, or a soak if {@value #SOAK_SECONDS_PROPERTY}
   * is set. A value that is not a whole number of seconds fails with a message saying so.
   */
  public static OutageDrill fromSystemProperties(long callsPerPhase) {
    String value = System.getProperty(SOAK_SECONDS_PROPERTY, "").trim();
    long seconds;
    try {
      seconds = value.isEmpty() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SOAK_SECONDS_PROPERTY + " is '" + value
          + "': set it to a whole number of seconds, such as 300, or leave it unset for the short run");
    }
    if (seconds < 0) {
      throw new IllegalArgumentException(SOAK_SECONDS_PROPERTY + " is " + seconds + ": use 0 or more seconds");
    }
    return new OutageDrill(callsPerPhase, Duration.ofSeconds(seconds));
  }

  /** One short outage of {@code callsPerPhase} calls before, during and after. */
  public static OutageDrill once(long callsPerPhase) {
    return new OutageDrill(callsPerPhase, Duration.ZERO);
  }

  /** Whether this is a soak (repeated outages for a while) rather than the short default. */
  public boolean isSoak() {
    return !soak.isZero();
  }

  /** The soak's length, or zero for the short default. */
  public Duration soakDuration() {
    return soak;
  }

  /**
   * Runs the schedule against a running load: phase {@code "before"}, outage ({@code "sink
   * down"}), {@code "sink up again"}, and for a soak more outages until its time is up. Returns
   * the number of outages staged. The load keeps running afterwards; the test stops it.
   */
  public int run(SteadyLoad load, Outage outage) throws Exception {
    load.phase("before");
    if (!isSoak()) {
      load.awaitCalls(load.calls() + callsPerPhase, PHASE_LIMIT);
      load.phase("sink down");
      long downAt = System.nanoTime();
      outage.takeDown();
      load.awaitCalls(load.calls() + callsPerPhase, PHASE_LIMIT);
      waitFor(Duration.ofSeconds(MIN_OUTAGE_SECONDS).minusNanos(System.nanoTime() - downAt), load);
      outage.bringUp();
      load.phase("sink up again");
      load.awaitCalls(load.calls() + callsPerPhase, PHASE_LIMIT);
      return 1;
    }
    long end = System.nanoTime() + soak.toNanos();
    int outages = 0;
    waitFor(Duration.ofSeconds(UP_SECONDS), load);
    while (System.nanoTime() - end < 0) {
      load.phase("sink down");
      outage.takeDown();
      outages++;
      waitFor(Duration.ofSeconds(outages % 2 == 1 ? SHORT_OUTAGE_SECONDS : LONG_OUTAGE_SECONDS), load);
      outage.bringUp();
      load.phase("sink up again");
      waitFor(Duration.ofSeconds(UP_SECONDS), load);
    }
    return outages;
  }

  /**
   * Starts a {@link SteadyLoad} of {@code threads} threads making {@code call} with {@code pause}
   * between calls, {@link #run runs} the schedule under it, and stops the load.
   */
  public DrillResult runUnderLoad(int threads, Duration pause, SteadyLoad.Call call, Outage outage)
      throws Exception {
    try (SteadyLoad load = SteadyLoad.start(threads, pause, "before", call)) {
      int outages = run(load, outage);
      long[] perThread = load.stop();
      return new DrillResult(perThread, load.report(), outages);
    }
  }

  /** Lets the load run for a while (a soak's schedule is by the clock; nothing is asserted on it). */
  private static void waitFor(Duration d, SteadyLoad load) {
    long end = System.nanoTime() + d.toNanos();
    long start = load.calls();
    while (System.nanoTime() - end < 0) {
      LockSupport.parkNanos(Math.min(100_000_000L, Math.max(0, end - System.nanoTime())));
    }
    load.awaitCalls(start + 1, PHASE_LIMIT); // the load is alive (and a call that threw fails here)
  }

  /**
   * Waits until the pipeline's sink {@code sink} has stored at least one entry, so that an outage
   * meets a sink that is up and running rather than its client still starting (connecting, loading
   * classes, which on a busy machine can take seconds). Fails after 90 s.
   */
  public static void awaitSinkWriting(LogPipeline pipeline, String sink) {
    Await.value("sink '" + sink + "' has stored an entry before the outage", PHASE_LIMIT,
        () -> pipeline.stats().sink(sink), s -> s.written() > 0);
  }

  /**
   * Waits until the pipeline's sink {@code sink} has been behind for at least {@code lag}: the
   * oldest entry it is delivering was logged that long ago. Called while the server is down, it
   * shows that the sink met the outage and that what was logged meanwhile waits in the spool.
   * Fails after 90 s.
   */
  public static SinkStats awaitSinkBehind(LogPipeline pipeline, String sink, Duration lag) {
    return Await.value("sink '" + sink + "' is " + lag + " behind while its server is down", PHASE_LIMIT,
        () -> pipeline.stats().sink(sink), s -> {
          Instant oldest = s.oldestUndelivered();
          return oldest != null && Duration.between(oldest, pipeline.now()).compareTo(lag) >= 0;
        });
  }

  @Override
  public String toString() {
    return isSoak() ? "soak of " + soak.toSeconds() + " s with repeated outages" : "one outage, " + callsPerPhase + " calls a phase";
  }
}
