package io.platformlogger.benchmarks.callercost;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls every library is measured on, through the SLF4J API they all implement; each library's
 * module extends this class and configures its own backend. Every call is paced by {@code
 * Blackhole.consumeCPU(pauseTokens)} so the asynchronous pipeline keeps up (all entries
 * delivered, as in a real application) instead of measuring a permanently full queue; {@link
 * #pause} measures the pacing alone and the report subtracts it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class Slf4jCallerCost {
  static final Logger LOG = LoggerFactory.getLogger("io.acme.checkout.OrderService");

  /** Pacing per call; 1000 tokens is about 2–3 µs on the reference machine. */
  @Param("1000")
  public int pauseTokens;

  /** Entries the library's discarding output has received so far. */
  protected abstract long delivered();

  /**
   * Prints how many calls were made and how many entries reached the output: the table is only
   * honest if the pipeline kept up (nothing shed or dropped). Read by run.sh.
   */
  @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
  public void reportDelivery() {
    long calls = CallerThread.totalCalls();
    System.out.printf("[delivery] calls=%d delivered=%d%n", calls, settledDelivered(calls));
  }

  /**
   * Entries delivered once the pipeline has caught up (outside the measurement: this runs in the
   * iteration's tear-down): waits until every call is delivered or nothing more arrived for 200
   * ms, at most 5 s. Read right at the end of an iteration, the count also missed the entries
   * still on their way (up to a flush interval's worth), which is lag, not loss.
   */
  private long settledDelivered(long calls) {
    long last = delivered();
    long lastChange = System.nanoTime();
    long deadline = lastChange + 5_000_000_000L;
    while (last < calls && System.nanoTime() - lastChange < 200_000_000L && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      long now = delivered();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
    return last;
  }

  @Benchmark
  public void pause() {
    Blackhole.consumeCPU(pauseTokens);
  }

  /** A message with 2 parameters and 3 key/values, with 3 MDC entries set. */
  @Benchmark
  public void slf4jInfo(CallerThread thread) {
    long order = thread.next();
    LOG.atInfo()
        .addKeyValue("order_id", order)
        .addKeyValue("amount", 42.5)
        .addKeyValue("currency", "EUR")
        .log("order {} placed by {}", order, thread.user);
    Blackhole.consumeCPU(pauseTokens);
  }

  /** The same message without key/values, through the classic API. */
  @Benchmark
  public void slf4jInfoClassic(CallerThread thread) {
    LOG.info("order {} placed by {}", thread.next(), thread.user);
    Blackhole.consumeCPU(pauseTokens);
  }

  /** A DEBUG call with the level at INFO: what a disabled statement costs. Not paced. */
  @Benchmark
  public void slf4jDisabled(CallerThread thread) {
    LOG.debug("order {} placed by {}", thread.counter, thread.user);
  }
}
