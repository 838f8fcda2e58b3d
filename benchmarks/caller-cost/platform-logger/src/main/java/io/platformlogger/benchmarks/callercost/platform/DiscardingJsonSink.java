package io.platformlogger.benchmarks.callercost.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes every entry to JSON, as a real sink would, and throws the bytes away; counts entries.
 * The anchors get the same treatment (their JSON layout to a discarding output).
 */
final class DiscardingJsonSink implements LogSink {
  private final AtomicLong entries = new AtomicLong();
  private final JsonGenerator generator;

  DiscardingJsonSink() {
    try {
      generator = new JsonFactory().createGenerator(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return "discard";
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws IOException {
    for (LogEntry entry : batch) {
      LogEntryJson.write(entry, generator);
      generator.writeRaw('\n');
    }
    generator.flush();
    entries.addAndGet(batch.size());
  }

  /**
   * Installs the process-wide pipeline every benchmark of ours runs: production settings (INFO,
   * console off, no shutdown hook) with this one sink.
   */
  static LogPipeline installPipeline(DiscardingJsonSink sink) {
    LogPipeline pipeline =
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
    return pipeline;
  }

  long entries() {
    return entries.get();
  }

  @Override
  public void close() {}
}
