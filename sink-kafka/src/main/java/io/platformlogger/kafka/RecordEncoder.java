package io.platformlogger.kafka;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns entries into record values and headers for {@link KafkaLogSink} with as little per-entry
 * work as it can: the value is {@link LogEntryJson#encodeBytes} (which reuses the spool's encoding
 * of the entry when there is one, else writes through one generator per thread into a reused
 * buffer); the {@code level} headers are made once per level and the {@code service} header once
 * per service. Not thread-safe: one thread at a time.
 */
final class RecordEncoder {
  private static final Header[] LEVEL_HEADERS = new Header[Level.values().length];

  static {
    for (Level level : Level.values()) {
      LEVEL_HEADERS[level.ordinal()] =
          new RecordHeader(KafkaLogSink.LEVEL_HEADER, level.name().getBytes(StandardCharsets.UTF_8));
    }
  }

  private String service; // a sink's entries nearly always share one service: one header for it
  private Header serviceHeader;

  /**
   * The entry's JSON as UTF-8, a fresh array the record owns.
   *
   * @throws RuntimeException if the entry cannot be encoded at all
   */
  byte[] value(LogEntry entry) {
    return LogEntryJson.encodeBytes(entry);
  }

  /**
   * The headers {@code level}, {@code service} (when set) and {@code entry_id}. Header objects are
   * immutable, so records share them.
   */
  List<Header> headers(LogEntry entry) {
    Header level = LEVEL_HEADERS[entry.level().ordinal()];
    Header id = new RecordHeader(KafkaLogSink.ENTRY_ID_HEADER, entry.id().getBytes(StandardCharsets.UTF_8));
    String s = entry.service();
    if (s == null) {
      return Arrays.asList(level, id);
    }
    if (!s.equals(service)) {
      serviceHeader = new RecordHeader(KafkaLogSink.SERVICE_HEADER, s.getBytes(StandardCharsets.UTF_8));
      service = s;
    }
    return Arrays.asList(level, serviceHeader, id);
  }
}
