package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Environment;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core without opentelemetry-api on the classpath (the surefire execution {@code
 * without-opentelemetry} removes it; the default execution skips this class): logging works, the
 * probe says absent, and no entry gets span ids.
 */
class WithoutOpenTelemetryTest {
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  @Test
  void theApiIsReallyAbsentHere() {
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.trace.Span"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void loggingWorksAndNoEntryHasSpanIds() {
    assertThat(CurrentSpan.available()).isFalse();
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p =
        pipelines.start(
            PlatformLoggerConfig.builder()
                .service("no-otel")
                .environment(Environment.DEVELOPMENT)
                .consoleEnabled(false)
                .shutdownHook(false),
            sink);
    PlatformLogger.on(p, "no-otel").info("plain");
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(sink.entries()).singleElement().satisfies(e -> assertThat(e.traceId()).isNull());
  }

  @Test
  void theLookupClassIsNeverLoaded() throws Exception {
    CurrentSpan.capture(new LogEvent(io.platformlogger.core.Level.INFO, "x", java.time.Instant.now()));
    // Asking the class loader what it has loaded (without loading anything; the execution opens
    // java.lang for this) shows the probe kept away from the class that references the API.
    java.lang.reflect.Method findLoaded = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
    findLoaded.setAccessible(true);
    ClassLoader loader = CurrentSpan.class.getClassLoader();
    assertThat(findLoaded.invoke(loader, CurrentSpan.class.getName())).isNotNull();
    assertThat(findLoaded.invoke(loader, CurrentSpan.class.getName() + "$Lookup")).isNull();
  }
}
