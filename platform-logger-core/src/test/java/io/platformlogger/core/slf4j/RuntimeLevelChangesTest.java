package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogLevels;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.RecordingSink;
import io.platformlogger.core.pipeline.TestPipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Levels changed through {@link PlatformLoggers#levels()} while loggers are in use: SLF4J and
 * PlatformLogger loggers obtained before the change follow it on their next call.
 */
class RuntimeLevelChangesTest {
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();
  private final RecordingSink sink = new RecordingSink("collect");

  @BeforeEach
  void install() {
    pipelines.install(pipelines.build(pipelines.builder(
            PlatformLoggerConfig.builder()
                .service("orders")
                .environment(Environment.DEVELOPMENT)
                .level(Level.INFO)
                .consoleEnabled(false)
                .shutdownHook(false))
        .sink(sink, Level.TRACE)));
  }

  private List<String> messages() {
    assertThat(PlatformLoggers.pipeline().flush(Duration.ofSeconds(5))).isTrue();
    return sink.messages();
  }

  @Test
  void anSlf4jLoggerInUseFollowsALevelSetForItsPrefixOnItsNextCall() {
    Logger log = LoggerFactory.getLogger("com.acme.orders.Api");
    log.debug("before");
    assertThat(log.isDebugEnabled()).isFalse();

    PlatformLoggers.levels().set("com.acme", Level.DEBUG);
    assertThat(log.isDebugEnabled()).isTrue();
    log.debug("during");
    log.atDebug().log("fluent during");

    PlatformLoggers.levels().clear("com.acme");
    log.debug("after");
    assertThat(messages()).containsExactly("during", "fluent during");
  }

  @Test
  void theRootLevelSetAtRunTimeSilencesAndRestoresEveryLogger() {
    Logger log = LoggerFactory.getLogger("org.other.Thing");
    PlatformLogger rich = PlatformLoggers.createLogger("orders");
    PlatformLoggers.levels().set(LogLevels.ROOT, Level.ERROR);
    log.warn("silenced");
    rich.warn("silenced too");
    assertThat(rich.isInfoEnabled()).isFalse();
    PlatformLoggers.levels().clear(LogLevels.ROOT);
    log.warn("heard");
    rich.info("heard too");
    assertThat(messages()).containsExactly("heard", "heard too");
  }

  @Test
  void levelsSetAtRunTimeSurviveConfigureReplacingThePipeline() {
    PlatformLoggers.levels().set("com.acme", Level.DEBUG);
    LogPipeline replaced =
        PlatformLoggers.configure(
            PlatformLoggerConfig.builder().consoleEnabled(false).shutdownHook(false).spoolEnabled(false).build());
    pipelines.closeAfter(replaced);
    assertThat(replaced.levels().configured("com.acme")).isEqualTo(Level.DEBUG);
    assertThat(LoggerFactory.getLogger("com.acme.X").isDebugEnabled()).isTrue();
  }

  @Test
  void concurrentChangesAreNeverLostAndLoggersSettleOnTheLastOne() throws Exception {
    int threads = 4;
    int changesEach = 200;
    Logger log = LoggerFactory.getLogger("com.acme.busy.Worker");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // Loggers keep calling while levels change under them.
    Thread caller =
        new Thread(
            () -> {
              while (!stop.get()) {
                // Checks only: logging TRACE in a loop would just fill the queue.
                log.isDebugEnabled();
                log.isTraceEnabled();
                calls.incrementAndGet();
              }
            });
    caller.start();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> changers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String prefix = "com.acme.busy.p" + t;
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < changesEach; i++) {
                    PlatformLoggers.levels().set(prefix + "." + i, Level.DEBUG);
                    PlatformLoggers.levels().set("com.acme.busy", i % 2 == 0 ? Level.TRACE : Level.ERROR);
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      th.start();
      changers.add(th);
    }
    start.countDown();
    for (Thread th : changers) {
      th.join(TimeUnit.SECONDS.toMillis(60));
    }
    PlatformLoggers.levels().set("com.acme.busy", Level.TRACE);
    assertThat(log.isTraceEnabled()).isTrue();
    stop.set(true);
    caller.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(failure.get()).isNull();
    assertThat(calls.get()).isPositive();
    // Every distinct prefix set by every thread is there: no change overwrote another.
    assertThat(PlatformLoggers.levels().overrides()).hasSize(threads * changesEach + 1);
    assertThat(PlatformLoggers.levels().generation()).isEqualTo(threads * changesEach * 2 + 1);
    PlatformLoggers.levels().set("com.acme.busy", Level.ERROR);
    assertThat(log.isWarnEnabled()).isFalse();
  }
}
