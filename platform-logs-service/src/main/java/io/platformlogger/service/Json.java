package io.platformlogger.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes response bodies. Entries are written by the core's {@link LogEntryJson}, so every entry
 * the API returns has exactly the fields and names of docs/schema.md. Thread-safe.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** Fills a generator; may throw IOException. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private Json() {}

  static byte[] bytes(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** One entry, as the core encodes it (its public API is free of jackson types: a raw value). */
  static void entry(JsonGenerator g, LogEntry e) throws IOException {
    g.writeRawValue(LogEntryJson.encode(e));
  }

  static void entries(JsonGenerator g, String field, List<LogEntry> entries) throws IOException {
    g.writeArrayFieldStart(field);
    for (LogEntry e : entries) {
      entry(g, e);
    }
    g.writeEndArray();
  }

  static byte[] error(String message, String parameter) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      if (parameter == null) {
        g.writeNullField("parameter");
      } else {
        g.writeStringField("parameter", parameter);
      }
      g.writeEndObject();
    });
  }
}
