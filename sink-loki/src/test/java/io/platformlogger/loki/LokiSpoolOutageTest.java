package io.platformlogger.loki;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.testkit.DrillResult;
import io.platformlogger.testkit.OutageDrill;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable spool against a Loki outage: the receiver drops every connection unanswered (as a
 * Loki that went away does) under a steady load from four threads, then answers again. No caller
 * waits for Loki (caller latency per phase is printed, not asserted), and afterwards every entry
 * is in Loki. With {@value OutageDrill#SOAK_SECONDS_PROPERTY} set (the {@code soak} profile), the
 * outage repeats for that long.
 */
class LokiSpoolOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path tmp;

  @Test
  void lokiGoneUnderLoadBlocksNoCallerAndEveryEntryArrivesAfterItsReturn() throws Exception {
    OutageDrill drill = OutageDrill.fromSystemProperties(1500);
    Duration wait = drill.isSoak() ? WAIT.plus(drill.soakDuration()) : WAIT;
    ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    try (LokiReceiver loki = new LokiReceiver()) {
      LokiLogSink sink = LokiLogSink.builder().url(loki.url()).requestTimeout(Duration.ofSeconds(2)).build();
      LogPipeline p = LogPipeline.builder()
          .config(PlatformLoggerConfig.builder()
              .service("loki-spool-outage")
              .consoleEnabled(false)
              .shutdownHook(false)
              .spoolEnabled(true)
              .spoolDir(tmp.resolve("spool"))
              .retryInitialBackoff(Duration.ofMillis(20))
              .retryMaxBackoff(Duration.ofMillis(500))
              .build())
          .configuredSinks(false)
          .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
          .sink(sink)
          .build();
      PlatformLogger log = PlatformLogger.on(p, "com.acme.Load");
      AtomicLong waitingWhileDown = new AtomicLong();
      Duration pause = Duration.ofNanos(drill.isSoak() ? 1_000_000 : 500_000);
      DrillResult run =
          drill.runUnderLoad(4, pause, (t, i) -> log.info("t{} n{}", t, i),
              OutageDrill.ofServer(p, "loki", loki::down, loki::up, waitingWhileDown));
      assertThat(p.flush(wait)).as("delivered after Loki came back; stderr: %s", fallback).isTrue();
      p.close();
      SinkStats stats = p.stats().sink("loki");

      Set<String> stored = new HashSet<>();
      for (LogEntry e : loki.entries()) {
        stored.add(e.message());
      }
      List<String> lost = new ArrayList<>();
      for (int t = 0; t < run.threads(); t++) {
        for (long i = 0; i < run.calls(t); i++) {
          if (!stored.contains("t" + t + " n" + i)) {
            lost.add("t" + t + " n" + i);
          }
        }
      }
      System.out.println("Loki gone under load (" + drill + ", " + run.outages() + " outage(s)), 4 threads, spool on — caller latency:");
      run.latency().lines().forEach(l -> System.out.println("  " + l));
      System.out.println("  entries " + run.calls() + ", lines in Loki " + loki.stored().size() + "; sink retries "
          + stats.retries() + ", most spool bytes waiting while down " + waitingWhileDown.get());

      assertThat(lost).as("entries missing from Loki").isEmpty();
      assertThat(loki.stored()).hasSize((int) run.calls());
      assertThat(stats.retries()).as("the outage reached the sink").isPositive();
      assertThat(waitingWhileDown.get()).as("entries waited in the spool while Loki was gone").isPositive();
      assertThat(p.stats().shed()).isZero();
      assertThat(stats.failed()).isZero();
    }
  }
}
