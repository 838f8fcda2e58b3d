package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cause chain thousands deep keeps its top frames, a summary of the middle and its root cause. */
class DeepCauseChainTest {
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  private LogEntry logged(Throwable error) {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.start(
        PlatformLoggerConfig.builder().service("svc").consoleEnabled(false).shutdownHook(false).spoolEnabled(false),
        sink);
    PlatformLogger.on(p, "svc").error("request failed", error);
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    return sink.entries().get(0);
  }

  @Test
  void aChainFiftyThousandCausesDeepKeepsTheTopFramesACauseSummaryAndTheRootCause() {
    Throwable chain = new IOException("disk gone");
    for (int i = 1; i <= 50_000; i++) {
      chain = new IllegalStateException("retry " + i, chain);
    }
    LogEntry e = logged(chain);

    assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(e.errorStack())
        .startsWith("java.lang.IllegalStateException: retry 50000\n\tat io.platformlogger.core.pipeline.DeepCauseChainTest.")
        .contains("Caused by: java.lang.IllegalStateException: retry 49999\n")
        .contains("\t... [49976 causes left out: 49976 × java.lang.IllegalStateException]\n")
        .contains("Caused by: java.lang.IllegalStateException: retry 1\n")
        .contains("Caused by: java.io.IOException: disk gone\n\tat io.platformlogger.core.pipeline.DeepCauseChainTest.")
        .doesNotContain("retry 100\n");
    assertThat(e.sanitized()).contains("error_causes_truncated").doesNotContain("stack_unavailable");
    assertThat(e.errorSignature()).isNotNull();
  }

  @Test
  void anOrdinaryChainIsRenderedExactlyAsPrintStackTraceDoes() {
    Throwable error = new IllegalStateException("outer", new IOException("inner"));
    java.io.StringWriter expected = new java.io.StringWriter();
    error.printStackTrace(new java.io.PrintWriter(expected));
    LogEntry e = logged(error);
    assertThat(e.errorStack()).isEqualTo(expected.toString());
    assertThat(e.sanitized()).isEmpty();
  }
}
