package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.core.sink.RetryPolicy;
import io.platformlogger.core.spool.Spool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sink worker driven by hand: no thread ({@link SinkWorker#step} does one round of its loop),
 * a recording sink that can fail on cue, and a manual clock.
 */
class SinkWorkerTest {
  private static final RetryPolicy FAST = RetryPolicy.of(Duration.ofMillis(1), Duration.ofMillis(2), 0);

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final ByteArrayOutputStream reports = new ByteArrayOutputStream();
  private final FallbackPrinter fallback =
      new FallbackPrinter(new PrintStream(reports, true, StandardCharsets.UTF_8), "svc", Environment.DEVELOPMENT);

  private SinkWorker worker(RecordingSink sink, int backlogCapacity, RetryPolicy retry) {
    return new SinkWorker(sink, Level.INFO, new PipelineSettings.Queue(64, OverflowPolicy.SHED_NEWEST, backlogCapacity),
        retry, null, fallback, clock);
  }

  private LogEntry entry(String message) {
    return entry(message, Level.INFO, clock.instant());
  }

  private static LogEntry entry(String message, Level level, Instant at) {
    return LogEntry.builder().timestamp(at).level(level).message(message).service("svc").build();
  }

  private static List<LogEntry> entries(String... messages) {
    List<LogEntry> list = new ArrayList<>();
    for (String m : messages) {
      list.add(entry(m, Level.INFO, Instant.ofEpochMilli(1_700_000_000_000L)));
    }
    return list;
  }

  private static void runUntilIdle(SinkWorker w) {
    for (int i = 0; i < 100 && w.step(); i++) {
      // each step is one round: a batch delivered or barriers opened
    }
  }

  @Test
  void eachRoundHandsTheSinkOneBatchOfAtMostItsMaxBatchSizeOldestFirst() {
    RecordingSink sink = new RecordingSink("rec").maxBatchSize(2);
    SinkWorker w = worker(sink, 100, FAST);
    w.offer(entries("a", "b", "c", "d", "e"));

    assertThat(w.step()).isTrue();
    assertThat(sink.batches()).hasSize(1);
    assertThat(w.step()).isTrue();
    assertThat(w.step()).isTrue();
    assertThat(w.step()).as("nothing left to do").isFalse();

    assertThat(sink.batches()).extracting(b -> b.size()).containsExactly(2, 2, 1);
    assertThat(sink.messages()).containsExactly("a", "b", "c", "d", "e");
    assertThat(w.stats().written()).isEqualTo(5);
    assertThat(w.stats().backlog()).isZero();
  }

  @Test
  void entriesBelowTheSinksLevelAreNeitherKeptNorCounted() {
    RecordingSink sink = new RecordingSink("rec");
    SinkWorker w = worker(sink, 100, FAST);
    w.offer(List.of(entry("debug", Level.DEBUG, clock.instant()), entry("info")));
    runUntilIdle(w);

    assertThat(sink.messages()).containsExactly("info");
    assertThat(w.stats().enqueued()).isEqualTo(1);
  }

  @Test
  void aFullBacklogShedsTheNewestAndCountsThemWithTheirReason() {
    RecordingSink sink = new RecordingSink("rec");
    SinkWorker w = worker(sink, 2, FAST);
    w.offer(entries("a", "b", "c"));

    assertThat(w.backlogSnapshot()).extracting(LogEntry::message).containsExactly("a", "b");
    assertThat(w.stats().shedByReason()).containsEntry("backlog_full", 1L);
    assertThat(w.stats().shedByLevel()).containsEntry(Level.INFO, 1L);
    runUntilIdle(w);
    assertThat(sink.messages()).containsExactly("a", "b");
  }

  @Test
  void aRetryableFailureIsRetriedWithBackoffUntilTheBatchIsWrittenOnce() {
    RecordingSink sink = new RecordingSink("rec").failNext(2, LogSinkException.retryable("server down", null));
    SinkWorker w = worker(sink, 100, FAST);
    w.offer(entries("a", "b"));
    runUntilIdle(w);

    assertThat(sink.attempts()).isEqualTo(3);
    assertThat(sink.messages()).containsExactly("a", "b");
    SinkStats s = w.stats();
    assertThat(s.written()).isEqualTo(2);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.consecutiveFailures()).as("reset by the success").isZero();
    assertThat(s.lastError()).isEqualTo("write: " + LogSinkException.class.getName() + ": server down");
    assertThat(s.lastErrorAt()).isEqualTo(clock.instant());
    assertThat(reports.toString(StandardCharsets.UTF_8))
        .contains("sink 'rec' write failed (attempt 1), retrying in")
        .contains("sink 'rec' recovered after 2 failed attempts");
  }

  @Test
  void aPermanentlyRejectedEntryIsIsolatedCountedAsFailedAndEveryOtherEntryWritten() {
    RecordingSink rejecting = new RecordingSink("rec") {
      @Override
      public void write(List<LogEntry> batch) throws Exception {
        if (batch.stream().anyMatch(e -> e.message().equals("poison"))) {
          throw LogSinkException.permanent("value rejected", null);
        }
        super.write(batch);
      }
    };
    SinkWorker w = worker(rejecting, 100, FAST);
    w.offer(entries("a", "b", "poison", "c", "d"));
    runUntilIdle(w);

    assertThat(rejecting.messages()).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(w.stats().failed()).isEqualTo(1);
    assertThat(w.stats().written()).isEqualTo(4);
    assertThat(w.stats().retries()).as("a permanent failure is not retried").isZero();
    assertThat(reports.toString(StandardCharsets.UTF_8)).contains("rejected an entry for good");
  }

  @Test
  void aBatchWhoseAttemptsRunOutCountsAsFailedAndTheNextBatchIsStillWritten() {
    RecordingSink sink = new RecordingSink("rec").maxBatchSize(2).failNext(3, new IllegalStateException("down"));
    SinkWorker w = worker(sink, 100, RetryPolicy.of(Duration.ofMillis(1), Duration.ofMillis(1), 3));
    w.offer(entries("a", "b", "c"));
    runUntilIdle(w);

    assertThat(sink.messages()).containsExactly("c");
    assertThat(w.stats().failed()).isEqualTo(2);
    assertThat(w.stats().written()).isEqualTo(1);
    assertThat(reports.toString(StandardCharsets.UTF_8)).contains("gave up on 2 entries after 3 attempts");
  }

  @Test
  void aBarrierOpensOnlyOnceEverythingOfferedBeforeItIsWrittenAndTheSinkFlushed() throws Exception {
    RecordingSink sink = new RecordingSink("rec").maxBatchSize(1);
    SinkWorker w = worker(sink, 100, FAST);
    w.offer(entries("a", "b"));
    SinkWorker.Barrier barrier = w.barrier();
    w.offer(entries("after the barrier"));

    assertThat(barrier.await(0)).isFalse();
    w.step(); // a
    assertThat(barrier.await(0)).isFalse();
    w.step(); // b: everything before the barrier is done
    assertThat(barrier.await(0)).isFalse();
    w.step(); // opens it (a round of its own: flush, then open)
    assertThat(barrier.await(0)).isTrue();
    assertThat(sink.messages()).containsExactly("a", "b");
  }

  @Test
  void abandoningAWorkerCountsWhatItStillHoldsAsLostAndOpensItsBarriers() throws Exception {
    RecordingSink sink = new RecordingSink("rec");
    SinkWorker w = worker(sink, 100, FAST);
    w.offer(entries("a", "b", "c"));
    SinkWorker.Barrier barrier = w.barrier();

    assertThat(w.abandon()).isEqualTo(3);
    assertThat(barrier.await(0)).isTrue();
    assertThat(w.stats().lostAtShutdown()).isEqualTo(3);
    assertThat(w.step()).as("an abandoned worker does nothing more").isFalse();
    assertThat(sink.messages()).isEmpty();
    w.offer(entries("late"));
    assertThat(w.stats().shedByReason()).containsEntry("backlog_full", 1L);
  }

  @Test
  void aSpooledEntryOlderThanTheMaxAgeIsShedAndTheSpoolPositionStillMovesPastIt(@TempDir Path dir) throws Exception {
    try (Spool spool = Spool.open(dir, 1 << 20, 1 << 16)) {
      RecordingSink sink = new RecordingSink("rec");
      SinkWorker w = new SinkWorker(sink, Level.INFO, new PipelineSettings.Queue(64, OverflowPolicy.SHED_NEWEST, 100),
          FAST, new SinkWorker.FromSpool(spool, spool.reader("rec"), Duration.ofMinutes(5).toMillis()), fallback, clock);
      List<LogEntry> batch = List.of(
          entry("old", Level.INFO, clock.instant()),
          entry("new", Level.INFO, clock.instant().plusSeconds(10 * 60)));
      long[] starts = new long[2];
      long[] ends = new long[2];
      for (int i = 0; i < 2; i++) {
        byte[] json = LogEntryJson.encodeBytes(batch.get(i));
        EntryInternals.keepJson(batch.get(i), json);
        starts[i] = spool.append(json);
        ends[i] = starts[i] + Spool.recordSize(json.length);
      }
      spool.publish();
      w.spoolAdvanced(batch, starts, ends);
      clock.advanceMillis(Duration.ofMinutes(10).toMillis()); // "old" is 10 min old, "new" is from now

      runUntilIdle(w);

      assertThat(sink.messages()).containsExactly("new");
      SinkStats s = w.stats();
      assertThat(s.shedByReason()).containsEntry("spool_max_age", 1L);
      assertThat(s.enqueued()).isEqualTo(2);
      assertThat(s.spooled()).isEqualTo(2);
      assertThat(s.spoolBytes()).as("both records are settled: the position is saved past them").isZero();
    }
  }
}
