package io.platformlogger.kafka;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import io.platformlogger.testkit.InMemorySink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A provider of named in-memory sinks ({@code name=...}), so a test can read what a command line stored. */
public final class SharedMemorySinkProvider implements LogSinkProvider {
  static final Map<String, InMemorySink> SINKS = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "shared-memory";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    String name = properties.get("name");
    if (name == null) {
      throw new IllegalArgumentException("sink.shared-memory.name is missing: name the sink");
    }
    return SINKS.computeIfAbsent(name, n -> new InMemorySink());
  }
}
