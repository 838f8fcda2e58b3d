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
 * <threads> <perThread> [rounds]}; the first rounds warm up, the last one is reported.
 */
public final class EndToEndThroughput {
  private EndToEndThroughput() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int perThread = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Backend backend = ServiceLoader.load(Backend.class).findFirst().orElseThrow();
    backend.start();
    String result = null;
    for (int round = 1; round <= rounds; round++) {
      result = round(backend, threads, perThread);
      System.out.println("round " + round + ": " + result);
    }
    long lost = backend.stop();
    System.out.printf("[throughput] %s threads=%d %s reported-lost=%s%n", backend.name(), threads, result, lost < 0 ? "n/a" : lost);
  }

  private static String round(Backend backend, int threads, int perThread) throws InterruptedException {
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
    return String.format(
        java.util.Locale.ROOT,
        "calls=%d delivered=%d (%.1f%%) calls/s=%.0f delivered/s=%.0f caller-thread-bytes/call=%.0f",
        total, delivered, 100.0 * delivered / total, total / ((callsDone - t0) / 1e9), delivered / seconds,
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
