package io.platformlogger.testkit;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import java.util.List;

class InMemorySinkContractTest extends LogSinkContract {

  @Override
  protected LogSink createSink() {
    return new InMemorySink();
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) {
    return ((InMemorySink) sink).entries();
  }
}
