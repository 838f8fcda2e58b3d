package io.platformlogger.redis;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.testkit.LogSinkContract;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The testkit's contract against a real Redis, one fresh stream per test. */
class RedisStreamLogSinkContractTest extends LogSinkContract {
  private String stream;

  @Override
  protected LogSink createSink() {
    stream = "contract:" + UUID.randomUUID();
    return RedisStreamLogSink.builder().uri(TestRedis.url()).stream(stream).maxLen(0).build();
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) {
    return read(stream);
  }

  static List<LogEntry> read(String stream) {
    List<LogEntry> entries = new ArrayList<>();
    for (StreamMessage<String, String> m : TestRedis.redis().xrange(stream, Range.create("-", "+"))) {
      entries.add(LogEntryJson.decode(m.getBody().get(StreamFields.JSON)));
    }
    return entries;
  }
}
