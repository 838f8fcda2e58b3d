package io.platformlogger.core.pipeline;

import io.platformlogger.core.Environment;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Duration;

/**
 * Run by {@link WithoutOpenTelemetryTest} in a JVM whose class path lacks every OpenTelemetry
 * jar: logs one entry through a pipeline and prints what the test checks, one {@code key=value}
 * per line.
 */
public final class NoOpenTelemetryMain {
  private NoOpenTelemetryMain() {}

  public static void main(String[] args) throws Exception {
    boolean absent;
    try {
      Class.forName("io.opentelemetry.api.trace.Span");
      absent = false;
    } catch (ClassNotFoundException e) {
      absent = true;
    }
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .service("no-otel")
                    .environment(Environment.DEVELOPMENT)
                    .consoleEnabled(false)
                    .shutdownHook(false)
                    .build())
            .configuredSinks(false)
            .sink(sink)
            .build();
    PlatformLogger.on(p, "no-otel").info("plain");
    boolean flushed = p.flush(Duration.ofSeconds(20));
    p.close(Duration.ofSeconds(5));
    LogEntry e = sink.entries().get(0);
    System.out.println("api-absent=" + absent);
    System.out.println("available=" + CurrentSpan.available());
    System.out.println("flushed=" + flushed);
    System.out.println("entries=" + sink.entries().size());
    System.out.println("trace-id=" + e.traceId());
    System.out.println("message=" + e.message());
  }
}
