package io.platformlogger.testkit.example;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.testkit.LogSinkContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class NdjsonFileSinkContractTest extends LogSinkContract {
  @TempDir Path dir;

  @Override
  protected LogSink createSink() {
    return new NdjsonFileSink(dir.resolve("entries.ndjson"));
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) throws Exception {
    Path file = dir.resolve("entries.ndjson");
    List<LogEntry> entries = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          entries.add(LogEntryJson.decode(line));
        }
      }
    }
    return entries;
  }
}
