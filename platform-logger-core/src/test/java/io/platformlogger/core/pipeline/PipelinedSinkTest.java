package io.platformlogger.core.pipeline;

import static io.platformlogger.core.pipeline.PipelinedRecordingSink.Outcome.BLOCK;
import static io.platformlogger.core.pipeline.PipelinedRecordingSink.Outcome.FAIL_PERMANENT;
import static io.platformlogger.core.pipeline.PipelinedRecordingSink.Outcome.FAIL_RETRYABLE;
import static io.platformlogger.core.pipeline.PipelinedRecordingSink.Outcome.THROW_PERMANENT;
import static io.platformlogger.core.pipeline.PipelinedRecordingSink.Outcome.THROW_RETRYABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink that keeps several batches unacknowledged ({@code maxBatchesInFlight() > 1}), through a
 * real pipeline: the window's bound, order, failed and refused deliveries, flush barriers and the
 * spool position.
 *
 * <p>Unless a test says otherwise, entries reach the sink's worker in one hand-over (a long flush
 * interval, then {@link LogPipeline#flush}), so with a batch size of one the worker always has the
 * next batch waiting and fills its window.
 */
class PipelinedSinkTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();
  private final List<PipelinedRecordingSink> sinks = new ArrayList<>();

  private PlatformLoggerConfig.Builder config() {
    return PlatformLoggerConfig.builder()
        .service("window-test")
        .consoleEnabled(false)
        .shutdownHook(false)
        .flushMaxEntries(10_000)
        .flushInterval(Duration.ofHours(1)) // entries are handed over by an explicit flush only
        .retryInitialBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(20))
        .spoolEnabled(false);
  }

  private PlatformLoggerConfig.Builder spooled() {
    return config().spoolEnabled(true).spoolDir(tmp.resolve("spool")).spoolSegmentBytes(256 << 10);
  }

  private LogPipeline pipeline(PlatformLoggerConfig.Builder config, PipelinedRecordingSink... toAdd) {
    sinks.addAll(List.of(toAdd));
    return pipelines.start(config, toAdd);
  }

  @AfterEach
  void releaseSinks() {
    // before the pipelines close (TestPipelines runs after this): no worker left waiting on a gate
    sinks.forEach(PipelinedRecordingSink::release);
  }

  private static void logNumbered(LogPipeline p, int count) {
    PlatformLogger log = PlatformLogger.on(p, "orders");
    for (int i = 0; i < count; i++) {
      log.info("e-" + i);
    }
  }

  private static List<String> numbered(int from, int to) {
    List<String> m = new ArrayList<>();
    for (int i = from; i < to; i++) {
      m.add("e-" + i);
    }
    return m;
  }

  /** The test's own entries among what the sink got (the pipeline may add its reports). */
  private static List<String> ours(List<String> messages) {
    return messages.stream().filter(m -> m.startsWith("e-") || m.equals("after restart")).toList();
  }

  @Test
  void neverHasMoreThanMaxBatchesInFlightSentAndNotYetAwaited() {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 1, 3);
    LogPipeline p = pipeline(config(), sink);

    logNumbered(p, 30);
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(sink.maxUnawaited()).as("most deliveries sent and not yet awaited at once").isEqualTo(3);
    assertThat(sink.unawaited()).as("deliveries still unawaited after flush").isZero();
    assertThat(sink.awaitedTwice()).as("deliveries awaited twice").isZero();
    assertThat(ours(sink.sentMessages())).isEqualTo(numbered(0, 30));
    assertThat(sink.writes()).as("batches that went through write").isEmpty();
  }

  @Test
  void storesEveryEntryOnceAndInOrderWhenEveryDeliverySucceeds() {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 7, 4);
    // entries handed over in chunks of 50 while the worker sends: batches of every size up to 7
    LogPipeline p = pipeline(config().flushMaxEntries(50), sink);

    logNumbered(p, 500);
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(ours(sink.storedMessages())).isEqualTo(numbered(0, 500));
    assertThat(sink.writes()).isEmpty();
    assertThat(sink.maxUnawaited()).isBetween(1, 4);
    SinkStats s = p.stats().sink("window");
    assertThat(s.written()).isEqualTo(500);
    assertThat(s.retries()).isZero();
    assertThat(s.failed()).isZero();
    assertThat(s.lastError()).isNull();
    assertThat(s.backlog()).isZero();
    assertThat(s.oldestUndelivered()).isNull();
  }

  @Test
  void withTheSpoolStoresEveryEntryOnceAndInOrderAndSavesThePositionAfterTheLast() throws Exception {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 7, 4);
    LogPipeline p = pipeline(spooled().flushMaxEntries(50), sink);

    logNumbered(p, 2000);
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(ours(sink.storedMessages())).isEqualTo(numbered(0, 2000));
    SinkStats s = p.stats().sink("window");
    assertThat(s.written()).isEqualTo(2000);
    assertThat(s.spooled()).isEqualTo(2000);
    assertThat(s.spoolBytes()).isZero();
    assertThat(s.backlog()).isZero();
    p.close(WAIT);

    PipelinedRecordingSink next = new PipelinedRecordingSink("window", 7, 4);
    LogPipeline p2 = pipeline(spooled(), next);
    PlatformLogger.on(p2, "orders").info("after restart");
    assertThat(p2.flush(WAIT)).isTrue();
    assertThat(ours(next.storedMessages())).as("delivered again after a restart").containsExactly("after restart");
  }

  @Test
  void aFailedDeliveryRewritesThatBatchAndEveryLaterFailedOneOldestFirstAndNoOther() {
    PipelinedRecordingSink sink =
        new PipelinedRecordingSink("window", 1, 4)
            .whenSent("e-3", FAIL_RETRYABLE)
            .whenSent("e-5", FAIL_RETRYABLE);
    LogPipeline p = pipeline(config(), sink);

    logNumbered(p, 10);
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(ours(sink.sentMessages())).as("each entry sent once, in order").isEqualTo(numbered(0, 10));
    assertThat(sink.writes()).as("batches re-written after their delivery failed")
        .containsExactly(List.of("e-3"), List.of("e-5"));
    List<String> stored = ours(sink.storedMessages());
    assertThat(stored).as("each entry stored once").hasSize(10).containsExactlyInAnyOrderElementsOf(numbered(0, 10));
    // e-4 was on its way when e-3's delivery failed: the retried e-3 lands after it
    assertThat(stored.indexOf("e-3")).isGreaterThan(stored.indexOf("e-4"));
    assertThat(stored.indexOf("e-5")).isGreaterThan(stored.indexOf("e-3"));
    assertThat(sink.awaitedTwice()).isZero();
    SinkStats s = p.stats().sink("window");
    assertThat(s.written()).isEqualTo(10);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.failed()).isZero();
    assertThat(s.lastError()).contains("delivery failed [e-3]");
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(pipelines.fallback()).contains("sink 'window' write failed (attempt 1)").contains("delivery failed [e-3]");
  }

  @Test
  void aSendThatThrowsIsRewrittenBeforeAnythingLaterIsSent() {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 1, 4).whenSent("e-2", THROW_RETRYABLE);
    LogPipeline p = pipeline(config(), sink);

    logNumbered(p, 10);
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(sink.writes()).containsExactly(List.of("e-2"));
    assertThat(ours(sink.storedMessages())).as("stored in order: the window settled first").isEqualTo(numbered(0, 10));
    List<String> events = sink.events();
    assertThat(events.indexOf("write [e-2]")).isLessThan(events.indexOf("send [e-3]"));
    SinkStats s = p.stats().sink("window");
    assertThat(s.written()).isEqualTo(10);
    assertThat(s.retries()).isEqualTo(1);
    assertThat(s.failed()).isZero();
    assertThat(s.lastError()).contains("send refused [e-2]");
  }

  @Test
  void aSendThatRejectsAnEntryForGoodIsolatesItAndStoresTheRestInOrder() {
    PipelinedRecordingSink sink =
        new PipelinedRecordingSink("window", 4, 3)
            .whenSent("e-5", THROW_PERMANENT)
            .writeRejects(e -> e.message().equals("e-5"));
    LogPipeline p = pipeline(config(), sink);

    logNumbered(p, 12);
    assertThat(p.flush(WAIT)).isTrue();

    List<String> rest = numbered(0, 12);
    rest.remove("e-5");
    assertThat(ours(sink.storedMessages())).isEqualTo(rest);
    SinkStats s = p.stats().sink("window");
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.written()).isEqualTo(11);
    assertThat(pipelines.fallback()).contains("rejected an entry for good");
  }

  @Test
  void aDeliveryThatRejectsAnEntryForGoodIsolatesItAndStoresTheRestOnce() {
    PipelinedRecordingSink sink =
        new PipelinedRecordingSink("window", 4, 3)
            .whenSent("e-5", FAIL_PERMANENT)
            .writeRejects(e -> e.message().equals("e-5"));
    LogPipeline p = pipeline(config(), sink);

    logNumbered(p, 12);
    assertThat(p.flush(WAIT)).isTrue();

    List<String> rest = numbered(0, 12);
    rest.remove("e-5");
    assertThat(ours(sink.storedMessages())).hasSize(11).containsExactlyInAnyOrderElementsOf(rest);
    SinkStats s = p.stats().sink("window");
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.written()).isEqualTo(11);
    assertThat(s.lastError()).contains("rejected");
  }

  @Test
  void flushReturnsOnlyOnceTheDeliveriesOfEverythingLoggedBeforeItReturned() throws Exception {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 1, 4).whenSent("e-2", BLOCK);
    LogPipeline p = pipeline(config(), sink);
    logNumbered(p, 6);

    CompletableFuture<Boolean> flushed =
        CompletableFuture.supplyAsync(() -> {
          boolean ok = p.flush(WAIT);
          sink.note("pipeline flush returned");
          return ok;
        });
    assertThat(sink.awaitBlockedDelivery(WAIT)).as("the worker awaits the blocked delivery").isTrue();
    assertThat(p.flush(Duration.ofMillis(200))).as("a flush while a delivery is pending").isFalse();
    assertThat(flushed).as("the first flush while a delivery is pending").isNotDone();
    SinkStats pending = p.stats().sink("window");
    assertThat(pending.backlog()).as("entries in flight, counted in the backlog").isBetween(1L, 4L);
    assertThat(pending.oldestUndelivered()).as("oldest undelivered while e-2 is pending").isNotNull();

    sink.release();
    assertThat(flushed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    List<String> events = sink.events();
    int returned = events.indexOf("pipeline flush returned");
    assertThat(events.indexOf("delivered [e-2]")).isBetween(0, returned);
    assertThat(events.indexOf("delivered [e-5]")).isBetween(0, returned);
    // nothing more was coming: the sink was flushed before the pending deliveries were awaited
    assertThat(events.subList(0, events.indexOf("delivered [e-2]"))).contains("flush");
    assertThat(ours(sink.storedMessages())).containsExactlyInAnyOrderElementsOf(numbered(0, 6));
  }

  @Test
  void withTheSpoolABatchWhoseDeliveryNeverReturnedIsDeliveredAgainAfterARestart() throws Exception {
    PipelinedRecordingSink first = new PipelinedRecordingSink("window", 1, 4).whenSent("e-2", BLOCK);
    LogPipeline p1 = pipeline(spooled(), first);
    logNumbered(p1, 6);
    assertThat(p1.flush(Duration.ofMillis(1))).isFalse(); // hands the entries over
    assertThat(first.awaitBlockedDelivery(WAIT)).isTrue();
    assertThat(p1.stats().sink("window").spoolBytes())
        .as("spool bytes still to deliver while e-2's delivery is pending").isPositive();

    p1.close(Duration.ofMillis(300));
    SinkStats s1 = p1.stats().sink("window");
    assertThat(s1.lostAtShutdown()).isZero();
    assertThat(s1.leftInSpoolAtShutdown()).isPositive();
    assertThat(ours(first.sentMessages())).startsWith("e-0", "e-1", "e-2");

    PipelinedRecordingSink second = new PipelinedRecordingSink("window", 1, 4);
    LogPipeline p2 = pipeline(spooled(), second);
    PlatformLogger.on(p2, "orders").info("after restart");
    assertThat(p2.flush(WAIT)).isTrue();

    // e-0 and e-1 were settled before e-2: their position was saved; from e-2 on nothing was
    List<String> again = numbered(2, 6);
    again.add("after restart");
    assertThat(ours(second.storedMessages())).isEqualTo(again);
    assertThat(p2.stats().sink("window").replayed()).isEqualTo(4);
  }

  @Test
  void closeReturnsOnlyOnceTheDeliveriesOnTheirWayReturned() throws Exception {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 1, 4).whenSent("e-2", BLOCK);
    LogPipeline p = pipeline(config(), sink);
    logNumbered(p, 6);
    assertThat(p.flush(Duration.ofMillis(1))).isFalse(); // hands the entries over
    assertThat(sink.awaitBlockedDelivery(WAIT)).isTrue();

    CompletableFuture<Void> closed =
        CompletableFuture.runAsync(() -> {
          p.close(WAIT);
          sink.note("pipeline close returned");
        });
    assertThat(closed).as("close while a delivery is pending").isNotDone();
    sink.release();
    closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    List<String> events = sink.events();
    assertThat(events.indexOf("delivered [e-5]")).isBetween(0, events.indexOf("pipeline close returned"));
    assertThat(ours(sink.storedMessages())).containsExactlyInAnyOrderElementsOf(numbered(0, 6));
    SinkStats s = p.stats().sink("window");
    assertThat(s.written()).isEqualTo(6);
    assertThat(s.lostAtShutdown()).isZero();
    assertThat(sink.isClosed()).isTrue();
  }

  @Test
  void everyEntryIsCountedWhenCloseTimesOutWhileDeliveriesAndWritesFail() throws Exception {
    PipelinedRecordingSink sink =
        new PipelinedRecordingSink("window", 1, 4).plan(batch -> FAIL_RETRYABLE).writeFails();
    LogPipeline p = pipeline(config(), sink);
    logNumbered(p, 10);
    assertThat(p.flush(Duration.ofMillis(1))).isFalse(); // hands the entries over
    Conditions.await("the worker retries", WAIT, () -> p.stats().sink("window").retries() > 1);

    p.close(Duration.ofMillis(300));

    SinkStats s = p.stats().sink("window");
    assertThat(s.written()).isZero();
    assertThat(s.failed() + s.lostAtShutdown() + s.shed()).as("failed + lost at shutdown + shed").isEqualTo(10);
    assertThat(s.lostAtShutdown()).isEqualTo(10);
    assertThat(pipelines.fallback()).contains("closed with undelivered entries");
  }

  @Test
  void aWorkerGivenUpOnAtShutdownSendsNothingMore() throws Exception {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 1, 4).whenSent("e-2", BLOCK);
    LogPipeline p = pipeline(config(), sink);
    logNumbered(p, 10);
    assertThat(p.flush(Duration.ofMillis(1))).isFalse(); // hands the entries over
    assertThat(sink.awaitBlockedDelivery(WAIT)).isTrue();
    // e-0..e-5 are sent; e-6 waits for room in the window, which needs e-2's delivery

    p.close(Duration.ofMillis(300)); // gives up on the worker: it is interrupted in e-2's await
    Conditions.await("the worker has closed the sink", WAIT, sink::isClosed);

    assertThat(ours(sink.sentMessages())).isEqualTo(numbered(0, 6));
    assertThat(sink.writes()).isEmpty();
    assertThat(p.stats().sink("window").lostAtShutdown()).isPositive();
  }

  @Test
  void withTheSpoolThePositionMovesPastAFailedBatchOnlyOnceItIsRewritten() throws Exception {
    PipelinedRecordingSink sink = new PipelinedRecordingSink("window", 1, 4).whenSent("e-3", FAIL_RETRYABLE);
    LogPipeline p = pipeline(spooled(), sink);
    logNumbered(p, 10);
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(sink.writes()).containsExactly(List.of("e-3"));
    assertThat(ours(sink.storedMessages())).containsExactlyInAnyOrderElementsOf(numbered(0, 10));
    SinkStats s = p.stats().sink("window");
    assertThat(s.spoolBytes()).isZero();
    assertThat(s.written()).isEqualTo(10);
    p.close(WAIT);

    // nothing is delivered twice after a restart: every position was saved
    PipelinedRecordingSink next = new PipelinedRecordingSink("window", 1, 4);
    LogPipeline p2 = pipeline(spooled(), next);
    PlatformLogger.on(p2, "orders").info("after restart");
    assertThat(p2.flush(WAIT)).isTrue();
    assertThat(ours(next.storedMessages())).containsExactly("after restart");
  }

  @Test
  void aSinkWhoseMaxBatchesInFlightIsZeroOrThrowsIsWrittenOneBatchAtATime() {
    PipelinedRecordingSink zero = new PipelinedRecordingSink("zero", 1, 0);
    PipelinedRecordingSink throwing = new PipelinedRecordingSink("throwing", 1, 4).maxBatchesInFlightThrows();
    LogPipeline p = pipeline(config(), zero, throwing);

    logNumbered(p, 5);
    assertThat(p.flush(WAIT)).isTrue();

    for (PipelinedRecordingSink s : List.of(zero, throwing)) {
      assertThat(s.sent()).as("batches sent to %s", s.name()).isEmpty();
      assertThat(ours(s.storedMessages())).as("entries written to %s", s.name()).isEqualTo(numbered(0, 5));
      assertThat(p.stats().sink(s.name()).written()).isEqualTo(5);
    }
  }
}
