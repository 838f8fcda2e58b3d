package io.platformlogger.benchmarks.callercost;

import java.lang.management.ManagementFactory;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end throughput: {@code threads} application threads log {@code perThread} entries each,
 * as fast as they can, through the same SLF4J call as {@link Slf4jCallerCost#slf4jInfo}; the run
 * ends when every entry has reached the discarding output or none has arrived for a second.
 * Prints delivered entries per second (first call to last delivery) and how many never arrived.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.platformlogger.benchmarks.callercost.EndToEndThroughput
 * <threads> <perThread> [rounds]}; every round is printed, the first {@code max(1, rounds / 3)}
 * are warm-up, and the {@code [throughput]} line reports the <em>median</em> of the others (with
 * their range): one round is too noisy to stand for a library (a run that sheds most of its
 * entries measures a window of a few tenths of a second, dominated by when the JIT and the
 * shedding kick in).
 */
public final class EndToEndThroughput {
  private EndToEndThroughput() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int perThread = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Backend backend = ServiceLoader.load(Backend.class).findFirst().orElseThrow();
    backend.start();
    int warmup = rounds < 2 ? 0 : Math.max(1, rounds / 3);
    java.util.List<Round> measured = new java.util.ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Round r = round(backend, threads, perThread);
      System.out.println("round " + round + (round <= warmup ? " (warm-up)" : "") + ": " + r);
      if (round > warmup) {
        measured.add(r);
      }
    }
    // CPU per delivered entry, per thread, over every round (warm-up included): what each stage
    // costs, whatever share of the machine the run got (other processes, the callers' spinning).
    String cpu = pipelineCpu(backend.delivered());
    long lost = backend.stop();
    System.out.printf(java.util.Locale.ROOT,
        "[throughput] %s threads=%d rounds=%d median: delivered/s=%.0f (%.0f..%.0f) delivered=%.1f%% calls/s=%.0f"
            + " caller-thread-bytes/call=%.0f reported-lost=%s%n",
        backend.name(), threads, measured.size(),
        median(measured, Round::deliveredPerSecond), min(measured, Round::deliveredPerSecond),
        max(measured, Round::deliveredPerSecond), median(measured, Round::deliveredPercent),
        median(measured, Round::callsPerSecond), median(measured, Round::callerBytesPerCall),
        lost < 0 ? "n/a" : lost);
    System.out.println("[cpu] " + backend.name() + " threads=" + threads + " ns/delivered entry (all rounds): " + cpu
        + " callers=" + String.format(java.util.Locale.ROOT, "%.0f", (double) CALLER_CPU.get() / backend.delivered()));
  }

  /** CPU ns the calling threads used, all rounds (each adds its own as it ends). */
  private static final AtomicLong CALLER_CPU = new AtomicLong();

  /**
   * The three busiest live threads besides this one (the library's: our dispatcher and sink
   * worker, Log4j 2's ring consumer, Logback's async worker; the callers have ended), as CPU ns
   * per delivered entry.
   */
  private static String pipelineCpu(long delivered) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.List<String> rows = new java.util.ArrayList<>();
    Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t != Thread.currentThread())
        .map(t -> java.util.Map.entry(t.getName(), mx.getThreadCpuTime(t.getId())))
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(3)
        .forEach(e -> rows.add(e.getKey() + "=" + e.getValue() / Math.max(1, delivered)));
    return String.join(" ", rows);
  }

  /** One round's figures. */
  record Round(long calls, long delivered, double callsPerSecond, double deliveredPerSecond, double callerBytesPerCall) {
    double deliveredPercent() {
      return 100.0 * delivered / calls;
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "calls=%d delivered=%d (%.1f%%) calls/s=%.0f delivered/s=%.0f caller-thread-bytes/call=%.0f",
          calls, delivered, deliveredPercent(), callsPerSecond, deliveredPerSecond, callerBytesPerCall);
    }
  }

  static double median(java.util.List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    int n = v.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double min(java.util.List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    return rounds.stream().mapToDouble(f).min().orElse(Double.NaN);
  }

  private static double max(java.util.List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    return rounds.stream().mapToDouble(f).max().orElse(Double.NaN);
  }

  private static Round round(Backend backend, int threads, int perThread) throws InterruptedException {
    long before = backend.delivered();
    long total = (long) threads * perThread;
    CountDownLatch start = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    AtomicLong callerBytes = new AtomicLong();
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                CallerThread caller = new CallerThread();
                caller.openContext();
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                long allocatedBefore = allocatedByThisThread();
                for (int i = 0; i < perThread; i++) {
                  long order = caller.next();
                  Slf4jCallerCost.LOG.atInfo()
                      .addKeyValue("order_id", order)
                      .addKeyValue("amount", 42.5)
                      .addKeyValue("currency", "EUR")
                      .log("order {} placed by {}", order, caller.user);
                }
                callerBytes.addAndGet(allocatedByThisThread() - allocatedBefore);
                CALLER_CPU.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                caller.closeContext();
              },
              "app-" + t);
      workers[t].start();
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    long callsDone = System.nanoTime();
    long last = before;
    long lastChange = System.nanoTime();
    long lastDelivery = callsDone;
    while (true) {
      long now = backend.delivered();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
        lastDelivery = lastChange;
      }
      if (now - before >= total || System.nanoTime() - lastChange > 1_000_000_000L) {
        break;
      }
      LockSupport.parkNanos(200_000);
    }
    long delivered = last - before;
    double seconds = (lastDelivery - t0) / 1e9;
    return new Round(total, delivered, total / ((callsDone - t0) / 1e9), delivered / seconds,
        (double) callerBytes.get() / total);
  }

  /**
   * Bytes this thread has allocated so far (HotSpot's per-thread counter): what a call costs the
   * application thread itself, whereas JMH's gc.alloc.rate.norm counts every thread of the JVM.
   */
  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }
}
