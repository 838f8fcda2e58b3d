package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.JsonLinesWriter;
import io.platformlogger.core.json.LogEntryJson;
import java.io.IOException;
import java.io.OutputStream;
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
  /** The caller-cost call and the factory, as {@link EntryBuildCost} (redaction off) sets them up. */
  private EntryBuildCost entries;
  private LogEntry built;
  private JsonLinesWriter lines;

  @Setup
  public void setUp() {
    entries = new EntryBuildCost();
    entries.redaction = "off";
    entries.setUp();
    built = entries.typical();
    lines = LogEntryJson.linesWriter(OutputStream.nullOutputStream());
  }

  @Benchmark
  public LogEntry build() {
    return entries.typical();
  }

  @Benchmark
  public byte[] encode() {
    return LogEntryJson.encodeBytes(built);
  }

  @Benchmark
  public LogEntry buildAndWriteLine() throws IOException {
    LogEntry e = entries.typical();
    lines.write(e);
    return e;
  }

  @Benchmark
  public byte[] buildAndEncode() {
    return LogEntryJson.encodeBytes(entries.typical());
  }
}
