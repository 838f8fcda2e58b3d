package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.benchmarks.callercost.Slf4jCallerCost;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.pipeline.LogPipeline;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our pipeline in production settings (INFO, console off) with one sink that encodes to JSON and
 * discards; the SLF4J calls come from {@link Slf4jCallerCost}, plus the same call through {@link
 * PlatformLogger}.
 */
public class PlatformLoggerCallerCost extends Slf4jCallerCost {
  private DiscardingJsonSink sink;
  private LogPipeline pipeline;
  private PlatformLogger platformLog;

  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void startPipeline() {
    sink = new DiscardingJsonSink();
    pipeline = DiscardingJsonSink.installPipeline(sink);
    platformLog = PlatformLoggers.createLogger("checkout").named("io.acme.checkout.OrderService");
  }

  @TearDown(org.openjdk.jmh.annotations.Level.Trial)
  public void stopPipeline() {
    pipeline.close(Duration.ofSeconds(30));
    System.out.println("[pipeline] " + pipeline.stats());
  }

  @Override
  protected long delivered() {
    return sink.entries();
  }

  /** Our own API, same content: 2 parameters, 3 data fields, inside an open context scope. */
  @Benchmark
  public void platformLoggerInfo(ScopedThread thread) {
    long order = thread.next();
    platformLog
        .atInfo()
        .with("order_id", order)
        .with("amount", 42.5)
        .with("currency", "EUR")
        .log("order {} placed by {}", order, thread.user);
    Blackhole.consumeCPU(pauseTokens);
  }

  @Benchmark
  public void platformLoggerDisabled(ScopedThread thread) {
    platformLog.debug("order {} placed by {}", thread.counter, thread.user);
  }

  /** An application thread with a {@link LogContext} scope open for the whole run. */
  @State(Scope.Thread)
  public static class ScopedThread {
    public final String user = "u-8f3K2";
    public long counter;
    private LogContext.Scope scope;

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void open() {
      scope =
          LogContext.with()
              .tenantId("t-acme")
              .userId(user)
              .requestId("req-" + Thread.currentThread().getId())
              .open();
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void close() {
      scope.close();
    }

    long next() {
      return ++counter;
    }
  }
}
