package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.platformlogger.core.Environment;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * With opentelemetry-api on the classpath and the SDK creating real spans, an entry without a
 * trace id takes the current span's; {@code WithoutOpenTelemetryTest} runs core without the API.
 */
class CurrentSpanTest {
  private static SdkTracerProvider tracing;
  private static Tracer tracer;

  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  @BeforeAll
  static void startTracing() {
    // Without a span processor the SDK hands out invalid (no-op) spans: this one keeps nothing.
    tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(new SpanProcessor() {
              @Override
              public void onStart(Context parent, ReadWriteSpan span) {}

              @Override
              public boolean isStartRequired() {
                return false;
              }

              @Override
              public void onEnd(ReadableSpan span) {}

              @Override
              public boolean isEndRequired() {
                return false;
              }
            })
            .build();
    tracer = tracing.get("current-span-test");
  }

  @AfterAll
  static void stopTracing() {
    tracing.close();
  }

  private List<LogEntry> logged(java.util.function.Consumer<PlatformLogger> calls) {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p =
        pipelines.start(
            PlatformLoggerConfig.builder()
                .service("spans")
                .environment(Environment.DEVELOPMENT)
                .consoleEnabled(false)
                .shutdownHook(false),
            sink);
    calls.accept(PlatformLogger.on(p, "spans"));
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    return sink.entries();
  }

  @Test
  void theApiIsFoundOnce() {
    assertThat(CurrentSpan.available()).isTrue();
  }

  @Test
  void anEntryWithoutATraceIdTakesTheCurrentSpansIds() {
    Span span = tracer.spanBuilder("checkout").startSpan();
    List<LogEntry> entries;
    try (Scope s = span.makeCurrent()) {
      entries = logged(log -> log.info("inside the span"));
    } finally {
      span.end();
    }
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(span.getSpanContext().isValid()).as("a real span").isTrue();
      assertThat(e.traceId()).isEqualTo(span.getSpanContext().getTraceId()).hasSize(32);
      assertThat(e.spanId()).isEqualTo(span.getSpanContext().getSpanId()).hasSize(16);
    });
  }

  @Test
  void aNestedSpanGivesItsOwnSpanIdAndTheSameTraceId() {
    Span parent = tracer.spanBuilder("parent").startSpan();
    Span child;
    List<LogEntry> entries;
    try (Scope p = parent.makeCurrent()) {
      child = tracer.spanBuilder("child").startSpan();
      try (Scope c = child.makeCurrent()) {
        entries = logged(log -> log.info("in the child"));
      } finally {
        child.end();
      }
    } finally {
      parent.end();
    }
    assertThat(entries.get(0).traceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(entries.get(0).spanId()).isEqualTo(child.getSpanContext().getSpanId());
  }

  @Test
  void withoutACurrentSpanThereIsNoTraceId() {
    assertThat(logged(log -> log.info("no span"))).singleElement()
        .satisfies(e -> assertThat(e.traceId()).isNull());
  }

  @Test
  void aTraceIdFromLogContextWinsOverTheCurrentSpan() {
    Span span = tracer.spanBuilder("ignored").startSpan();
    List<LogEntry> entries;
    try (Scope s = span.makeCurrent();
        LogContext.Scope c = LogContext.with().traceId("from-context").spanId("ctx-span").open()) {
      entries = logged(log -> log.info("context wins"));
    } finally {
      span.end();
    }
    assertThat(entries.get(0).traceId()).isEqualTo("from-context");
    assertThat(entries.get(0).spanId()).isEqualTo("ctx-span");
  }

  @Test
  void aTraceIdBoundToTheLoggerFromHeadersWinsOverTheCurrentSpan() {
    Span span = tracer.spanBuilder("ignored").startSpan();
    List<LogEntry> entries;
    try (Scope s = span.makeCurrent()) {
      entries = logged(log -> log.withContext(LogContext.builder().traceId("from-headers").build()).info("bound wins"));
    } finally {
      span.end();
    }
    assertThat(entries.get(0).traceId()).isEqualTo("from-headers");
  }

  @Test
  void slf4jCallsTakeTheSpanToo() {
    Span span = tracer.spanBuilder("slf4j").startSpan();
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p =
        pipelines.start(
            PlatformLoggerConfig.builder().service("spans").consoleEnabled(false).shutdownHook(false), sink);
    LogPipeline previous = io.platformlogger.core.PlatformLoggers.install(p);
    try (Scope s = span.makeCurrent()) {
      LoggerFactory.getLogger("com.acme.Orders").info("via slf4j");
    } finally {
      io.platformlogger.core.PlatformLoggers.install(previous);
      span.end();
    }
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(sink.entries()).singleElement()
        .satisfies(e -> assertThat(e.traceId()).isEqualTo(span.getSpanContext().getTraceId()));
  }
}
