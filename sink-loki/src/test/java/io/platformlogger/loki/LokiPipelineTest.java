package io.platformlogger.loki;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink inside a pipeline: Loki's refusals are isolated, counted and reported; outages retried. */
class LokiPipelineTest {
  @RegisterExtension static final LokiReceiver loki = new LokiReceiver();

  private static LogPipeline pipeline(LokiLogSink sink, ByteArrayOutputStream fallback) {
    return LogPipeline.builder()
        .config(
            PlatformLoggerConfig.builder()
                .service("loki-pipeline")
                .environment(Environment.DEVELOPMENT)
                .level(Level.INFO)
                .consoleEnabled(false)
                .shutdownHook(false)
                .retryInitialBackoff(Duration.ofMillis(5))
                .retryMaxBackoff(Duration.ofMillis(50))
                .build())
        .configuredSinks(false)
        .sink(sink)
        .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void entriesLokiRefusesAreIsolatedAndCountedWhileTheOthersArriveAfterAnOutage() throws Exception {
    // Loki's own line limit is lower than the sink was told: Loki answers 400 for the long line,
    // stores the rest of that request, and the pipeline's isolation re-sends them (kept once).
    try (LokiReceiver strict = new LokiReceiver(new LokiReceiver.Limits(2_000, 15, 1024, 2048,
        Duration.ofDays(7), Duration.ofMinutes(10), 64 * 1024, 128))) {
      strict.failNext(2, 503, null); // Loki restarting
      ByteArrayOutputStream fallback = new ByteArrayOutputStream();
      LokiLogSink sink = LokiLogSink.builder().url(strict.url()).tenantFromEntry(true).build();
      LogPipeline pipeline = pipeline(sink, fallback);
      LogPipeline previous = PlatformLoggers.install(pipeline);
      List<String> expected = new ArrayList<>();
      try {
        PlatformLogger log = PlatformLoggers.createLogger("shop");
        for (int i = 0; i < 40; i++) {
          if (i == 11) {
            log.info("n" + i + " " + "x".repeat(3_000)); // over Loki's limit: refused with 400
          } else if (i == 23) {
            try (LogContext.Scope s = LogContext.with().tenantId("acme/../root").open()) {
              log.info("n" + i); // a tenant Loki cannot take: refused before sending
            }
          } else {
            log.info("n" + i);
            expected.add("n" + i);
          }
        }
        assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();
        SinkStats stats = pipeline.stats().sink("loki");
        assertThat(stats.written()).isEqualTo(38);
        assertThat(stats.failed()).isEqualTo(2);
        assertThat(stats.retries()).isGreaterThanOrEqualTo(2);
        assertThat(sink.refusedByLoki()).isEqualTo(1);
      } finally {
        PlatformLoggers.install(previous);
        pipeline.close(Duration.ofSeconds(10));
      }
      assertThat(strict.entries()).extracting(LogEntry::message).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(fallback.toString(StandardCharsets.UTF_8))
          .contains("line_too_long")
          .contains("not a Loki tenant id");
    }
  }
}
