package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A real file sink for the spool's tests (core cannot use the testkit's): appends one JSON entry
 * per line and can be switched "down", when every write throws before touching the file, as a
 * server that refuses connections would.
 */
class FileSink implements LogSink {
  private final String name;
  private final Path file;
  private final int maxBatch;
  private volatile boolean down;
  private FileChannel channel;
  private boolean closed;

  FileSink(String name, Path file, int maxBatch) {
    this.name = name;
    this.file = file;
    this.maxBatch = maxBatch;
  }

  FileSink down(boolean down) {
    this.down = down;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxBatchSize() {
    return maxBatch;
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws IOException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (down) {
      throw new IOException("sink '" + name + "' is down");
    }
    if (channel == null) {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    StringBuilder sb = new StringBuilder();
    for (LogEntry e : batch) {
      sb.append(LogEntryJson.encode(e)).append('\n');
    }
    ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (channel != null) {
      channel.close();
    }
  }

  static List<LogEntry> read(Path file) throws IOException {
    List<LogEntry> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      try {
        out.add(LogEntryJson.decode(line));
      } catch (IllegalArgumentException torn) {
        if (i != lines.size() - 1) {
          throw torn; // only the last line may be cut short, by a kill during the write
        }
      }
    }
    return out;
  }
}
