package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline with the spool on: outages, restarts, damage, bounds, fallbacks and counters. */
class SpoolPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  private Path spoolDir() {
    return tmp.resolve("spool");
  }

  private PlatformLoggerConfig.Builder config() {
    return PlatformLoggerConfig.builder()
        .service("spool-test")
        .consoleEnabled(false)
        .shutdownHook(false)
        .spoolEnabled(true)
        .spoolDir(spoolDir())
        .spoolSegmentBytes(256 << 10)
        .retryInitialBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(20));
  }

  private LogPipeline pipeline(PlatformLoggerConfig.Builder config, Clock clock, FileSink... sinks) {
    LogPipeline.Builder b = pipelines.builder(config).clock(clock);
    for (FileSink s : sinks) {
      b.sink(s);
    }
    return pipelines.build(b);
  }

  private static List<String> messages(Path file) throws IOException {
    List<String> m = new ArrayList<>();
    for (LogEntry e : FileSink.read(file)) {
      m.add(e.message());
    }
    return m;
  }

  private static List<String> numbered(String prefix, int from, int to) {
    List<String> m = new ArrayList<>();
    for (int i = from; i < to; i++) {
      m.add(prefix + i);
    }
    return m;
  }

  @Test
  void aSinkThatIsDownReceivesEverythingInOrderOnceBackWhileAHealthySinkCarriesOnLive() throws Exception {
    FileSink healthy = new FileSink("healthy", tmp.resolve("healthy.ndjson"), 100);
    FileSink flaky = new FileSink("flaky", tmp.resolve("flaky.ndjson"), 100).down(true);
    LogPipeline p = pipelines.start(config(), healthy, flaky);
    PlatformLogger log = PlatformLogger.on(p, "orders");
    for (int i = 0; i < 3000; i++) {
      log.info("m" + i);
    }
    Conditions.await("the healthy sink has everything", WAIT, () -> p.stats().sink("healthy").written() == 3000);
    assertThat(messages(tmp.resolve("healthy.ndjson"))).isEqualTo(numbered("m", 0, 3000));
    SinkStats down = p.stats().sink("flaky");
    assertThat(down.written()).isZero();
    assertThat(down.spoolBytes()).isPositive();
    assertThat(down.oldestUndelivered()).isNotNull();
    assertThat(down.retries()).isPositive();

    flaky.down(false);
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(messages(tmp.resolve("flaky.ndjson"))).isEqualTo(numbered("m", 0, 3000));
    SinkStats back = p.stats().sink("flaky");
    assertThat(back.written()).isEqualTo(3000);
    assertThat(back.enqueued()).isEqualTo(3000);
    assertThat(back.spooled()).isEqualTo(3000);
    assertThat(back.replayed()).isZero();
    assertThat(back.spoolBytes()).isZero();
    assertThat(back.shedByReason()).isEmpty();
    assertThat(p.stats().spool().state()).isEqualTo("on");
    assertThat(p.stats().spool().appended()).isEqualTo(3000);
  }

  @Test
  void entriesLeftInTheSpoolAtShutdownAreDeliveredByTheNextRunAndCountedAsReplayed() throws Exception {
    FileSink down = new FileSink("store", tmp.resolve("store.ndjson"), 100).down(true);
    LogPipeline first = pipelines.start(config(), down);
    PlatformLogger log = PlatformLogger.on(first, "orders");
    for (int i = 0; i < 500; i++) {
      log.info("m" + i);
    }
    first.close(Duration.ofMillis(300));
    assertThat(first.stats().sink("store").lostAtShutdown()).isZero();
    assertThat(first.stats().sink("store").leftInSpoolAtShutdown()).isPositive();
    assertThat(pipelines.fallback()).contains("stay in the spool");

    FileSink up = new FileSink("store", tmp.resolve("store.ndjson"), 100);
    LogPipeline second = pipelines.start(config(), up);
    PlatformLogger.on(second, "orders").info("after restart");
    assertThat(second.flush(WAIT)).isTrue();
    List<String> want = numbered("m", 0, 500);
    want.add("after restart");
    assertThat(messages(tmp.resolve("store.ndjson"))).isEqualTo(want);
    assertThat(second.stats().sink("store").replayed()).isEqualTo(500);
    second.close();
    try (Stream<Path> segs = Files.list(spoolDir())) {
      assertThat(segs.filter(f -> f.toString().endsWith(".seg")).count())
          .as("delivered segments are deleted").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aCloseThatTimesOutWhileTheDispatcherStillSpoolsLosesNothing() throws Exception {
    FileSink down = new FileSink("store", tmp.resolve("store.ndjson"), 500).down(true);
    LogPipeline first = pipelines.start(config().queueCapacity(1 << 16), down);
    PlatformLogger log = PlatformLogger.on(first, "burst");
    for (int i = 0; i < 30_000; i++) {
      log.info("m" + i);
    }
    first.close(Duration.ZERO); // the dispatcher is most likely still appending
    assertThat(first.stats().shed()).isZero();
    assertThat(pipelines.fallback()).doesNotContain("cannot write to the spool");

    // the first pipeline's dispatcher releases the directory when it is done
    LogPipeline second = Conditions.value("the spool directory is released", WAIT, () -> {
      LogPipeline p = pipelines.start(config(), new FileSink("store", tmp.resolve("store.ndjson"), 500));
      if (p.stats().spool().state().equals("on")) {
        return p;
      }
      p.close(Duration.ZERO);
      return null;
    }, p -> p != null);
    assertThat(second.flush(WAIT)).isTrue();
    assertThat(messages(tmp.resolve("store.ndjson"))).isEqualTo(numbered("m", 0, 30_000));
  }

  @Test
  void gracefulShutdownUnderLoadDeliversEveryEntry() throws Exception {
    FileSink sink = new FileSink("store", tmp.resolve("store.ndjson"), 500);
    LogPipeline p = pipelines.start(config().queueCapacity(1 << 20), sink);
    PlatformLogger log = PlatformLogger.on(p, "load");
    int threads = 4;
    int each = 5000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          log.info("t" + thread + "-" + i);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    p.close(WAIT); // while the sink is still catching up
    List<String> got = messages(tmp.resolve("store.ndjson"));
    assertThat(got).hasSize(threads * each).doesNotHaveDuplicates();
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      assertThat(got.stream().filter(m -> m.startsWith(prefix)).toList()).isEqualTo(numbered(prefix, 0, each));
    }
    assertThat(p.stats().sink("store").written()).isEqualTo(threads * each);
    assertThat(p.stats().shed()).isZero();
  }

  @Test
  void damagedSpoolFilesCostOnlyTheDamagedRecordsAndAreReported() throws Exception {
    FileSink down = new FileSink("store", tmp.resolve("store.ndjson"), 100).down(true);
    LogPipeline first = pipelines.start(config(), down);
    PlatformLogger log = PlatformLogger.on(first, "orders");
    for (int i = 0; i < 1000; i++) {
      log.info("m" + i);
    }
    first.close(Duration.ofMillis(300));
    Path seg;
    try (Stream<Path> segs = Files.list(spoolDir())) {
      seg = segs.filter(f -> f.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      long len = f.length();
      f.seek(len / 2);
      f.write(new byte[] {0x00, 0x7F, (byte) 0xFF, 0x13}); // flip bytes in the middle
      f.setLength(len - 10); // and tear the tail
    }
    FileSink up = new FileSink("store", tmp.resolve("store.ndjson"), 100);
    LogPipeline second = pipelines.start(config(), up);
    PlatformLogger.on(second, "orders").info("after restart");
    assertThat(second.flush(WAIT)).isTrue();
    List<String> got = messages(tmp.resolve("store.ndjson"));
    assertThat(got).doesNotHaveDuplicates().endsWith("after restart");
    assertThat(got.size()).isBetween(1000 - 3, 1000 - 1); // one or two damaged records, one torn
    assertThat(got.subList(0, got.size() - 1)).isSubsetOf(numbered("m", 0, 1000)).contains("m0", "m998");
    assertThat(second.stats().sink("store").shedByReason().get("spool_corrupt")).isEqualTo(2L);
    assertThat(pipelines.fallback()).contains("corrupt or torn region");
  }

  @Test
  void aSpoolDirectoryInUseFallsBackToMemoryAndSaysSoOnce() throws Exception {
    FileSink a = new FileSink("store", tmp.resolve("a.ndjson"), 100);
    FileSink b = new FileSink("store", tmp.resolve("b.ndjson"), 100);
    LogPipeline first = pipelines.start(config(), a);
    LogPipeline second = pipelines.start(config(), b);
    assertThat(second.stats().spool().state()).startsWith("memory-only: ").contains("in use by another process");
    PlatformLogger.on(second, "x").info("still logged");
    PlatformLogger.on(second, "x").info("and again");
    assertThat(second.flush(WAIT)).isTrue();
    assertThat(messages(tmp.resolve("b.ndjson"))).containsExactly("still logged", "and again");
    assertThat(pipelines.fallback().split("in use by another process", -1)).hasSize(2);
    assertThat(first.stats().spool().state()).isEqualTo("on");
  }

  @Test
  void aSpoolDirectoryThatCannotBeCreatedFallsBackToMemory() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    FileSink sink = new FileSink("store", tmp.resolve("store.ndjson"), 100);
    LogPipeline p = pipelines.start(config().spoolDir(file.resolve("spool")), sink);
    PlatformLogger.on(p, "x").info("kept in memory");
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(messages(tmp.resolve("store.ndjson"))).containsExactly("kept in memory");
    assertThat(p.stats().spool().state()).startsWith("memory-only: cannot create spool directory");
    assertThat(pipelines.fallback()).contains("continuing in memory only");
  }

  @Test
  void theSizeBoundShedsLowLevelsFirstAndCountsEveryShedEntry() throws Exception {
    FileSink down = new FileSink("store", tmp.resolve("store.ndjson"), 100).down(true);
    LogPipeline p = pipelines.start(config().spoolMaxBytes(1 << 20).spoolSegmentBytes(64 << 10), down);
    PlatformLogger log = PlatformLogger.on(p, "flood");
    String pad = "p".repeat(400);
    for (int i = 0; i < 4000; i++) {
      log.info("info " + i + pad);
    }
    assertThat(p.flush(Duration.ofMillis(1))).isFalse();
    Conditions.await("the dispatcher has shed", WAIT, () -> p.stats().queued() == 0 && p.stats().spool().shed() > 0);
    for (int i = 0; i < 50; i++) {
      log.warn("warn " + i);
    }
    Conditions.await("everything is spooled or shed", WAIT,
        () -> p.stats().queued() == 0 && p.stats().spool().appended() + p.stats().spool().shed() >= 4050);
    SpoolStats spool = p.stats().spool();
    assertThat(spool.shedByLevel()).containsOnlyKeys(Level.INFO);
    assertThat(spool.bytes()).isLessThanOrEqualTo(1 << 20);
    SinkStats s = p.stats().sink("store");
    assertThat(s.shedByReason().get("spool_full")).isEqualTo(spool.shed());
    down.down(false);
    assertThat(p.flush(WAIT)).isTrue();
    List<String> got = messages(tmp.resolve("store.ndjson"));
    assertThat(got.stream().filter(m -> m.startsWith("warn")).count()).isEqualTo(50);
    assertThat(got.size() + spool.shed()).isEqualTo(4050 + countShedSummaries(got));
  }

  private static long countShedSummaries(List<String> messages) {
    return messages.stream().filter(m -> m.startsWith("platform-logger shed")).count();
  }

  @Test
  void entriesOlderThanMaxAgeAreShedInsteadOfDelivered() throws Exception {
    FileSink down = new FileSink("store", tmp.resolve("store.ndjson"), 100).down(true);
    Clock twoHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
    LogPipeline first = pipeline(config(), twoHoursAgo, down);
    for (int i = 0; i < 20; i++) {
      PlatformLogger.on(first, "old").info("old " + i);
    }
    first.close(Duration.ofMillis(300));
    FileSink up = new FileSink("store", tmp.resolve("store.ndjson"), 100);
    LogPipeline second = pipelines.start(config().spoolMaxAge(Duration.ofHours(1)), up);
    PlatformLogger.on(second, "new").info("fresh");
    assertThat(second.flush(WAIT)).isTrue();
    List<String> got = messages(tmp.resolve("store.ndjson"));
    assertThat(got).startsWith("fresh");
    assertThat(got.subList(1, got.size())).allMatch(m -> m.startsWith("platform-logger shed") && m.contains("spool_max_age"));
    SinkStats s = second.stats().sink("store");
    assertThat(s.shedByReason()).containsEntry("spool_max_age", 20L);
    assertThat(s.shedByLevel()).containsEntry(Level.INFO, 20L);
  }

  @Test
  void withSyncOnErrorAnErrorCallReturnsOnlyOnceItsEntryIsOnDisk() throws Exception {
    FileSink sink = new FileSink("store", tmp.resolve("store.ndjson"), 100).down(true);
    LogPipeline p = pipelines.start(config().spoolSyncInterval(Duration.ofMinutes(1)).spoolSyncOnError(true), sink);
    PlatformLogger log = PlatformLogger.on(p, "pay");
    log.info("before");
    assertThat(p.stats().spool().syncs()).isZero();
    log.error("payment failed");
    assertThat(p.stats().spool().syncs()).isEqualTo(1);
    assertThat(p.stats().spool().appended()).isEqualTo(2);
    p.close(Duration.ofMillis(100));
  }

  @Test
  void theConsoleIsNotFedFromTheSpool() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FileSink sink = new FileSink("store", tmp.resolve("store.ndjson"), 100);
    LogPipeline p =
        pipelines.start(
            config(),
            io.platformlogger.core.console.ConsoleSink.builder()
                .output(new PrintStream(out, true, StandardCharsets.UTF_8)).build(),
            sink);
    PlatformLogger.on(p, "x").info("hello");
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(p.stats().sink("store").spooled()).isEqualTo(1);
    assertThat(p.stats().sink("console").spooled()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("hello");
  }

  @Test
  void countersAreLoggedPeriodicallyWhenAsked() throws Exception {
    FileSink sink = new FileSink("store", tmp.resolve("store.ndjson"), 100);
    LogPipeline p =
        pipelines.start(config().metricsLogInterval(Duration.ofSeconds(1)).flushInterval(Duration.ofMillis(50)), sink);
    PlatformLogger.on(p, "x").info("one");
    Conditions.await("a metrics entry is stored", WAIT, () -> {
      try {
        return FileSink.read(tmp.resolve("store.ndjson")).stream()
            .anyMatch(e -> "platform_logger.metrics".equals(e.eventType()));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    LogEntry m = FileSink.read(tmp.resolve("store.ndjson")).stream()
        .filter(e -> "platform_logger.metrics".equals(e.eventType())).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> store = (Map<String, Object>) ((Map<String, Object>) m.data().get("sinks")).get("store");
    assertThat(store).containsKeys("enqueued", "written", "retries", "spooled", "replayed", "shed_by_reason",
        "spool_bytes", "oldest_undelivered_ms");
    assertThat(m.data()).containsEntry("spool_state", "on");
  }

  @Test
  void twoSinksWithTheSameNameKeepSeparatePositions() throws Exception {
    FileSink a = new FileSink("store", tmp.resolve("a.ndjson"), 100);
    FileSink b = new FileSink("store", tmp.resolve("b.ndjson"), 100).down(true);
    LogPipeline p = pipelines.start(config(), a, b);
    PlatformLogger.on(p, "x").info("one");
    assertThat(p.flush(Duration.ofMillis(200))).isFalse();
    b.down(false);
    assertThat(p.flush(WAIT)).isTrue();
    assertThat(messages(tmp.resolve("a.ndjson"))).containsExactly("one");
    assertThat(messages(tmp.resolve("b.ndjson"))).containsExactly("one");
    Set<String> cursors = new HashSet<>();
    try (Stream<Path> files = Files.list(spoolDir())) {
      files.filter(f -> f.getFileName().toString().startsWith("cursor-")).forEach(f -> cursors.add(f.getFileName().toString()));
    }
    assertThat(cursors).containsExactlyInAnyOrder("cursor-store.pos", "cursor-store-2.pos");
  }
}
