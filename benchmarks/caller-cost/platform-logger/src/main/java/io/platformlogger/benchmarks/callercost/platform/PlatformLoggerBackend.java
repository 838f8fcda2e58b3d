package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.benchmarks.callercost.Backend;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.PipelineStats;
import java.time.Duration;

/** Our pipeline for the end-to-end run: production settings, one discarding JSON sink, the spool if asked. */
public final class PlatformLoggerBackend implements Backend {
  private DiscardingJsonSink sink;
  private LogPipeline pipeline;

  @Override
  public String name() {
    return (DiscardingJsonSink.spoolOn() ? "platform-logger-spool" : "platform-logger")
        + (DiscardingJsonSink.blockOn() ? "-block" : "");
  }

  @Override
  public void start() {
    sink = new DiscardingJsonSink();
    pipeline = DiscardingJsonSink.installPipeline(sink);
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
