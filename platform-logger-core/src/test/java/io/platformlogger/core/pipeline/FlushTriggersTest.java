package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The three flush triggers, driven by hand: no dispatcher thread, a manual clock, and a sink
 * worker whose backlog shows what was flushed.
 */
class FlushTriggersTest {
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private LogPipeline pipeline;
  private PlatformLogger log;

  private void start(PlatformLoggerConfig.Builder config) {
    pipeline =
        LogPipeline.builder()
            .config(config.consoleEnabled(false).shutdownHook(false).build())
            .configuredSinks(false)
            .sink(new RecordingSink("rec"))
            .clock(clock)
            .startThreads(false)
            .build();
    log = PlatformLogger.on(pipeline, "svc");
  }

  @AfterEach
  void tearDown() {
    pipeline.close(Duration.ZERO);
  }

  private List<String> flushed() {
    return pipeline.workers().get(0).backlogSnapshot().stream()
        .map(LogEntry::message)
        .collect(Collectors.toList());
  }

  private void step() {
    pipeline.dispatcher().step(false);
  }

  @Test
  void fortyNineEntriesStayBufferedAndTheFiftiethFlushesAllFifty() {
    start(PlatformLoggerConfig.builder());
    for (int i = 0; i < 49; i++) {
      log.info("m" + i);
    }
    step();
    assertThat(flushed()).isEmpty();

    log.info("m49");
    step();
    assertThat(flushed()).hasSize(50).startsWith("m0", "m1").endsWith("m49");
  }

  @Test
  void aBufferIsFlushedFiveSecondsAfterItsOldestEntryAndNotBefore() {
    start(PlatformLoggerConfig.builder());
    log.info("first");
    clock.advanceMillis(3000);
    log.info("second");
    step();
    clock.advanceMillis(1999); // 4999 ms after "first"
    long wait = pipeline.dispatcher().step(false);
    assertThat(flushed()).isEmpty();
    assertThat(wait).isEqualTo(1);

    clock.advanceMillis(1);
    step();
    assertThat(flushed()).containsExactly("first", "second");
  }

  @Test
  void anErrorFlushesAtOnceCarryingEverythingBeforeItInOrder() {
    start(PlatformLoggerConfig.builder());
    log.info("a");
    log.warn("b");
    log.error("boom");
    log.info("after");
    step();
    assertThat(flushed()).containsExactly("a", "b", "boom");
  }

  @Test
  void theTriggersAreConfigurable() {
    start(
        PlatformLoggerConfig.builder()
            .flushMaxEntries(3)
            .flushInterval(Duration.ofMillis(200))
            .flushOnError(false));
    log.error("e1");
    log.error("e2");
    step();
    assertThat(flushed()).isEmpty(); // flush-on-error is off

    log.info("i3");
    step();
    assertThat(flushed()).containsExactly("e1", "e2", "i3");

    log.info("i4");
    step();
    clock.advanceMillis(200);
    step();
    assertThat(flushed()).containsExactly("e1", "e2", "i3", "i4");
  }

  @Test
  void anIdleDispatcherAsksToSleepUntilWokenAndABufferingOneUntilTheDeadline() {
    start(PlatformLoggerConfig.builder());
    assertThat(pipeline.dispatcher().step(false)).isEqualTo(-1);
    log.info("x");
    assertThat(pipeline.dispatcher().step(false)).isEqualTo(5000);
  }

  @Test
  void closingFlushesWhatIsBufferedWhateverTheTriggers() {
    start(PlatformLoggerConfig.builder());
    log.debug("d");
    pipeline.dispatcher().step(true);
    assertThat(flushed()).containsExactly("d");
    assertThat(pipeline.workers().get(0).backlogSnapshot().get(0).level()).isEqualTo(Level.DEBUG);
  }
}
