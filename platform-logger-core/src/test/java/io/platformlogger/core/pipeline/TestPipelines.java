package io.platformlogger.core.pipeline;

import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.sink.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The pipelines of one test: built without the configured sinks, their fallback output (stderr
 * otherwise) captured for assertions, and closed after the test. Register it with
 * {@code @RegisterExtension}; it runs after the test class's own {@code @AfterEach} methods. Public
 * for core's tests in other packages (the one fixture for "a real pipeline into a test sink").
 */
public final class TestPipelines implements AfterEachCallback {
  private final ByteArrayOutputStream fallbackBytes = new ByteArrayOutputStream();
  private final List<LogPipeline> built = new ArrayList<>();
  /** The process-wide pipeline {@link #install} replaced (null when nothing was installed). */
  private LogPipeline previous;
  private boolean installed;

  /** A builder for {@code config} without the configured sinks, its fallback output captured. */
  public LogPipeline.Builder builder(PlatformLoggerConfig.Builder config) {
    return LogPipeline.builder()
        .config(config.build())
        .configuredSinks(false)
        .fallbackOutput(new PrintStream(fallbackBytes, true, StandardCharsets.UTF_8));
  }

  /** Builds (and starts) the pipeline, to be closed after the test. */
  public LogPipeline build(LogPipeline.Builder builder) {
    LogPipeline p = builder.build();
    built.add(p);
    return p;
  }

  /** A pipeline for {@code config} writing to {@code sinks}, closed after the test. */
  public LogPipeline start(PlatformLoggerConfig.Builder config, LogSink... sinks) {
    LogPipeline.Builder b = builder(config);
    for (LogSink s : sinks) {
      b.sink(s);
    }
    return build(b);
  }

  /** What every pipeline of the test wrote to its fallback output so far. */
  public String fallback() {
    return fallbackBytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Installs {@code pipeline} as the process-wide one ({@link PlatformLoggers#install}); the
   * previous one is restored after the test, before the pipelines are closed.
   */
  public LogPipeline install(LogPipeline pipeline) {
    LogPipeline replaced = PlatformLoggers.install(pipeline);
    if (!installed) {
      previous = replaced;
      installed = true;
    }
    return pipeline;
  }

  /** Closes {@code pipeline} after the test, like the ones built here (one another call created). */
  public LogPipeline closeAfter(LogPipeline pipeline) {
    built.add(pipeline);
    return pipeline;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (installed) {
      PlatformLoggers.install(previous);
      installed = false;
    }
    built.forEach(p -> p.close(Duration.ofSeconds(5)));
  }
}
