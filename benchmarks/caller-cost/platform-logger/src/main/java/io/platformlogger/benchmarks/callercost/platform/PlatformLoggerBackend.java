package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.benchmarks.callercost.Backend;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.PipelineStats;
import java.time.Duration;

/** Our pipeline for the end-to-end run: production settings, one discarding JSON sink. */
public final class PlatformLoggerBackend implements Backend {
  private DiscardingJsonSink sink;
  private LogPipeline pipeline;

  @Override
  public String name() {
    return "platform-logger";
  }

  @Override
  public void start() {
    sink = new DiscardingJsonSink();
    pipeline =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .service("checkout")
                    .environment(Environment.PRODUCTION)
                    .level(Level.INFO)
                    .consoleEnabled(false)
                    .shutdownHook(false)
                    .build())
            .sink(sink)
            .build();
    PlatformLoggers.install(pipeline);
  }

  @Override
  public long delivered() {
    return sink.entries();
  }

  @Override
  public long stop() {
    pipeline.close(Duration.ofSeconds(30));
    PipelineStats stats = pipeline.stats();
    return stats.shed() + stats.sink("discard").shed() + stats.sink("discard").failed();
  }
}
