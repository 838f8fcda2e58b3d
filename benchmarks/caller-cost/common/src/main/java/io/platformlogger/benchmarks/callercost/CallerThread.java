package io.platformlogger.benchmarks.callercost;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.MDC;

/** One application thread: its MDC (tenant, user, request) and a running order number. */
@State(Scope.Thread)
public class CallerThread {
  private static final List<CallerThread> ALL = new CopyOnWriteArrayList<>();

  public final String user = "u-8f3K2";
  public long counter;

  /** Calls made by every thread so far; read between iterations, when the threads are parked. */
  static long totalCalls() {
    long n = 0;
    for (CallerThread t : ALL) {
      n += t.counter;
    }
    return n;
  }

  @Setup(Level.Trial)
  public void openContext() {
    ALL.add(this);
    MDC.put("tenant_id", "t-acme");
    MDC.put("user_id", user);
    MDC.put("request_id", "req-" + Thread.currentThread().getId());
  }

  @TearDown(Level.Trial)
  public void closeContext() {
    MDC.clear();
  }

  public long next() {
    return ++counter;
  }
}
