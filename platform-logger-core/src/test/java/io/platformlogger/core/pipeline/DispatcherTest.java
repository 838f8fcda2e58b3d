package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher alone, driven by hand: a queue the test fills, {@link Dispatcher#step} called
 * directly, a manual clock, and a sink worker that is never started, whose backlog shows what the
 * dispatcher handed on.
 */
class DispatcherTest {
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final ByteArrayOutputStream fallbackBytes = new ByteArrayOutputStream();
  private final EventQueue queue = new EventQueue(1024);
  private final LevelCounters queueShed = new LevelCounters();
  private SinkWorker worker;
  private Dispatcher dispatcher;

  private void start(PlatformLoggerConfig.Builder config, Set<String> sinkPrefixes) {
    PipelineSettings settings = PipelineSettings.from(config.service("svc").build()).withInternalLoggers(sinkPrefixes);
    FallbackPrinter fallback = new FallbackPrinter(
        new PrintStream(fallbackBytes, true, StandardCharsets.UTF_8), "svc", settings.origin().environment());
    worker = new SinkWorker(new RecordingSink("rec"), Level.TRACE, settings.queue(), settings.retry(), null, fallback, clock);
    dispatcher = new Dispatcher(queue, new EntryFactory(settings.origin(), settings.limits()), List.of(worker), null,
        settings, queueShed, fallback, clock);
  }

  private void log(String logger, Level level, String message) {
    assertThat(queue.offer(new LogEvent(level, logger, clock.instant()).message(message))).isTrue();
  }

  private List<String> handedOn() {
    return worker.backlogSnapshot().stream().map(LogEntry::message).collect(Collectors.toList());
  }

  @Test
  void entriesAreBuiltInOrderAndHandedOnWhenTheFlushPolicySays() {
    start(PlatformLoggerConfig.builder().flushMaxEntries(3), Set.of());
    log("app", Level.INFO, "one");
    log("app", Level.INFO, "two");
    assertThat(dispatcher.step(false)).as("ms until the buffer is due").isEqualTo(5000);
    assertThat(handedOn()).isEmpty();

    log("app", Level.INFO, "three");
    assertThat(dispatcher.step(false)).as("nothing pending: sleep until woken").isEqualTo(-1);
    assertThat(handedOn()).containsExactly("one", "two", "three");
  }

  @Test
  void closingHandsOnWhatIsBufferedAtOnce() {
    start(PlatformLoggerConfig.builder(), Set.of());
    log("app", Level.INFO, "buffered");
    dispatcher.step(false);
    assertThat(handedOn()).isEmpty();

    dispatcher.step(true);
    assertThat(handedOn()).containsExactly("buffered");
  }

  @Test
  void aSinksOwnClientLibraryLogsToTheFallbackOnlyNeverToASink() {
    start(PlatformLoggerConfig.builder().flushMaxEntries(1), Set.of("org.apache.kafka", "io.lettuce."));
    log("org.apache.kafka.clients.producer", Level.WARN, "broker unreachable");
    log("io.lettuce.core", Level.WARN, "redis reconnecting");
    log("org.apache.kafkaesque", Level.WARN, "not a kafka logger");
    dispatcher.step(false);

    assertThat(handedOn()).containsExactly("not a kafka logger");
    assertThat(dispatcher.internalCount.sum()).isEqualTo(2);
    assertThat(fallbackBytes.toString(StandardCharsets.UTF_8))
        .contains("broker unreachable").contains("redis reconnecting").doesNotContain("not a kafka logger");
  }

  @Test
  void aShedQueueBecomesOneWarnSummaryPerIntervalWithTheCountsByLevel() {
    start(PlatformLoggerConfig.builder().flushMaxEntries(1), Set.of());
    queueShed.add(Level.INFO, 7);
    dispatcher.step(false);
    queueShed.add(Level.INFO, 2);
    dispatcher.step(false);
    assertThat(handedOn()).containsExactly(
        "platform-logger shed 7 entries because the logging queue was full (7 since start)");
    LogEntry summary = worker.backlogSnapshot().get(0);
    assertThat(summary.level()).isEqualTo(Level.WARN);
    assertThat(summary.eventType()).isEqualTo("platform_logger.shed");
    assertThat(summary.data()).containsEntry("shed", 7L).containsEntry("reason", "queue_full");

    clock.advanceMillis(5000); // the summary interval: the flush interval, at least a second
    dispatcher.step(false);
    assertThat(handedOn()).hasSize(2).last()
        .isEqualTo("platform-logger shed 2 entries because the logging queue was full (9 since start)");
  }

  @Test
  void aFlushRequestIsAnsweredOnceTheQueueIsDrainedUpToItWithABarrierPerSink() throws Exception {
    start(PlatformLoggerConfig.builder(), Set.of());
    log("app", Level.INFO, "before the request");
    Dispatcher.FlushRequest request = dispatcher.requestFlush();
    log("app", Level.INFO, "after the request");
    assertThat(request.dispatched.getCount()).isEqualTo(1);

    dispatcher.step(false);

    assertThat(request.dispatched.getCount()).isZero();
    assertThat(request.barriers).hasSize(1);
    assertThat(handedOn()).as("the buffer is handed on for the request, whatever the flush policy")
        .containsExactly("before the request", "after the request");
    assertThat(dispatcher.hasFlushRequests()).isFalse();
    worker.step(); // delivers both
    worker.step(); // opens the barrier
    assertThat(request.await(System.nanoTime())).isTrue();
  }
}
