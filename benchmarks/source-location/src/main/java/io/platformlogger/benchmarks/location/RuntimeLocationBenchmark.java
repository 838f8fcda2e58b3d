package io.platformlogger.benchmarks.location;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ours with the opt-in runtime caller lookup ({@code location.runtime=true}): the same calls as
 * {@link SourceLocationBenchmark#oursWithoutLocation} (a class the processor leaves alone), so each
 * call walks the stack for its site. Run in the same JMH command as {@link SourceLocationBenchmark},
 * whose Log4j 2 {@code includeLocation=true} and compile-time rows are the anchors (each benchmark
 * gets its own JVM either way; this one needs its own pipeline installed process-wide).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dslf4j.provider=io.platformlogger.core.slf4j.PlatformSlf4jServiceProvider"})
@State(Scope.Benchmark)
public class RuntimeLocationBenchmark {
  private static final Object USER = "u-42";
  private OursState ours;

  @Setup
  public void setUp() {
    ours = new OursState(true);
  }

  @TearDown(Level.Invocation)
  public void drain() {
    ours.drain();
  }

  @TearDown
  public void tearDown() {
    ours.close();
  }

  @Benchmark
  @OperationsPerInvocation(SourceLocationBenchmark.BATCH)
  public void oursRuntimeLocation() {
    NoLocationCalls.log(ours.logger, SourceLocationBenchmark.BATCH, USER);
  }
}
