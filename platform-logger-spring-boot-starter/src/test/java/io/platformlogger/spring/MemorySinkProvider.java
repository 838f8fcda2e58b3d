package io.platformlogger.spring;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import io.platformlogger.testkit.InMemorySink;
import java.util.Map;

/** {@code sinks=memory}: an {@link InMemorySink} per pipeline, the newest one readable by tests. */
public final class MemorySinkProvider implements LogSinkProvider {
  private static volatile InMemorySink last;

  static InMemorySink last() {
    return last;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    InMemorySink sink = new InMemorySink();
    last = sink;
    return sink;
  }
}
