package io.platformlogger.examples.customsink;

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

/** The testkit's contract, with files small enough that most batches rotate. */
class RotatingFileSinkContractTest extends LogSinkContract {
  @TempDir Path dir;

  @Override
  protected LogSink createSink() {
    return new RotatingFileSink(dir, "contract", 64 * 1024, 100_000);
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) throws Exception {
    return readAll(((RotatingFileSink) sink).files());
  }

  static List<LogEntry> readAll(List<Path> files) throws Exception {
    List<LogEntry> entries = new ArrayList<>();
    for (Path file : files) {
      for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          entries.add(LogEntryJson.decode(line));
        }
      }
    }
    return entries;
  }
}
