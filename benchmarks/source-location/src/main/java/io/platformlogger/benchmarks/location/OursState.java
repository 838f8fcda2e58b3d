package io.platformlogger.benchmarks.location;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.sink.LogSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** platform-logger's pipeline with a sink that only counts, so the caller's cost is what is measured. */
final class OursState {
  final LongAdder delivered = new LongAdder();
  final LogPipeline pipeline;
  final Logger logger;

  OursState() {
    this(false);
  }

  /** @param locationRuntime {@code location.runtime}: calls without a compile-time site walk the stack */
  OursState(boolean locationRuntime) {
    LogSink counting = new LogSink() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public void write(List<LogEntry> batch) {
        delivered.add(batch.size());
      }

      @Override
      public void close() {}
    };
    pipeline = LogPipeline.builder()
        .config(PlatformLoggerConfig.builder()
            .service("bench")
            .environment(Environment.PRODUCTION)
            .level(Level.INFO)
            .consoleEnabled(false)
            .shutdownHook(false)
            .queueCapacity(1 << 16) // larger than one measured batch: nothing is shed
            .locationRuntime(locationRuntime)
            .build())
        .configuredSinks(false)
        .sink(counting, Level.INFO)
        .build();
    PlatformLoggers.install(pipeline);
    logger = LoggerFactory.getLogger("bench.checkout");
    if (!logger.getClass().getName().startsWith("io.platformlogger")) {
      throw new IllegalStateException("SLF4J picked " + logger.getClass() + "; run with -Dslf4j.provider="
          + "io.platformlogger.core.slf4j.PlatformSlf4jServiceProvider");
    }
  }

  void drain() {
    if (!pipeline.flush(Duration.ofSeconds(30))) {
      throw new IllegalStateException("pipeline did not drain");
    }
  }

  void close() {
    pipeline.close(Duration.ofSeconds(10));
  }
}
