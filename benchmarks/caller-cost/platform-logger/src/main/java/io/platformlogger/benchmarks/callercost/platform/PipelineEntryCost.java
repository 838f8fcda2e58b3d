package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.internal.EntryBuilds;
import io.platformlogger.core.json.JsonLinesWriter;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.Level;
import java.io.IOException;
import java.io.OutputStream;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the pipeline pays per entry behind the caller, in time and bytes allocated (run with {@code
 * -prof gc}): building the caller-cost entry on the dispatcher thread ({@code build}), encoding a
 * built entry to JSON bytes ({@code encode}: what the spool keeps for every sink), and both as a
 * JSON Lines sink sees them with the spool off ({@code buildAndWriteLine}) and on ({@code
 * buildAndEncode}). The entry is the caller-cost call: "order {} placed by {}" with 2 arguments,
 * 3 data fields and a context with tenant, user and request (redaction off, as in production
 * settings without secrets configured).
 *
 * <p>Run: {@code java -jar benchmarks/caller-cost/platform-logger/target/benchmarks.jar
 * PipelineEntryCost -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PipelineEntryCost {
  private EntryBuilds.Factory factory;
  private LogCall call;
  private LogEntry built;
  private JsonLinesWriter lines;

  @Setup
  public void setUp() {
    factory = EntryBuilds.factory(EntryBuildCost.checkout().redactEnabled(false).build());
    try (LogContext.Scope s =
        LogContext.with().tenantId("t-acme").userId("u-8f3K2").requestId("req-1f9c2a").open()) {
      call =
          EntryBuilds.capture(Level.INFO, "io.acme.checkout.OrderService", Instant.now())
              .message("order {} placed by {}", 184_467L, "u-8f3K2");
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("order_id", 184_467L);
      data.put("amount", 42.5);
      data.put("currency", "EUR");
      call.data(data);
    }
    built = factory.build(call);
    lines = LogEntryJson.linesWriter(OutputStream.nullOutputStream());
  }

  @Benchmark
  public LogEntry build() {
    return factory.build(call);
  }

  @Benchmark
  public byte[] encode() {
    return LogEntryJson.encodeBytes(built);
  }

  @Benchmark
  public LogEntry buildAndWriteLine() throws IOException {
    LogEntry e = factory.build(call);
    lines.write(e);
    return e;
  }

  @Benchmark
  public byte[] buildAndEncode() {
    return LogEntryJson.encodeBytes(factory.build(call));
  }
}
