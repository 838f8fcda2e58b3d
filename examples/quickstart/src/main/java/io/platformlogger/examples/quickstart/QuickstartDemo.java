package io.platformlogger.examples.quickstart;

import io.platformlogger.core.Environment;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.PipelineStats;
import io.platformlogger.core.pipeline.SinkStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The quick-start demo: a small simulated multi-tenant checkout service that logs through SLF4J
 * and {@link PlatformLogger} to the console sink, then prints the pipeline's own counters.
 */
public final class QuickstartDemo {
  private static final List<String> TENANTS = List.of("acme", "globex", "initech");

  private QuickstartDemo() {}

  public static void main(String[] args) {
    LogPipeline pipeline =
        PlatformLoggers.configure(
            PlatformLoggerConfig.builder()
                .service("checkout")
                .environment(Environment.DEVELOPMENT)
                .version("1.0.0")
                .consoleEnabled(true)
                .build());
    run(new Random(42));
    pipeline.flush(Duration.ofSeconds(10));
    printStats(pipeline.stats());
    PlatformLoggers.shutdown();
  }

  static void run(Random random) {
    Logger slf4j = LoggerFactory.getLogger(QuickstartDemo.class);
    slf4j.info("checkout service starting with {} tenants", TENANTS.size());

    for (int i = 0; i < 9; i++) {
      String tenant = TENANTS.get(i % TENANTS.size());
      Map<String, String> headers =
          Map.of(
              "X-Tenant-Id", "t-" + tenant,
              "X-User-Id", "u-" + (100 + random.nextInt(900)),
              "X-Request-Id", "req-" + i,
              "traceparent", String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong() | 1));
      PlatformLogger log = PlatformLoggers.createRequestLogger("checkout", headers);
      String orderId = "ord_" + Integer.toString(1000 + i, 36);
      log.info("order {} received", orderId, Map.of("items", 1 + random.nextInt(5)));
      try (LogContext.Scope s = LogContext.with().put("cart_id", "cart-" + i).open()) {
        MDC.put("payment_provider", i % 2 == 0 ? "stripe" : "adyen");
        slf4j.atDebug().addKeyValue("order_id", orderId).log("charging card");
        if (i % 4 == 3) {
          Exception failure = new IllegalStateException("card declined for order " + orderId);
          log.atError().cause(failure).errorCode("PAY-402").action("charge").with("order_id", orderId)
              .log("payment failed");
        } else {
          log.atInfo().eventType("order.placed").action("charge").with("order_id", orderId)
              .with("amount", BigDecimal.valueOf(1000 + random.nextInt(9000), 2)).log("order placed");
        }
        MDC.remove("payment_provider");
      }
    }
    slf4j.warn("inventory cache is {}% full", 91);
  }

  static void printStats(PipelineStats stats) {
    System.out.println();
    System.out.println("pipeline counters: enqueued=" + stats.enqueued() + " shed=" + stats.shed()
        + " rate_limited=" + stats.rateLimited());
    for (SinkStats s : stats.sinks()) {
      System.out.println("  sink " + s.name() + ": written=" + s.written() + " retries=" + s.retries()
          + " failed=" + s.failed() + " shed=" + s.shed());
    }
  }
}
