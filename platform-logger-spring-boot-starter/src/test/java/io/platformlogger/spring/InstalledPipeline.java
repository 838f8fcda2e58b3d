package io.platformlogger.spring;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.testkit.InMemorySink;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real pipeline (level INFO, console off, one in-memory sink) installed as the process-wide one
 * for each test, and the previous one restored after it. Register with {@code @RegisterExtension}.
 */
final class InstalledPipeline implements BeforeEachCallback, AfterEachCallback {
  final InMemorySink sink = new InMemorySink();
  LogPipeline pipeline;
  private LogPipeline previous;

  @Override
  public void beforeEach(ExtensionContext context) {
    pipeline = build(sink);
    previous = PlatformLoggers.install(pipeline);
  }

  /** The same settings as the installed pipeline, writing to {@code into}; closing it is the caller's. */
  static LogPipeline build(InMemorySink into) {
    PlatformLoggerConfig config =
        PlatformLoggerConfig.builder()
            .service("orders")
            .environment(Environment.DEVELOPMENT)
            .level(Level.INFO)
            .consoleEnabled(false)
            .shutdownHook(false)
            .build();
    return LogPipeline.builder().config(config).configuredSinks(false).sink(into, Level.TRACE).build();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    PlatformLoggers.install(previous);
    pipeline.close(Duration.ofSeconds(5));
  }

  void flush() {
    if (!pipeline.flush(Duration.ofSeconds(10))) {
      throw new AssertionError("pipeline did not flush in 10 s");
    }
  }
}
