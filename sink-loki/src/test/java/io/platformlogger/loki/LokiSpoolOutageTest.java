package io.platformlogger.loki;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.testkit.DrillResult;
import io.platformlogger.testkit.OutageDrill;
import io.platformlogger.testkit.SpoolOutageRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
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
    try (LokiReceiver loki = new LokiReceiver()) {
      LokiLogSink sink = LokiLogSink.builder().url(loki.url()).requestTimeout(Duration.ofSeconds(2)).build();
      SpoolOutageRun run = SpoolOutageRun.start(
          PlatformLoggerConfig.builder().service("loki-spool-outage"), tmp.resolve("spool"), sink);
      Duration pause = Duration.ofNanos(drill.isSoak() ? 1_000_000 : 500_000);
      DrillResult result = run.drill(drill, pause, run.ofServer(loki::down, loki::up));
      SinkStats stats = run.drain(WAIT);

      Set<String> stored = new HashSet<>();
      for (LogEntry e : loki.entries()) {
        stored.add(e.message());
      }
      run.report("Loki gone", result,
          "entries " + result.calls() + ", lines in Loki " + loki.stored().size() + "; sink retries " + stats.retries());

      assertThat(SpoolOutageRun.missing(result, stored::contains)).as("entries missing from Loki").isEmpty();
      assertThat(loki.stored()).hasSize((int) result.calls());
      assertThat(stats.retries()).as("the outage reached the sink").isPositive();
      run.assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(stats);
    }
  }
}
