package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.testkit.LogSinkContract;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresLogSinkContractTest extends LogSinkContract {

  @Override
  protected LogSink createSink() {
    return TestDatabase.sink(TestDatabase.newSchema()).build();
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) throws Exception {
    return TestDatabase.stored(((PostgresLogSink) sink).schema());
  }
}
