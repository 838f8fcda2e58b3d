package io.platformlogger.benchmarks.support;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry the sink throughput benchmarks send (~600 B as JSON): an order placed, with a message,
 * 3 data values and every context field set (service, environment, version, instance, tenant, user,
 * request, trace, span, logger, thread). Built by a benchmark's setup before it times anything.
 */
public final class OrderEntry {
  private OrderEntry() {}

  /** Entry i (order 100 000 + i, user i mod 97, tenant i mod 13), stamped now. */
  public static LogEntry of(int i, Level level) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("order_id", 100_000L + i);
    data.put("amount", 42.5);
    data.put("currency", "EUR");
    return LogEntry.builder()
        .timestamp(Instant.now())
        .level(level)
        .message("order " + (100_000 + i) + " placed by user u-" + (i % 97))
        .data(data)
        .service("checkout")
        .environment(Environment.PRODUCTION)
        .version("1.4.2")
        .instanceId("checkout-7f9c")
        .tenantId("t-" + (i % 13))
        .userId("u-" + (i % 97))
        .requestId("r-" + i)
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .spanId("00f067aa0ba902b7")
        .loggerName("com.acme.checkout.OrderService")
        .threadName("http-nio-8080-exec-3")
        .build();
  }
}
