package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code queue.overflow=block}: a call waits for room at most {@code queue.block-timeout}, then
 * sheds and counts; it never waits on a thread the pipeline itself needs. The waits go through a
 * {@link QueueWait.Parker} whose clock only the parks advance, so the bound is checked exactly
 * and without timing anything.
 */
class BlockingOverflowTest {
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  /** A clock that moves only when parked; records every park. */
  static final class RecordingParker implements QueueWait.Parker {
    final List<Long> parks = new ArrayList<>();
    long now = 1_000_000_000L;
    Runnable duringPark = () -> {};

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void parkNanos(long nanos) {
      parks.add(nanos);
      now += nanos;
      duringPark.run();
    }

    long parked() {
      return parks.stream().mapToLong(Long::longValue).sum();
    }
  }

  private static PlatformLoggerConfig.Builder config() {
    return PlatformLoggerConfig.builder()
        .service("test-svc")
        .consoleEnabled(false)
        .shutdownHook(false)
        .spoolEnabled(false)
        .queueCapacity(64)
        .overflowPolicy(OverflowPolicy.BLOCK)
        .queueBlockTimeout(Duration.ofMillis(10));
  }

  private LogPipeline stalled(RecordingParker parker, RecordingSink sink) {
    return pipelines.build(pipelines.builder(config()).sink(sink).parker(parker).startThreads(false));
  }

  @Test
  void aCallToAStalledPipelineWaitsExactlyTheBoundThenIsShedAndCounted() {
    RecordingParker parker = new RecordingParker();
    LogPipeline p = stalled(parker, new RecordingSink("rec")); // nothing ever drains the queue
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 64; i++) {
      log.info("fills {}", i);
    }
    assertThat(parker.parks).isEmpty(); // room: no call waited

    log.info("finds the queue full");

    assertThat(parker.parked()).isEqualTo(Duration.ofMillis(10).toNanos());
    assertThat(parker.parks).allSatisfy(n -> assertThat(n).isBetween(1L, 100_000L));
    assertThat(p.stats().enqueued()).isEqualTo(64);
    assertThat(p.stats().shedByLevel()).containsOnly(java.util.Map.entry(Level.INFO, 1L));
  }

  @Test
  void aCallThatGetsRoomWhileWaitingIsQueuedInOrderAndNothingIsShed() {
    RecordingParker parker = new RecordingParker();
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = stalled(parker, sink);
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 64; i++) {
      log.warn("e{}", i);
    }
    parker.duringPark = () -> p.dispatcher().step(false); // the dispatcher catches up meanwhile

    log.warn("e{}", 64);
    p.dispatcher().step(true);

    assertThat(parker.parked()).isPositive().isLessThan(Duration.ofMillis(10).toNanos());
    assertThat(p.stats().shed()).isZero();
    assertThat(p.stats().enqueued()).isEqualTo(65);
    List<String> messages = p.workers().get(0).backlogSnapshot().stream().map(e -> e.message()).toList();
    assertThat(messages).hasSize(65).startsWith("e0", "e1").endsWith("e63", "e64");
  }

  @Test
  void callersNeverHangWhileTheDispatcherIsStuckForever() throws Exception {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.build(pipelines.builder(config()).sink(sink)); // real threads and parking
    PlatformLogger log = PlatformLogger.on(p, "svc");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Object stuck =
        new Object() {
          @Override
          public String toString() { // formatted on the dispatcher thread, which never comes back
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return "stuck";
          }
        };
    try {
      log.info("formats {}", stuck);
      entered.await();
      for (int i = 0; i < 100; i++) {
        log.info("after {}", i); // each returns: at most 10 ms of waiting once the queue is full
      }
      PipelineStats s = p.stats();
      assertThat(s.enqueued()).isEqualTo(1 + 64);
      assertThat(s.shedByLevel()).containsOnly(java.util.Map.entry(Level.INFO, 36L));
    } finally {
      release.countDown();
    }
    assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(sink.entries()).extracting(e -> e.message()).contains("formats stuck", "after 0", "after 63");
  }

  @Test
  void aPipelineThreadLoggingIntoAFullQueueNeverWaits() throws Exception {
    RecordingParker parker = new RecordingParker();
    LogPipeline p = stalled(parker, new RecordingSink("rec"));
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 64; i++) {
      log.info("fills {}", i);
    }
    Thread own = new PipelineThread(() -> log.warn("from inside a sink's write"), "platform-logger-sink-x");
    own.start();
    own.join();

    assertThat(parker.parks).isEmpty();
    assertThat(p.stats().internal()).isEqualTo(1);
    assertThat(pipelines.fallback()).contains("from inside a sink's write");
  }

  @Test
  void aSinksClientLibraryLoggingFromItsOwnThreadsNeverWaits() {
    RecordingParker parker = new RecordingParker();
    RecordingSink sink =
        new RecordingSink("rec") {
          @Override
          public Set<String> ownLoggerPrefixes() {
            return Set.of("org.example.client");
          }
        };
    LogPipeline p = stalled(parker, sink);
    for (int i = 0; i < 64; i++) {
      PlatformLogger.on(p, "svc").info("fills {}", i);
    }

    PlatformLogger.on(p, "org.example.client.network").warn("an I/O thread of the sink's client");

    assertThat(parker.parks).isEmpty();
    assertThat(p.stats().shedByLevel()).containsOnly(java.util.Map.entry(Level.WARN, 1L));
  }

  @Test
  void whileEverySinksBacklogIsFullTheDispatcherLeavesEventsQueuedInsteadOfSheddingThem() {
    RecordingParker parker = new RecordingParker();
    LogPipeline p =
        pipelines.build(
            pipelines.builder(config().sinkBacklogCapacity(100).flushMaxEntries(50))
                .sink(new RecordingSink("rec"))
                .parker(parker)
                .startThreads(false)); // the worker takes nothing: its backlog only fills
    PlatformLogger log = PlatformLogger.on(p, "svc");
    for (int i = 0; i < 64; i++) {
      log.info("a{}", i);
    }
    p.dispatcher().step(false); // 50 handed to the backlog, 14 pending
    for (int i = 0; i < 64; i++) {
      log.info("b{}", i);
    }

    long wait = p.dispatcher().step(false); // 36 more, a second batch of 50: the backlog is full

    assertThat(wait).isEqualTo(1);
    assertThat(p.dispatcher().holding()).isTrue();
    assertThat(p.stats().sink("rec").shed()).isZero();
    assertThat(p.stats().sink("rec").backlog()).isEqualTo(100);
    assertThat(p.stats().queued()).isEqualTo(28);
    p.workers().get(0).step(); // the sink takes a batch: room again
    p.dispatcher().step(false);
    assertThat(p.dispatcher().holding()).isFalse();
    assertThat(p.stats().queued()).isZero();
    assertThat(p.stats().shed() + p.stats().sink("rec").shed()).isZero();
  }
}
