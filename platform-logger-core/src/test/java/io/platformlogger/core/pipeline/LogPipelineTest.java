package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.sink.LogSinkException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline with its real threads: ordering, isolation, retries, shedding, shutdown. */
class LogPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  private PlatformLoggerConfig.Builder config() {
    return PlatformLoggerConfig.builder()
        .service("test-svc")
        .consoleEnabled(false)
        .shutdownHook(false)
        .retryInitialBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(20))
        .spoolEnabled(false); // memory-only behaviour here; the spool has its own tests
  }

  @Test
  void manyThreadsLoseNothingAndKeepEachThreadsOrder() throws Exception {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.start(config().queueCapacity(1 << 20), sink);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    int threads = 8;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          log.info("t{} n{}", thread, i);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(p.flush(WAIT)).isTrue();

    List<LogEntry> entries = sink.entries();
    assertThat(entries).hasSize(threads * perThread);
    Map<String, Integer> lastSeen = new HashMap<>();
    for (LogEntry e : entries) {
      String[] parts = e.message().split(" ");
      int n = Integer.parseInt(parts[1].substring(1));
      Integer prev = lastSeen.put(parts[0], n);
      assertThat(n).as("order within %s", parts[0]).isEqualTo(prev == null ? 0 : prev + 1);
    }
    assertThat(p.stats().sink("rec").written()).isEqualTo(threads * perThread);
    assertThat(p.stats().shed()).isZero();
    // ids are unique and increase in delivery order
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).id()).isGreaterThan(entries.get(i - 1).id());
    }
  }

  @Test
  void aSinkThatHangsForeverBlocksNeitherCallersNorOtherSinks() throws Exception {
    RecordingSink hanging = new RecordingSink("hanging").block();
    RecordingSink healthy = new RecordingSink("healthy");
    LogPipeline p = pipelines.start(config().sinkBacklogCapacity(100), hanging, healthy);
    PlatformLogger log = PlatformLogger.on(p, "svc");

    Thread caller = new Thread(() -> {
      for (int i = 0; i < 1000; i++) {
        log.info("entry {}", i);
        if (i % 50 == 49) {
          // the healthy sink keeps up, chunk by chunk, while the other one hangs
          int expected = i + 1;
          Conditions.await("the healthy sink has " + expected + " entries", WAIT,
              () -> healthy.messages().stream().filter(m -> m.startsWith("entry")).count() == expected);
        }
      }
    });
    caller.start();
    caller.join(WAIT.toMillis());
    assertThat(caller.isAlive()).as("the caller finished while a sink hangs").isFalse();
    assertThat(healthy.messages().stream().filter(m -> m.startsWith("entry"))).hasSize(1000);

    assertThat(p.flush(Duration.ofMillis(300))).as("flush cannot complete while a sink hangs").isFalse();
    // the hanging sink's backlog stayed bounded; what did not fit is counted as shed
    SinkStats hangingStats = p.stats().sink("hanging");
    assertThat(hangingStats.backlog()).isLessThanOrEqualTo(100);
    assertThat(hangingStats.shed()).isGreaterThan(0);
    // every entry offered to it is either waiting or counted (the shed reports are offered too)
    assertThat(hangingStats.shed() + hangingStats.backlog()).isGreaterThanOrEqualTo(1000);
    Conditions.await("the healthy sink has the shed report", WAIT,
        () -> healthy.messages().stream().anyMatch(m -> m.contains("for sink 'hanging' because its backlog was full")));
    hanging.unblock();
  }

  @Test
  void aThrowingSinkIsRetriedWithBackoffThenReportedAndNothingIsLost() throws Exception {
    RecordingSink flaky = new RecordingSink("flaky").failNext(3, new IOException("connection refused"));
    LogPipeline p = pipelines.start(config(), flaky);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 10; i++) {
      log.info("m{}", i);
    }
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(flaky.messages()).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    SinkStats s = p.stats().sink("flaky");
    assertThat(s.retries()).isEqualTo(3);
    assertThat(s.written()).isEqualTo(10);
    assertThat(s.failed()).isZero();
    assertThat(s.lastError()).contains("IOException").contains("connection refused");
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(pipelines.fallback()).contains("sink 'flaky' write failed (attempt 1)").contains("recovered after 3");
  }

  @Test
  void aBatchThatKeepsFailingIsCountedAsFailedOnceAttemptsRunOut() throws Exception {
    RecordingSink broken = new RecordingSink("broken").failNext(Integer.MAX_VALUE, new IOException("down"));
    LogPipeline p = pipelines.start(config().retryMaxAttempts(3), broken);
    PlatformLogger.on(p, "svc").error("lost cause");
    assertThat(p.flush(WAIT)).isTrue();
    SinkStats s = p.stats().sink("broken");
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(pipelines.fallback()).contains("gave up on 1 entries after 3 attempts");
  }

  @Test
  void anEntryASinkRejectsForGoodIsIsolatedAndTheRestOfItsBatchIsWritten() throws Exception {
    RecordingSink picky = new RecordingSink("picky") {
      @Override
      public void write(List<LogEntry> batch) throws Exception {
        for (LogEntry e : batch) {
          if (e.message().equals("poison")) {
            throw LogSinkException.permanent("value rejected", null);
          }
        }
        super.write(batch);
      }
    };
    LogPipeline p = pipelines.start(config(), picky);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 7; i++) {
      log.info(i == 4 ? "poison" : "ok" + i);
    }
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(picky.messages()).containsExactly("ok0", "ok1", "ok2", "ok3", "ok5", "ok6");
    assertThat(p.stats().sink("picky").failed()).isEqualTo(1);
    assertThat(pipelines.fallback()).contains("rejected an entry for good");
  }

  @Test
  void aFullQueueShedsLowLevelsFirstAndCountsEveryShedEntryExactly() {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p =
        pipelines.build(
            pipelines.builder(config().queueCapacity(64))
                .sink(sink)
                .startThreads(false)); // nothing drains the queue
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 100; i++) {
      log.info("i{}", i);
    }
    for (int i = 0; i < 10; i++) {
      log.debug("d{}", i);
    }
    for (int i = 0; i < 30; i++) {
      log.warn("w{}", i);
    }
    // INFO/DEBUG get 3/4 of the queue (48), WARN the rest (16)
    PipelineStats s = p.stats();
    assertThat(s.enqueued()).isEqualTo(64);
    assertThat(s.shedByLevel()).containsEntry(Level.INFO, 52L).containsEntry(Level.DEBUG, 10L).containsEntry(Level.WARN, 14L);
    assertThat(s.shed()).isEqualTo(76);

    // the dispatcher reports it with a summary WARN entry
    p.dispatcher().step(true);
    List<LogEntry> flushed = p.workers().get(0).backlogSnapshot();
    LogEntry summary = flushed.get(flushed.size() - 1);
    assertThat(summary.level()).isEqualTo(Level.WARN);
    assertThat(summary.message()).contains("shed 76 entries");
    assertThat(summary.data()).containsEntry("shed", 76L).containsEntry("reason", "queue_full");
    assertThat(pipelines.fallback()).contains("shed 76 entries");
  }

  @Test
  void theShedNewestPolicyTreatsAllLevelsAlike() {
    LogPipeline p =
        pipelines.build(
            pipelines.builder(config().queueCapacity(64).overflowPolicy(OverflowPolicy.SHED_NEWEST))
                .sink(new RecordingSink("rec"))
                .startThreads(false));
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 100; i++) {
      log.info("i{}", i);
    }
    log.error("e");
    assertThat(p.stats().enqueued()).isEqualTo(64);
    assertThat(p.stats().shedByLevel()).containsEntry(Level.INFO, 36L).containsEntry(Level.ERROR, 1L);
  }

  @Test
  void closeFlushesEverythingAndClosesTheSinksOnce() {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.start(config(), sink);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 1234; i++) {
      log.debug("d{}", i);
    }
    p.close();
    p.close();
    assertThat(sink.entries()).hasSize(1234);
    assertThat(sink.isClosed()).isTrue();
    assertThat(sink.closeCalls()).isEqualTo(1);
  }

  @Test
  void loggingAfterCloseIsCountedNotThrown() {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.start(config(), sink);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    p.close();
    log.info("late");
    log.error("late too", new IllegalStateException());
    assertThat(p.stats().afterClose()).isEqualTo(2);
    assertThat(sink.entries()).isEmpty();
  }

  @Test
  void closeGivesUpOnAHangingSinkAtTheTimeoutAndCountsWhatItLost() throws Exception {
    RecordingSink hanging = new RecordingSink("hanging").block();
    RecordingSink healthy = new RecordingSink("healthy");
    LogPipeline p = pipelines.start(config(), hanging, healthy);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 10; i++) {
      log.info("m{}", i);
    }
    p.close(Duration.ofMillis(500));
    assertThat(healthy.entries()).hasSize(10);
    assertThat(p.stats().sink("hanging").lostAtShutdown()).isEqualTo(10);
    assertThat(pipelines.fallback()).contains("sink 'hanging' did not finish within the shutdown timeout");
    hanging.unblock();
  }

  @Test
  void entriesLoggedFromInsideASinkNeverReachTheSinks() throws Exception {
    RecordingSink[] holder = new RecordingSink[1];
    LogPipeline[] pipelineHolder = new LogPipeline[1];
    RecordingSink chatty = new RecordingSink("chatty").duringWrite(batch -> {
      // what a sink's client library does: log while the sink is writing
      PlatformLogger.on(pipelineHolder[0], "org.example.client").warn("client says hi while writing {}", batch.size());
    });
    holder[0] = chatty;
    LogPipeline p = pipelines.start(config(), chatty);
    pipelineHolder[0] = p;
    PlatformLogger.on(p, "svc").info("application entry");
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(p.flush(WAIT)).isTrue();

    assertThat(chatty.messages()).containsExactly("application entry");
    assertThat(p.stats().internal()).isGreaterThanOrEqualTo(1);
    assertThat(pipelines.fallback()).contains("client says hi while writing 1");
  }

  @Test
  void entriesOfASinksClientLibraryLoggersGoToTheFallbackOnly() throws Exception {
    RecordingSink sink = new RecordingSink("rec") {
      @Override
      public java.util.Set<String> ownLoggerPrefixes() {
        return java.util.Set.of("org.apache.kafka");
      }
    };
    LogPipeline p = pipelines.start(config(), sink);
    PlatformLogger.on(p, "org.apache.kafka.clients.NetworkClient").warn("broker unreachable");
    PlatformLogger.on(p, "org.apache.kafkaesque").info("not a kafka logger");
    PlatformLogger.on(p, "svc").info("app");
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(sink.messages()).containsExactly("not a kafka logger", "app");
    assertThat(pipelines.fallback()).contains("broker unreachable");
  }

  @Test
  void productionNeverStoresDebugEvenWhenALoggerIsSetToDebug() throws Exception {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p =
        pipelines.start(config().environment(Environment.PRODUCTION).loggerLevel("com.acme", Level.DEBUG), sink);
    PlatformLogger log = PlatformLogger.on(p, "com.acme.Orders");
    assertThat(log.isDebugEnabled()).isFalse();
    log.debug("never stored");
    log.info("stored");
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(sink.messages()).containsExactly("stored");
  }

  @Test
  void perLoggerLevelsUseTheLongestMatchingPrefix() {
    LogPipeline p =
        pipelines.start(
            config()
                .environment(Environment.STAGING)
                .loggerLevel("com.acme", Level.WARN)
                .loggerLevel("com.acme.billing", Level.DEBUG),
            new RecordingSink("rec"));
    assertThat(p.thresholdFor("com.acme.Orders")).isEqualTo(Level.WARN);
    assertThat(p.thresholdFor("com.acme.billing.Invoices")).isEqualTo(Level.DEBUG);
    assertThat(p.thresholdFor("com.acmeish.Other")).isEqualTo(Level.INFO);
    assertThat(p.thresholdFor("com.acme")).isEqualTo(Level.WARN);
  }

  @Test
  void aSinkIsHandedTheWholeBacklogUpToItsMaximumBatchSize() throws Exception {
    RecordingSink sink = new RecordingSink("rec").maxBatchSize(120).block();
    LogPipeline p = pipelines.start(config(), sink);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 300; i++) {
      log.info("m{}", i); // six flushes of 50; the first is stuck in the blocked write
    }
    Conditions.await("300 entries wait in the backlog", WAIT, () -> p.stats().sink("rec").backlog() == 300);
    sink.unblock();
    assertThat(p.flush(WAIT)).isTrue();
    List<Integer> sizes = new ArrayList<>();
    sink.batches().forEach(b -> sizes.add(b.size()));
    // the first write took what was there when the worker woke; after that, full batches
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
    assertThat(sizes).allMatch(n -> n <= 120);
    assertThat(sizes.subList(1, sizes.size() - 1)).allMatch(n -> n == 120);
    assertThat(sizes.size()).isLessThanOrEqualTo(4);
  }

  @Test
  void theRateLimitSuppressesFloodsPerSiteAndReportsTheCountOnTheNextEntry() throws Exception {
    RecordingSink sink = new RecordingSink("rec");
    ManualClock clock = new ManualClock(1_000_000L);
    LogPipeline p =
        pipelines.build(
            pipelines.builder(config().rateLimit(3, Duration.ofSeconds(1))).sink(sink).clock(clock));
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 10; i++) {
      log.info("flood {}", i);
      log.error("errors are never suppressed {}", i);
    }
    log.info("another site");
    clock.advanceMillis(1000);
    log.info("flood {}", 99);
    assertThat(p.flush(WAIT)).isTrue();

    List<String> floods = new ArrayList<>();
    LogEntry afterWindow = null;
    for (LogEntry e : sink.entries()) {
      if (e.message().startsWith("flood")) {
        floods.add(e.message());
        afterWindow = e;
      }
    }
    assertThat(floods).containsExactly("flood 0", "flood 1", "flood 2", "flood 99");
    assertThat(afterWindow.data()).containsEntry("suppressed", 7L);
    assertThat(sink.messages()).filteredOn(m -> m.startsWith("errors")).hasSize(10);
    assertThat(sink.messages()).contains("another site");
    assertThat(p.stats().rateLimited()).isEqualTo(7);
  }

  @Test
  void flushWaitsUntilEverySinkHasEverything() {
    RecordingSink a = new RecordingSink("a");
    RecordingSink b = new RecordingSink("b");
    LogPipeline p = pipelines.start(config(), a, b);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    log.info("one");
    log.info("two");
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(a.messages()).containsExactly("one", "two");
    assertThat(b.messages()).containsExactly("one", "two");
  }

  @Test
  void anIdlePipelineDeliversALoneEntryAfterTheFlushInterval() throws Exception {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.start(config().flushInterval(Duration.ofMillis(50)), sink);
    PlatformLogger.on(p, "svc").info("lonely");
    Conditions.await("the entry is delivered", WAIT, () -> sink.entries().size() == 1);
    assertThat(sink.messages()).containsExactly("lonely");
  }

  @Test
  void anErrorIsDeliveredPromptlyWithoutAnyFlushCall() throws Exception {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.start(config().flushInterval(Duration.ofHours(1)), sink);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    log.info("context");
    log.error("failure");
    Conditions.await("both entries are delivered", WAIT, () -> sink.entries().size() == 2);
    assertThat(sink.messages()).containsExactly("context", "failure");
  }
}
