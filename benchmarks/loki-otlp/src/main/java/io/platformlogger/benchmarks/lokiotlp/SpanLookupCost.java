package io.platformlogger.benchmarks.lokiotlp;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.pipeline.LogPipeline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the current-span lookup adds to a logging call on the caller's thread: the capture of a
 * call ({@link LogPipeline#capture}, the logging API's seam; the caller's share of every call:
 * thread name, {@code LogContext}, and now the span) with opentelemetry-api and the SDK on the
 * classpath. The pipeline's clock is fixed, so reading it costs next to nothing, as the fixed
 * instant this benchmark passed before the seam,
 *
 * <ul>
 *   <li>{@code contextHasTraceId} (anchor): the thread's LogContext has a trace id, so no lookup
 *       happens: the cost of a call before this feature;
 *   <li>{@code noCurrentSpan}: no trace id and no span current: the lookup finds the invalid span;
 *   <li>{@code currentSpan}: a real SDK span is current: the lookup copies its two ids.
 * </ul>
 *
 * Without opentelemetry-api on the classpath the lookup is one read of a false static field.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpanLookupCost {
  private static final Instant NOW = Instant.now();

  /** Only captures: no call is submitted, so nothing is built or delivered. */
  private static final LogPipeline PIPELINE =
      LogPipeline.builder().configuredSinks(false).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  /** The thread's LogContext holds a trace id for the whole run: no lookup happens. */
  @State(Scope.Thread)
  public static class TraceInContext {
    LogContext.Scope scope;

    @Setup
    public void open() {
      scope = LogContext.with().traceId("4bf92f3577b34da6a3ce929d0e0e4736").requestId("r-1").open();
    }

    @TearDown
    public void close() {
      scope.close();
    }
  }

  /** A LogContext without a trace id and no span current. */
  @State(Scope.Thread)
  public static class NoSpan {
    LogContext.Scope scope;

    @Setup
    public void open() {
      scope = LogContext.with().requestId("r-1").open();
    }

    @TearDown
    public void close() {
      scope.close();
    }
  }

  /** A LogContext without a trace id, and a real SDK span current on the benchmark thread. */
  @State(Scope.Thread)
  public static class WithSpan {
    SdkTracerProvider tracing;
    Span span;
    io.opentelemetry.context.Scope current;
    LogContext.Scope scope;

    @Setup
    public void open() {
      tracing =
          SdkTracerProvider.builder()
              .addSpanProcessor(new SpanProcessor() {
                @Override
                public void onStart(Context parent, ReadWriteSpan s) {}

                @Override
                public boolean isStartRequired() {
                  return false;
                }

                @Override
                public void onEnd(ReadableSpan s) {}

                @Override
                public boolean isEndRequired() {
                  return false;
                }
              })
              .build();
      span = tracing.get("bench").spanBuilder("request").startSpan();
      current = span.makeCurrent();
      scope = LogContext.with().requestId("r-1").open();
    }

    @TearDown
    public void close() {
      scope.close();
      current.close();
      span.end();
      tracing.close();
    }
  }

  @Benchmark
  public LogCall contextHasTraceId(TraceInContext state) {
    return PIPELINE.capture(Level.INFO, "bench");
  }

  @Benchmark
  public LogCall noCurrentSpan(NoSpan state) {
    return PIPELINE.capture(Level.INFO, "bench");
  }

  @Benchmark
  public LogCall currentSpan(WithSpan state) {
    return PIPELINE.capture(Level.INFO, "bench");
  }
}
