package io.platformlogger.testkit.example;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends entries to a file, one JSON object per line: the example of docs/writing-a-sink.md.
 * Thread-safe (every method synchronizes on the sink). Not idempotent: a retried batch is appended
 * again.
 */
public final class NdjsonFileSink implements LogSink {
  private final Path file;
  private FileChannel channel; // opened on the first write, on the sink's thread
  private boolean closed;

  public NdjsonFileSink(Path file) {
    this.file = file;
  }

  @Override
  public String name() {
    return "ndjson-file";
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws IOException, LogSinkException {
    if (closed) {
      throw new IllegalStateException("sink closed");
    }
    // Encode the whole batch first: an entry that cannot be encoded fails it before any byte is
    // written, and the pipeline isolates that entry instead of retrying.
    StringBuilder lines = new StringBuilder();
    for (LogEntry entry : batch) {
      try {
        lines.append(LogEntryJson.encode(entry)).append('\n');
      } catch (RuntimeException e) {
        throw LogSinkException.permanent("cannot encode entry " + entry.id(), e);
      }
    }
    if (channel == null) {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes); // an IOException here is retryable: the pipeline hands the batch again
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    if (channel != null && !closed) {
      channel.force(false);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (channel != null) {
      channel.force(false);
      channel.close();
    }
  }
}
