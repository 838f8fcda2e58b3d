package io.platformlogger.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady logging load from several threads, for outage tests: thread {@code t} makes calls
 * {@code 0, 1, 2, ...} of its own sequence ({@link Call#run(int, long)}, typically {@code
 * log.info("t{} n{}", t, i)}), pausing between calls, and times each call under the phase current
 * when it started ({@code "before"}, {@code "sink down"}, ...). The per-phase caller latency is for
 * the test report, never for assertions: the machines running tests are shared.
 *
 * <p>After {@link #stop()}, thread {@code t} made exactly {@code callsPerThread()[t]} calls, so the
 * test knows every entry that must arrive. Durations are kept in histograms (a few kilobytes per
 * thread and phase, percentiles within 3 %), so a soak of millions of calls is fine.
 *
 * <p>Threading: the load's own threads make the calls; {@link #phase}, {@link #awaitCalls} and
 * {@link #stop} are for the one test thread that drives it.
 */
public final class SteadyLoad implements AutoCloseable {
  /** One logging call of the load. It must not block; what it throws fails the load. */
  @FunctionalInterface
  public interface Call {
    void run(int thread, long seq) throws Exception;
  }

  private final int threads;
  private final long pauseNanos;
  private final Call call;
  private final Map<String, Phase> phases = new LinkedHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLongArray perThread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile Phase current;
  private volatile boolean stopping;
  private boolean stopped;

  private SteadyLoad(int threads, Duration pause, String firstPhase, Call call) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is " + threads + ": use 1 or more");
    }
    if (pause == null || pause.isNegative()) {
      throw new IllegalArgumentException("pause must be zero or positive, such as 200 µs");
    }
    this.threads = threads;
    this.pauseNanos = pause.toNanos();
    this.call = call;
    this.perThread = new AtomicLongArray(threads);
    phase(firstPhase);
  }

  /**
   * Starts {@code threads} threads, each calling {@code call} and then pausing for {@code pause}
   * (at most one call per pause and thread), recording under {@code firstPhase} until told
   * otherwise.
   */
  public static SteadyLoad start(int threads, Duration pause, String firstPhase, Call call) {
    SteadyLoad load = new SteadyLoad(threads, pause, firstPhase, call);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w = new Thread(() -> load.loop(thread), "steady-load-" + t);
      w.setDaemon(true);
      load.workers.add(w);
    }
    load.workers.forEach(Thread::start);
    return load;
  }

  private void loop(int thread) {
    long seq = 0;
    try {
      while (!stopping) {
        Phase phase = current;
        long t0 = System.nanoTime();
        call.run(thread, seq);
        phase.histograms[thread].record(System.nanoTime() - t0);
        perThread.set(thread, ++seq);
        calls.incrementAndGet();
        if (pauseNanos > 0) {
          LockSupport.parkNanos(pauseNanos);
        }
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
      stopping = true;
    }
  }

  /**
   * From now on, calls are timed under {@code name}; a name used before adds to that phase (the
   * outages of a soak are summed up as one "sink down" phase).
   */
  public synchronized void phase(String name) {
    current = phases.computeIfAbsent(name, n -> new Phase(threads));
  }

  /** Calls completed so far, all threads. */
  public long calls() {
    return calls.get();
  }

  /**
   * Waits until {@code n} calls in all completed; fails if {@code max} passes first or a call
   * threw.
   */
  public void awaitCalls(long n, Duration max) {
    Await.value(n + " calls of the load have completed", max, calls::get, done -> {
      rethrowFailure(); // a call that threw fails now, not at the deadline
      return done >= n;
    });
  }

  /**
   * Stops the threads after their current call and waits for them; returns the calls each
   * thread made (thread {@code t} made calls {@code 0 .. result[t] - 1}). Fails if a call threw.
   */
  public synchronized long[] stop() throws InterruptedException {
    stopping = true;
    for (Thread w : workers) {
      w.join();
    }
    stopped = true;
    rethrowFailure();
    long[] out = new long[threads];
    for (int t = 0; t < threads; t++) {
      out[t] = perThread.get(t);
    }
    return out;
  }

  /**
   * One line per phase: calls, p50, p99, p99.9 and the longest call, in microseconds, such as
   * {@code "sink down: 4000 calls, p50 1.7 µs, p99 15.8 µs, p99.9 40.1 µs, max 700.2 µs"}. Call
   * it after {@link #stop()}: while the load runs the figures are only approximate.
   */
  public synchronized String report() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Phase> e : phases.entrySet()) {
      LatencyHistogram all = new LatencyHistogram();
      for (LatencyHistogram h : e.getValue().histograms) {
        h.addTo(all);
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(e.getKey()).append(": ");
      if (all.count() == 0) {
        sb.append("no calls");
      } else {
        sb.append(String.format("%d calls, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs",
            all.count(), all.percentile(0.50) / 1e3, all.percentile(0.99) / 1e3,
            all.percentile(0.999) / 1e3, all.max() / 1e3));
      }
    }
    return sb.toString();
  }

  /** Stops the load if the test has not (after a failed assertion, say). */
  @Override
  public synchronized void close() throws InterruptedException {
    if (!stopped) {
      stopping = true;
      for (Thread w : workers) {
        w.join();
      }
      stopped = true;
    }
  }

  private void rethrowFailure() {
    Throwable t = failure.get();
    if (t != null) {
      throw new AssertionError("a logging call of the load threw", t);
    }
  }

  /** One histogram per thread: each thread records only into its own. */
  private static final class Phase {
    final LatencyHistogram[] histograms;

    Phase(int threads) {
      histograms = new LatencyHistogram[threads];
      for (int t = 0; t < threads; t++) {
        histograms[t] = new LatencyHistogram();
      }
    }
  }
}
