package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.json.JsonLinesWriter;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes every entry to JSON Lines, as a file or socket sink would ({@link JsonLinesWriter}),
 * and throws the bytes away; counts entries. The anchors get the same treatment (their JSON
 * layout to a discarding output). With the spool on, the entry's JSON made for the spool is
 * reused, as for every JSON sink.
 */
final class DiscardingJsonSink implements LogSink {
  private final AtomicLong entries = new AtomicLong();
  private final JsonLinesWriter lines = LogEntryJson.linesWriter(OutputStream.nullOutputStream());

  @Override
  public String name() {
    return "discard";
  }

  /**
   * No, as for every sink that streams JSON Lines into one output: its {@link JsonLinesWriter}
   * encodes into a reused buffer on the sink's thread (with the spool on it writes the bytes the
   * spool made). {@code -Dbench.sink-json=true} says yes, so that the dispatcher encodes each entry
   * into an array of its own, as it does for Kafka: what that costs a streaming sink, in one build.
   */
  @Override
  public boolean wantsEntryJson() {
    return Boolean.getBoolean("bench.sink-json");
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws IOException {
    for (LogEntry entry : batch) {
      lines.write(entry);
    }
    lines.flush();
    entries.addAndGet(batch.size());
  }

  /**
   * Whether this JVM runs our pipeline with the durable spool ({@code -Dbench.spool=true}):
   * production's default, but the anchors keep nothing on disk, so the like-for-like rows run
   * without it.
   */
  static boolean spoolOn() {
    return Boolean.getBoolean("bench.spool");
  }

  /**
   * Whether this JVM runs our pipeline with {@code queue.overflow=block} ({@code
   * -Dbench.overflow=block}): callers wait (at most 10 ms a call) instead of shedding, as Log4j 2's
   * all-asynchronous loggers block theirs, so both deliver everything and the delivery rate is
   * compared over the same work.
   */
  static boolean blockOn() {
    return "block".equals(System.getProperty("bench.overflow"));
  }

  /**
   * Installs the process-wide pipeline every benchmark of ours runs: production settings (INFO,
   * console off, no shutdown hook) with this one sink; the spool only when {@link #spoolOn()}, in
   * a fresh temporary directory.
   */
  static LogPipeline installPipeline(DiscardingJsonSink sink) {
    PlatformLoggerConfig.Builder config =
        PlatformLoggerConfig.builder()
            .service("checkout")
            .environment(Environment.PRODUCTION)
            .level(Level.INFO)
            .consoleEnabled(false)
            .shutdownHook(false)
            .spoolEnabled(spoolOn());
    if (blockOn()) {
      config.overflowPolicy(OverflowPolicy.BLOCK);
    }
    Integer backlog = Integer.getInteger("bench.backlog"); // sink.backlog-capacity, to try its effect on GC
    if (backlog != null) {
      config.sinkBacklogCapacity(backlog);
    }
    if (spoolOn()) {
      try {
        config.spoolDir(Files.createTempDirectory("caller-cost-spool"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    LogPipeline pipeline =
        LogPipeline.builder()
            .config(config.build())
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
