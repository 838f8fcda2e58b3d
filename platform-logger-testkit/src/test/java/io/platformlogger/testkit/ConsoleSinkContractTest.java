package io.platformlogger.testkit;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.console.ConsoleFormat;
import io.platformlogger.core.console.ConsoleSink;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The console sink in JSON format, read back by decoding its lines; needs {@link LogEntryJson}. */
class ConsoleSinkContractTest extends LogSinkContract {
  private ByteArrayOutputStream out;

  @Override
  protected LogSink createSink() {
    out = new ByteArrayOutputStream();
    return ConsoleSink.builder().format(ConsoleFormat.JSON).output(out).build();
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) {
    List<LogEntry> entries = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        entries.add(LogEntryJson.decode(line));
      }
    }
    return entries;
  }
}
