package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps every entry written, duplicates included, to count how often each was stored. */
final class RecordingSink implements LogSink {
  private final List<LogEntry> written = new ArrayList<>();

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public synchronized void write(List<LogEntry> batch) {
    written.addAll(batch);
  }

  synchronized List<LogEntry> written() {
    return List.copyOf(written);
  }

  @Override
  public void close() {}
}
