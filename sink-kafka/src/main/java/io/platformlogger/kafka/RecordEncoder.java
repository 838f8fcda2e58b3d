package io.platformlogger.kafka;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns entries into record values and headers for {@link KafkaLogSink} with as little per-entry
 * work as it can: one JSON generator writing into one buffer for every entry (rather than a new
 * generator and a growing buffer per entry), and the level and service headers made once.
 *
 * <p>The value is exactly {@link LogEntryJson#encodeBytes}'s: the same writer ({@link
 * LogEntryJson#write}) with the same output settings. Not thread-safe: one thread at a time.
 */
final class RecordEncoder {
  /** LogEntryJson's output settings; no separator, as every entry is a root value of its own. */
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .rootValueSeparator((String) null)
          .build();

  private static final Header[] LEVEL_HEADERS = new Header[Level.values().length];

  static {
    for (Level level : Level.values()) {
      LEVEL_HEADERS[level.ordinal()] =
          new RecordHeader(KafkaLogSink.LEVEL_HEADER, level.name().getBytes(StandardCharsets.UTF_8));
    }
  }

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
  private JsonGenerator generator;
  private String service; // a sink's entries nearly always share one service: one header for it
  private Header serviceHeader;

  /**
   * The entry's JSON as UTF-8. Entry data that cannot be written as it stands (a value that
   * changed or threw while being written) is encoded from a normalized copy, as {@link
   * LogEntryJson#encodeBytes} does.
   *
   * @throws RuntimeException if even that fails
   */
  byte[] value(LogEntry entry) {
    buffer.reset();
    try {
      if (generator == null) {
        generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
      }
      LogEntryJson.write(entry, generator);
      generator.flush();
      return buffer.toByteArray();
    } catch (IOException | RuntimeException e) {
      discardGenerator(); // it stopped half-way through an object
      return LogEntryJson.encodeBytes(entry);
    }
  }

  /** The headers {@code level}, {@code service} (when set) and {@code entry_id}. */
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

  private void discardGenerator() {
    JsonGenerator g = generator;
    generator = null;
    if (g != null) {
      try {
        g.close(); // returns its buffers to Jackson's pool; what it writes is discarded below
      } catch (IOException | RuntimeException ignored) {
        // closing a generator over a memory buffer does no I/O
      }
    }
    buffer.reset();
  }
}
