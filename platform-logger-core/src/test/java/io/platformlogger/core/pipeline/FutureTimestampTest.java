package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.ConfigLoader;
import io.platformlogger.core.config.ConfigurationException;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.sink.FutureSkew;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event handed to the pipeline with its own time (SLF4J's replay, {@code LogPipeline.submit})
 * dated further ahead of the pipeline's clock than {@code limits.future-skew} is clamped when its
 * entry is built, and says so.
 */
class FutureTimestampTest {
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  /*
   * The pipeline's clock, far from the real one: entry ids carry an entry's time when it is within
   * a day of the real clock and never go back, so times near today would drag the ids of every
   * later test in this JVM ahead (LogEntryTest checks them).
   */
  private static final Instant NOW = Instant.parse("2001-03-06T12:25:00Z");

  private LogPipeline start(PlatformLoggerConfig.Builder config, RecordingSink sink) {
    return pipelines.build(
        pipelines.builder(config.service("svc").consoleEnabled(false).shutdownHook(false).spoolEnabled(false))
            .sink(sink)
            .clock(new ManualClock(NOW.toEpochMilli())));
  }

  private static LogEvent at(Instant time, String message) {
    return new LogEvent(Level.INFO, "com.acme.Replayed", time, "main", LogContext.empty()).message(message);
  }

  private static List<LogEntry> entries(LogPipeline p, RecordingSink sink) {
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    return sink.entries();
  }

  @Test
  void anEntryDatedFarAheadIsMovedToTheHourPlusADayMarkedAndKeepsItsOwnTime() {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = start(PlatformLoggerConfig.builder(), sink);
    p.submit(at(Instant.parse("2099-01-01T00:00:00Z"), "forged"));
    p.submit(at(NOW.plus(Duration.ofHours(20)), "within a day"));
    p.submit(at(NOW.plus(Duration.ofDays(1)), "exactly a day ahead"));
    PlatformLogger.on(p, "svc").info("now");

    List<LogEntry> e = entries(p, sink);
    assertThat(e).extracting(LogEntry::message).containsExactly("forged", "within a day", "exactly a day ahead", "now");
    LogEntry forged = e.get(0);
    assertThat(forged.timestamp()).isEqualTo(Instant.parse("2001-03-07T12:00:00Z"));
    assertThat(forged.sanitized()).containsExactly(FutureSkew.MARKER);
    assertThat(forged.data()).containsEntry(FutureSkew.ORIGINAL, "2099-01-01T00:00:00Z");
    assertThat(e.subList(1, 4)).extracting(LogEntry::timestamp)
        .containsExactly(NOW.plus(Duration.ofHours(20)), NOW.plus(Duration.ofDays(1)), NOW);
    assertThat(e.subList(1, 4)).allSatisfy(x -> {
      assertThat(x.sanitized()).doesNotContain(FutureSkew.MARKER);
      assertThat(x.data()).doesNotContainKey(FutureSkew.ORIGINAL);
    });
  }

  @Test
  void theSkewIsConfiguredWithLimitsFutureSkewAndKeepsTheEntrysOtherData() {
    RecordingSink sink = new RecordingSink("rec");
    PlatformLoggerConfig.Builder config = PlatformLoggerConfig.builder();
    ConfigLoader.apply(config, "limits.future-skew", "2h", "test");
    LogPipeline p = start(config, sink);
    LogEvent skewed = at(NOW.plus(Duration.ofHours(3)), "three hours ahead");
    skewed.data(java.util.Map.of("order_id", 7L));
    p.submit(skewed);
    p.submit(at(NOW.plus(Duration.ofMinutes(90)), "ninety minutes ahead"));

    List<LogEntry> e = entries(p, sink);
    assertThat(e.get(0).timestamp()).isEqualTo(Instant.parse("2001-03-06T14:00:00Z"));
    assertThat(e.get(0).data()).containsEntry("order_id", 7L)
        .containsEntry(FutureSkew.ORIGINAL, NOW.plus(Duration.ofHours(3)).toString());
    assertThat(e.get(1).timestamp()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
  }

  @Test
  void aSkewOutsideOneMinuteTo400DaysIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().futureSkew(Duration.ZERO).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("limits.future-skew")
        .hasMessageContaining("a duration from PT1M");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().futureSkew(Duration.ofDays(401)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("limits.future-skew");
    assertThatThrownBy(() -> ConfigLoader.apply(PlatformLoggerConfig.builder(), "limits.future-skew", "soon", "test"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("limits.future-skew");
    assertThat(PlatformLoggerConfig.builder().build().futureSkew()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aTimestampNearTheEndOfTimeIsClampedToo() {
    LogEntry last = LogEntry.builder().timestamp(Instant.MAX).level(Level.INFO).message("forged").build();
    LogEntry clamped = new FutureSkew(Duration.ofDays(1)).clamp(last, NOW.toEpochMilli());
    assertThat(clamped.timestamp()).isEqualTo(Instant.parse("2001-03-07T12:00:00Z"));
    assertThat(clamped.data()).containsEntry(FutureSkew.ORIGINAL, Instant.MAX.toString());
  }
}
