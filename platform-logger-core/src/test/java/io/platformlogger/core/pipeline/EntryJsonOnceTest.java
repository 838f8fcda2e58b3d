package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the spool off, the dispatcher makes each entry's JSON once for the sinks that want it
 * ({@link LogSink#wantsEntryJson}) and keeps it on the entry; sinks that do not want it cost
 * nothing. The dispatcher is driven by hand, its workers never started: their backlogs show what
 * each sink would get.
 */
class EntryJsonOnceTest {
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final EventQueue queue = new EventQueue(1024);
  private final List<SinkWorker> workers = new ArrayList<>();
  private PipelineSettings settings;
  private FallbackPrinter fallback;
  private Dispatcher dispatcher;

  private EntryJsonOnceTest withSink(LogSink sink, Level minLevel) {
    if (settings == null) {
      settings = PipelineSettings.from(PlatformLoggerConfig.builder().service("svc").flushMaxEntries(1000).build());
      fallback = new FallbackPrinter(
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "svc",
          settings.origin().environment());
    }
    workers.add(new SinkWorker(sink, minLevel, settings.queue(), settings.retry(), null, fallback, clock));
    return this;
  }

  private void dispatch(Level... levels) {
    dispatcher = new Dispatcher(queue, new EntryFactory(settings.origin(), settings.limits()), workers, null,
        settings, new LevelCounters(), fallback, clock);
    int i = 0;
    for (Level level : levels) {
      LogEvent ev = new LogEvent(level, "app.Orders", clock.instant())
          .message("order " + i++ + " \"placed\" ✓")
          .data(Map.of("amount", 12.5, "currency", "EUR"));
      assertThat(queue.offer(ev)).isTrue();
    }
    dispatcher.step(true); // closing: hands the buffer on at once
  }

  private static RecordingSink jsonSink(String name) {
    return new RecordingSink(name) {
      @Override
      public boolean wantsEntryJson() {
        return true;
      }
    };
  }

  /** The entry's JSON as an encoder that never saw it writes it. */
  private static byte[] encodedAfresh(LogEntry e) {
    LogEntry copy = e.toBuilder().build(); // same value, nothing kept
    assertThat(EntryInternals.json(copy)).isNull();
    return LogEntryJson.encodeBytes(copy);
  }

  @Test
  void twoJsonSinksShareOneEncodingOfEachEntryMadeBeforeTheyGetIt() {
    withSink(jsonSink("kafka"), Level.TRACE).withSink(jsonSink("loki"), Level.TRACE);
    dispatch(Level.INFO, Level.WARN, Level.ERROR);

    List<LogEntry> first = workers.get(0).backlogSnapshot();
    List<LogEntry> second = workers.get(1).backlogSnapshot();
    assertThat(first).hasSize(3);
    for (int i = 0; i < first.size(); i++) {
      LogEntry e = first.get(i);
      byte[] kept = EntryInternals.json(e);
      assertThat(kept).as("entry %d carries its JSON", i).isNotNull().isEqualTo(encodedAfresh(e));
      assertThat(EntryInternals.json(second.get(i))).as("one array for both sinks: encoded once").isSameAs(kept);
      assertThat(LogEntryJson.encodeBytes(e)).as("what a sink's encoding call returns").isEqualTo(kept);
    }
  }

  @Test
  void aPipelineWithoutAJsonSinkEncodesNothing() {
    withSink(new RecordingSink("postgres"), Level.TRACE);
    dispatch(Level.INFO, Level.ERROR);

    assertThat(workers.get(0).backlogSnapshot()).hasSize(2)
        .allSatisfy(e -> assertThat(EntryInternals.json(e)).isNull());
  }

  @Test
  void onlyEntriesAJsonSinkTakesAreEncoded() {
    withSink(new RecordingSink("postgres"), Level.DEBUG).withSink(jsonSink("kafka"), Level.WARN);
    dispatch(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);

    List<LogEntry> all = workers.get(0).backlogSnapshot();
    assertThat(all).extracting(LogEntry::level).containsExactly(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);
    assertThat(all).filteredOn(e -> e.level().isAtLeast(Level.WARN))
        .allSatisfy(e -> assertThat(EntryInternals.json(e)).isEqualTo(encodedAfresh(e)));
    assertThat(all).filteredOn(e -> !e.level().isAtLeast(Level.WARN))
        .as("below every JSON sink's level: the other sink pays no encoding")
        .allSatisfy(e -> assertThat(EntryInternals.json(e)).isNull());
  }

  @Test
  void aSinkWhoseAnswerThrowsEncodesForItselfAndTheOthersAreUnaffected() {
    withSink(new RecordingSink("odd") {
      @Override
      public boolean wantsEntryJson() {
        throw new IllegalStateException("not configured");
      }
    }, Level.TRACE);
    dispatch(Level.INFO);

    LogEntry e = workers.get(0).backlogSnapshot().get(0);
    assertThat(EntryInternals.json(e)).isNull();
    assertThat(LogEntryJson.encodeBytes(e)).isEqualTo(encodedAfresh(e));
  }
}
