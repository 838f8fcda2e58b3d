package io.platformlogger.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK logs its export failures through java.util.logging. An application that
 * bridges JUL to SLF4J (as jul-to-slf4j does; a three-line handler stands in for it here) sends
 * those records into our pipeline: they must go to the fallback output, never to the OTLP sink
 * whose failure they describe, or a failing export would log, be exported, fail and log again.
 */
class SdkLoggingLoopTest {

  @Test
  void theExportersOwnLoggingNeverReachesTheCollectorOnlyTheFallback() throws Exception {
    Logger otel = Logger.getLogger("io.opentelemetry");
    Handler bridge = new Handler() {
      @Override
      public void publish(LogRecord r) {
        LoggerFactory.getLogger(r.getLoggerName()).warn(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    otel.addHandler(bridge);
    try (OtlpReceiver otlp = new OtlpReceiver()) {
      otlp.failNext(3, 503);
      ByteArrayOutputStream fallback = new ByteArrayOutputStream();
      LogPipeline pipeline =
          LogPipeline.builder()
              .config(
                  PlatformLoggerConfig.builder()
                      .service("loop-test")
                      .environment(Environment.DEVELOPMENT)
                      .level(Level.INFO)
                      .consoleEnabled(false)
                      .shutdownHook(false)
                      .retryInitialBackoff(Duration.ofMillis(5))
                      .retryMaxBackoff(Duration.ofMillis(20))
                      .build())
              .configuredSinks(false)
              .sink(OtlpLogSink.builder().endpoint(otlp.url()).build())
              .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
              .build();
      LogPipeline previous = PlatformLoggers.install(pipeline);
      try {
        org.slf4j.Logger app = LoggerFactory.getLogger("com.acme.Orders");
        for (int i = 0; i < 20; i++) {
          app.info("order {} placed", i);
        }
        assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();
      } finally {
        PlatformLoggers.install(previous);
        pipeline.close(Duration.ofSeconds(10));
      }
      assertThat(otlp.records()).hasSize(20).allSatisfy(r -> assertThat(r.scope().getName()).isEqualTo("com.acme.Orders"));
      // The SDK did log the failed exports, and it went to standard error's stand-in.
      assertThat(fallback.toString(StandardCharsets.UTF_8)).contains("Failed to export");
    } finally {
      otel.removeHandler(bridge);
    }
  }
}
