package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platformlogger.core.PlatformLogger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meters read a real pipeline's counters, without Spring. */
class PlatformLoggerMetersTest {
  @RegisterExtension final InstalledPipeline installed = new InstalledPipeline();

  @Test
  void entriesByLevelAndPerSinkCountersFollowThePipeline() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new PlatformLoggerMeters(() -> installed.pipeline).bindTo(registry);
    PlatformLogger log = PlatformLogger.on(installed.pipeline, "orders");
    log.info("one");
    log.info("two");
    log.warn("three");
    log.debug("not built at INFO");
    installed.flush();

    assertThat(registry.get("platform.logger.entries").tag("level", "info").functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("platform.logger.entries").tag("level", "warn").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("platform.logger.entries").tag("level", "debug").functionCounter().count()).isZero();
    String sink = installed.sink.name();
    assertThat(registry.get("platform.logger.sink.written").tag("sink", sink).functionCounter().count()).isEqualTo(3);
    assertThat(registry.get("platform.logger.sink.failed").tag("sink", sink).functionCounter().count()).isZero();
    assertThat(registry.get("platform.logger.sink.retries").tag("sink", sink).functionCounter().count()).isZero();
    assertThat(registry.get("platform.logger.sink.backlog").tag("sink", sink).gauge().value()).isZero();
    assertThat(registry.get("platform.logger.sink.oldest.undelivered.age").tag("sink", sink).timeGauge()
        .value(TimeUnit.SECONDS)).isZero();
    assertThat(registry.get("platform.logger.sink.shed").tags("sink", sink, "reason", "backlog_full")
        .functionCounter().count()).isZero();
    assertThat(registry.get("platform.logger.shed").tag("reason", "queue_full").functionCounter().count()).isZero();
    assertThat(registry.get("platform.logger.spool.bytes").gauge().value()).isZero();
  }

  @Test
  void aSinkFailureIsCountedAsARetry() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new PlatformLoggerMeters(() -> installed.pipeline).bindTo(registry);
    installed.sink.failNext(1, new java.io.IOException("down"));
    PlatformLogger.on(installed.pipeline, "orders").error("boom");
    // The retry comes after a back-off: wait (at most 10 s) for the entry to be written.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
        registry.get("platform.logger.sink.written").tag("sink", installed.sink.name()).functionCounter().count() == 1);
    assertThat(registry.get("platform.logger.sink.retries").tag("sink", installed.sink.name())
        .functionCounter().count()).isEqualTo(1);
  }

  @Test
  void callsAfterCloseAreCountedAsShed() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new PlatformLoggerMeters(() -> installed.pipeline).bindTo(registry);
    installed.pipeline.close();
    PlatformLogger.on(installed.pipeline, "orders").info("too late");
    assertThat(registry.get("platform.logger.shed").tag("reason", "after_close").functionCounter().count()).isEqualTo(1);
  }
}
