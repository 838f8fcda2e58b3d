package io.platformlogger.examples.boot4;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import io.platformlogger.testkit.InMemorySink;
import java.util.Map;

/** {@code sinks=memory}: one {@link InMemorySink}, readable by the test. */
public final class MemorySinkProvider implements LogSinkProvider {
  static final InMemorySink SINK = new InMemorySink();

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    return SINK;
  }
}
