package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.internal.EntryBuilds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What redaction adds to building an entry on the dispatcher thread: the pipeline's entry factory
 * with {@code redact.enabled} off and on, in the same run (JMH runs each {@code redaction} value
 * in its own fork). The factory is package-private; this reaches it through {@link EntryBuilds},
 * core's supported path for our benchmarks (docs/api-boundary.md), configured as a pipeline would
 * configure it.
 *
 * <ul>
 *   <li>{@code typical}: the caller-cost call ("order {} placed by {}", 2 arguments, 3 data fields,
 *       a context with tenant, user and request): no secret, the case that must stay cheap;
 *   <li>{@code longText}: a 1 KB message and value with no secret and none of the chars the
 *       pre-scan looks for;
 *   <li>{@code longProse}: a 1 KB message and value as services write them (capitals, digits,
 *       {@code key=value} pairs, colons), no secret;
 *   <li>{@code withSecrets}: a {@code password=} in the message and an {@code api_key} in data;
 *   <li>{@code longProseFreshValue}: {@code longProse} with its value a new String instance each
 *       build, as a value made per call is (the redactor remembers long clean values by identity).
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/caller-cost/platform-logger/target/benchmarks.jar EntryBuildCost}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class EntryBuildCost {
  @Param({"off", "on"})
  public String redaction;

  private EntryBuilds.Factory factory;
  private LogCall typical;
  private LogCall longText;
  private LogCall longProse;
  private LogCall withSecrets;
  private LogCall longProseFreshValue;
  private String prose;

  @Setup
  public void setUp() {
    factory = EntryBuilds.factory(checkout().redactEnabled(redaction.equals("on")).build());
    try (LogContext.Scope s =
        LogContext.with().tenantId("t-acme").userId("u-8f3K2").requestId("req-1f9c2a").open()) {
      typical = event("order {} placed by {}", 184_467L, "u-8f3K2");
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("order_id", 184_467L);
      data.put("amount", 42.5);
      data.put("currency", "EUR");
      typical.data(data);

      String text = "shipment batch ".repeat(70); // 1050 chars, digits and separators absent
      longText = event(text + "{}", "done");
      longText.data(Map.of("note", text));

      // A long text as services write it: capitals, digits, key=value pairs and colons, no secret.
      prose =
          ("GET /api/v1/orders?page=2&size=50 completed: status=200 duration=153ms user=u-8f3K2 "
              + "items=[A-1001, B-2002] Note: IAM role lookup for JSON body took 12 ms; Batch 7 of 9. ").repeat(6);
      longProse = event(prose + "{}", "done");
      longProse.data(Map.of("note", prose));
      longProseFreshValue = event(prose + "{}", "done");

      withSecrets = event("login for {} failed: password=hunter2 rejected", "u-8f3K2");
      withSecrets.data(Map.of("api_key", "k-123", "attempt", 3));
    }
  }

  /** The service every entry-building benchmark logs as (production, the default limits). */
  static PlatformLoggerConfig.Builder checkout() {
    return PlatformLoggerConfig.builder()
        .service("checkout")
        .environment(Environment.PRODUCTION)
        .version("1.4.2")
        .region("eu-west-1")
        .instanceId("pod-7");
  }

  private static LogCall event(String template, Object... args) {
    return EntryBuilds.capture(Level.INFO, "io.acme.checkout.OrderService", Instant.now()).message(template, args);
  }

  @Benchmark
  public LogEntry typical() {
    return factory.build(typical);
  }

  @Benchmark
  public LogEntry longText() {
    return factory.build(longText);
  }

  @Benchmark
  public LogEntry longProse() {
    return factory.build(longProse);
  }

  @Benchmark
  public LogEntry withSecrets() {
    return factory.build(withSecrets);
  }

  @Benchmark
  public LogEntry longProseFreshValue() {
    return factory.build(longProseFreshValue.data(Map.of("note", new String(prose))));
  }
}
