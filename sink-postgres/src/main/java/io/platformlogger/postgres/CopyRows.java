package io.platformlogger.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.platformlogger.core.EntryField;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Encodes entries as rows of PostgreSQL's COPY text format, in {@link Schema#COLUMNS} order.
 * Entries holding text PostgreSQL cannot store (NUL, unpaired surrogates) are first repaired by the
 * core's JSON encoder, which replaces it with U+FFFD and records the repair in {@code sanitized}.
 */
final class CopyRows {
  private static final JsonFactory JSON = new JsonFactory();

  private CopyRows() {}

  /** The entry as it will be stored: repaired if needed, timestamp at microseconds. */
  static LogEntry storable(LogEntry e) {
    LogEntry out = needsRepair(e) ? LogEntryJson.decode(LogEntryJson.encode(e)) : e;
    Instant ts = out.timestamp().truncatedTo(ChronoUnit.MICROS);
    return ts.equals(out.timestamp()) ? out : out.toBuilder().timestamp(ts).build();
  }

  /** One batch as COPY text, UTF-8. */
  static byte[] encode(List<LogEntry> storable) {
    StringBuilder sb = new StringBuilder(storable.size() * 512);
    for (LogEntry e : storable) {
      row(sb, e);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Streams the rows into an open COPY in chunks, so the server parses and indexes one chunk while
   * the next is encoded. Returns the number of bytes sent.
   */
  static long stream(List<LogEntry> storable, org.postgresql.copy.CopyIn copy) throws java.sql.SQLException {
    StringBuilder sb = new StringBuilder(CHUNK + 8192);
    long sent = 0;
    for (LogEntry e : storable) {
      row(sb, e);
      if (sb.length() >= CHUNK) {
        sent += send(sb, copy);
      }
    }
    if (sb.length() > 0) {
      sent += send(sb, copy);
    }
    return sent;
  }

  private static final int CHUNK = 64 * 1024;

  private static int send(StringBuilder sb, org.postgresql.copy.CopyIn copy) throws java.sql.SQLException {
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    sb.setLength(0);
    copy.writeToCopy(bytes, 0, bytes.length);
    return bytes.length;
  }

  /** One row: every field in {@link Schema#COLUMNS} (that is, {@link EntryField}) order. */
  static void row(StringBuilder sb, LogEntry e) {
    for (EntryField f : FIELDS) {
      switch (f.kind()) {
        case DATA:
          text(sb, dataJson(e.data()));
          break;
        case TEXT_LIST:
          @SuppressWarnings("unchecked")
          List<String> values = (List<String>) f.get(e);
          text(sb, array(values));
          break;
        default:
          text(sb, f.text(e)); // an instant in ISO-8601 with Z: timestamptz input accepts it
      }
      sb.append(f == LAST ? '\n' : '\t');
    }
  }

  private static final EntryField[] FIELDS = EntryField.values();
  private static final EntryField LAST = FIELDS[FIELDS.length - 1];

  /** COPY text escaping: backslash, and the row and column delimiters. Null is {@code \N}. */
  private static StringBuilder text(StringBuilder sb, String s) {
    if (s == null) {
      return sb.append("\\N");
    }
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          sb.append(c);
      }
    }
    return sb;
  }

  /** A text[] literal, every element quoted; null for an empty list (stored as NULL). */
  private static String array(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"');
      String v = values.get(i);
      for (int j = 0; j < v.length(); j++) {
        char c = v.charAt(j);
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  /** {@code data} as JSON, written by the same rules as the core's encoder. */
  static String dataJson(Map<String, Object> data) {
    return json(data);
  }

  /** A normalized value (map, list, string, number, boolean, null) as compact JSON. */
  static String json(Object data) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      value(g, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does no I/O
    }
    return out.toString();
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Long) {
      g.writeNumber((Long) v);
    } else if (v instanceof Double) {
      g.writeNumber((Double) v);
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof BigDecimal) {
      g.writeNumber(v.toString());
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> en : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(en.getKey()));
        value(g, en.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) v) {
        value(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(String.valueOf(v)); // normalized data holds none; a hand-built entry might
    }
  }

  private static boolean needsRepair(LogEntry e) {
    for (EntryField f : FIELDS) {
      Object v = f.get(e);
      if (f.kind() == EntryField.Kind.TEXT && bad((String) v)) {
        return true;
      }
      if (f.kind() == EntryField.Kind.TEXT_LIST) {
        for (Object m : (List<?>) v) {
          if (bad((String) m)) {
            return true;
          }
        }
      }
    }
    return badValue(e.data(), 0);
  }

  private static boolean badValue(Object v, int depth) {
    if (depth > 200) {
      return true; // let the encoder's normalization deal with it
    }
    if (v instanceof String) {
      return bad((String) v);
    }
    if (v instanceof Map) {
      for (Map.Entry<?, ?> en : ((Map<?, ?>) v).entrySet()) {
        if (!(en.getKey() instanceof String) || bad((String) en.getKey())
            || badValue(en.getValue(), depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof List) {
      for (Object o : (List<?>) v) {
        if (badValue(o, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    return !(v == null || v instanceof Long || v instanceof Double || v instanceof BigInteger
        || v instanceof BigDecimal || v instanceof Boolean);
  }

  /** True for text PostgreSQL cannot hold: NUL, or a surrogate without its pair. */
  static boolean bad(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return true;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }
}
