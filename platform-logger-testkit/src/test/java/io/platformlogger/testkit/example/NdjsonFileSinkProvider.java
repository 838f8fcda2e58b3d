package io.platformlogger.testkit.example;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.nio.file.Path;
import java.util.Map;

/** Creates an {@link NdjsonFileSink} from {@code sink.ndjson-file.path}. Stateless. */
public final class NdjsonFileSinkProvider implements LogSinkProvider {

  @Override
  public String name() {
    return "ndjson-file";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    String path = properties.get("path");
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "sink.ndjson-file.path is missing: set it to the file the sink appends to");
    }
    return new NdjsonFileSink(Path.of(path)); // opens nothing yet: the file opens on first write
  }
}
