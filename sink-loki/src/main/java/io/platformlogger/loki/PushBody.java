package io.platformlogger.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.platformlogger.core.EntryField;
import io.platformlogger.core.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The body of one push request: a tenant's entries grouped into streams by label set, each stream
 * in time order, in Loki's JSON push format
 * ({@code {"streams":[{"stream":{labels},"values":[["<ns>","<line>",{metadata}],...]}]}}),
 * gzip-compressed unless turned off. Labels are the low-cardinality {@code service_name}, {@code
 * environment}, {@code level} and the static ones; the per-entry identifiers go in structured
 * metadata. Stateless; called from the sink's thread.
 */
final class PushBody {
  /** Per structured-metadata value; 8 of them stay well under Loki's 64 KB per entry. */
  static final int MAX_METADATA_VALUE = 4096;
  /** {@code service_name} when the entry has no service: the value Loki itself uses. */
  static final String UNKNOWN_SERVICE = "unknown_service";

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The fields sent as structured metadata, under their JSON names and in this order: a deliberate
   * subset, the identifiers one looks an entry up by (tenant, trace, span, request, user) and the
   * ones errors are grouped by (event type, error signature, logger). Not labels: their values are
   * unbounded, and each label value makes a stream. Eight, so that with {@link #MAX_METADATA_VALUE}
   * they stay under Loki's per-entry limit; the line itself carries every field.
   */
  private static final List<EntryField> METADATA = List.of(
      EntryField.TENANT_ID, EntryField.TRACE_ID, EntryField.SPAN_ID, EntryField.REQUEST_ID,
      EntryField.USER_ID, EntryField.EVENT_TYPE, EntryField.ERROR_SIGNATURE, EntryField.LOGGER_NAME);

  private PushBody() {}

  /** One entry ready to send: its timestamp in nanoseconds and its (possibly cut) JSON line. */
  static final class Line {
    final LogEntry entry;
    final long nanos;
    final byte[] json;
    /** True when the line was cut to fit Loki's line limit. */
    final boolean cut;

    Line(LogEntry entry, long nanos, byte[] json, boolean cut) {
      this.entry = entry;
      this.nanos = nanos;
      this.json = json;
      this.cut = cut;
    }
  }

  /** A stream's label values besides the static ones. */
  private record StreamKey(String service, String environment, String level) {}

  /** The number of streams {@code lines} fall into. */
  static int streamCount(List<Line> lines) {
    return group(lines).size();
  }

  /** Encodes {@code lines} (at least one) with {@code staticLabels} on every stream. */
  static byte[] encode(List<Line> lines, Map<String, String> staticLabels, boolean gzip) {
    Map<StreamKey, List<Line>> streams = group(lines);
    long estimate = 64;
    for (Line l : lines) {
      estimate += l.json.length + 160;
    }
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream((int) Math.min(gzip ? estimate / 4 : estimate, 64L << 20));
    try {
      OutputStream out = gzip ? new GZIPOutputStream(bytes, 16 * 1024) : bytes;
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeArrayFieldStart("streams");
        for (Map.Entry<StreamKey, List<Line>> s : streams.entrySet()) {
          writeStream(g, s.getKey(), s.getValue(), staticLabels);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
    return bytes.toByteArray();
  }

  private static Map<StreamKey, List<Line>> group(List<Line> lines) {
    Map<StreamKey, List<Line>> streams = new LinkedHashMap<>();
    for (Line l : lines) {
      LogEntry e = l.entry;
      StreamKey key =
          new StreamKey(
              LokiLabels.value(e.service(), UNKNOWN_SERVICE),
              e.environment() == null ? null : e.environment().wireName(),
              e.level().name().toLowerCase(Locale.ROOT));
      streams.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
    }
    return streams;
  }

  private static void writeStream(
      JsonGenerator g, StreamKey key, List<Line> lines, Map<String, String> staticLabels)
      throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("stream");
    g.writeStringField("service_name", key.service());
    if (key.environment() != null) {
      g.writeStringField("environment", key.environment());
    }
    g.writeStringField("level", key.level());
    for (Map.Entry<String, String> label : staticLabels.entrySet()) {
      g.writeStringField(label.getKey(), label.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("values");
    for (Line l : inTimeOrder(lines)) {
      g.writeStartArray();
      g.writeString(Long.toString(l.nanos));
      g.writeUTF8String(l.json, 0, l.json.length);
      writeMetadata(g, l.entry);
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Loki wants a stream's entries in time order; a batch usually is already (stable otherwise). */
  private static List<Line> inTimeOrder(List<Line> lines) {
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).nanos < lines.get(i - 1).nanos) {
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(l -> l.nanos));
        return sorted;
      }
    }
    return lines;
  }

  private static void writeMetadata(JsonGenerator g, LogEntry e) throws IOException {
    boolean open = false;
    for (EntryField f : METADATA) {
      open = field(g, open, f.jsonName(), f.text(e));
    }
    if (open) {
      g.writeEndObject();
    }
  }

  private static boolean field(JsonGenerator g, boolean open, String name, String value)
      throws IOException {
    if (value == null || value.isEmpty()) {
      return open;
    }
    if (!open) {
      g.writeStartObject();
    }
    g.writeStringField(name, Texts.cut(value, MAX_METADATA_VALUE));
    return true;
  }

  /** Nanoseconds since the epoch, as Loki's timestamps. */
  static long nanos(java.time.Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }
}
