package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.pipeline.LogPipeline;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CaptureLogs
class CaptureLogsExtensionTest {
  private static LogPipeline outside;

  @BeforeAll
  static void rememberTheProcessWidePipeline() {
    outside = PlatformLoggers.install(null);
  }

  @AfterAll
  static void restoreIt() {
    PlatformLoggers.install(outside);
  }

  @Test
  void capturesWhatTheTestLogsInOrder(CapturedLogs logs) {
    PlatformLogger log = PlatformLoggers.createLogger("orders");
    log.debug("looking up {}", "o-1");
    log.info("order placed", Map.of("order_id", "o-1"));
    log.error("payment failed", new IllegalStateException("declined"));

    assertThat(logs.messages()).containsExactly("looking up o-1", "order placed", "payment failed");
    assertThat(logs.entries(Level.ERROR)).singleElement().satisfies(e ->
        LogAssertions.assertThat(e).hasErrorType(IllegalStateException.class));
    logs.assertThat().isInOrderOfMessages("order placed", "payment failed");
  }

  @Test
  void eachTestStartsEmpty(CapturedLogs logs) {
    assertThat(logs.entries()).isEmpty();
    PlatformLoggers.createLogger("orders").warn("only this one");
    assertThat(logs.messages()).containsExactly("only this one");
    logs.clear();
    assertThat(logs.entries()).isEmpty();
  }

  @Test
  @CaptureLogs(level = Level.WARN)
  void aMethodLevelAnnotationSetsTheLevel(CapturedLogs logs) {
    PlatformLogger log = PlatformLoggers.createLogger("orders");
    log.info("not captured");
    log.warn("captured");
    assertThat(logs.messages()).containsExactly("captured");
  }

  @Test
  void theCapturingPipelineIsTheProcessWideOneDuringTheTest(CapturedLogs logs) {
    assertThat(PlatformLoggers.pipeline()).isSameAs(logs.pipeline());
  }
}
