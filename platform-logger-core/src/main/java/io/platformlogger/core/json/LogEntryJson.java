package io.platformlogger.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.platformlogger.core.EntryField;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.DataLimits;
import io.platformlogger.core.internal.DataValues;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.internal.FrozenMap;
import io.platformlogger.core.internal.TextSanitizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON encoding of a {@link LogEntry} shared by every sink (field names in docs/schema.md),
 * written and read with jackson-core's streaming API. Thread-safe.
 *
 * <p>Encoding never loses an entry to bad content: text that no sink can store (NUL, unpaired
 * surrogates) is replaced with U+FFFD and data values that are not JSON-compatible are normalized
 * (see {@link DataValues}); each such repair is appended to the written {@code sanitized} list. An
 * entry built by the pipeline needs no repair, so {@code decode(encode(e))} equals {@code e}.
 */
public final class LogEntryJson {
  /**
   * Shared by every encode and decode. Strings and field names may be as long as memory allows (an
   * entry that could be written must be readable back); nesting is capped well above the deepest
   * data an entry can hold, so hostile input cannot recurse deeply.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxNestingDepth(2 * DataLimits.MAX_DEPTH)
                  .build())
          // Data keys are caller-chosen and unbounded in number: keep them out of the JVM's pool.
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          // Emoji and other supplementary characters as 4 UTF-8 bytes rather than two escapes, so
          // the bytes are the UTF-8 of the String encoding.
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  /** Every field in wire order, and its name pre-encoded for the generator, by ordinal. */
  private static final EntryField[] FIELDS = EntryField.values();

  private static final SerializableString[] NAMES = new SerializableString[FIELDS.length];

  /* Whether the field of that ordinal is text, the kind of most fields: the encoder's fast path. */
  private static final boolean[] TEXT = new boolean[FIELDS.length];

  static {
    for (EntryField f : FIELDS) {
      NAMES[f.ordinal()] = new SerializedString(f.jsonName());
      TEXT[f.ordinal()] = f.kind() == EntryField.Kind.TEXT;
    }
  }

  private LogEntryJson() {}

  /** Encodes one entry as a compact JSON object (no trailing newline). */
  public static String encode(LogEntry entry) {
    byte[] kept = EntryInternals.json(entry);
    if (kept != null) {
      return new String(kept, StandardCharsets.UTF_8);
    }
    try {
      return encodeString(entry);
    } catch (RuntimeException e) {
      // Data that changed or broke while being written; a normalized copy cannot.
      return encodeString(withNormalizedData(entry));
    }
  }

  /** Encodes one entry as UTF-8 JSON bytes. */
  public static byte[] encodeBytes(LogEntry entry) {
    byte[] kept = EntryInternals.json(entry);
    if (kept != null) {
      return kept.clone(); // the caller owns what it gets; a copy is far cheaper than encoding
    }
    try {
      return encodeUtf8(entry);
    } catch (RuntimeException e) {
      return encodeUtf8(withNormalizedData(entry));
    }
  }

  /** {@link #encodeBytes}, but the kept encoding itself when there is one: for callers that only read it. */
  static byte[] encodeBytesShared(LogEntry entry) {
    byte[] kept = EntryInternals.json(entry);
    return kept != null ? kept : encodeBytes(entry);
  }

  /**
   * Writes one entry as a JSON object to {@code generator}, for sinks that stream many entries into
   * one document or connection. Unlike {@link #encode}, this cannot start over if the entry's data
   * is modified or throws while being written, so it must hold immutable values (as every entry the
   * pipeline builds does). Package-private: the public API shows no jackson-core type (a document
   * of many entries can take each one's {@link #encode} as a raw value).
   */
  static void write(LogEntry entry, JsonGenerator generator) throws IOException {
    Encoder encoder = ENCODERS.get();
    if (encoder.busy) {
      encoder = new Encoder(); // re-entered: a value's toString logged on this thread mid-write
    }
    encoder.busy = true;
    try {
      encoder.entry(entry, generator);
    } finally {
      encoder.reset();
    }
  }

  // One encoder per thread: its scratch state is reused, as each sink thread encodes many entries.
  private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

  /**
   * Returns a writer of JSON Lines (one entry per line, UTF-8) to {@code out}, for file and socket
   * sinks.
   */
  public static JsonLinesWriter linesWriter(OutputStream out) {
    return new JsonLinesWriter(out);
  }

  /** Decodes what {@link #encode} wrote; unknown fields are ignored. */
  public static LogEntry decode(String json) {
    if (json == null) {
      throw new IllegalArgumentException("log entry JSON is null");
    }
    try (JsonParser p = FACTORY.createParser(json)) {
      return decodeWhole(p);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
  }

  /** Decodes UTF-8 JSON bytes. */
  public static LogEntry decode(byte[] json) {
    if (json == null) {
      throw new IllegalArgumentException("log entry JSON is null");
    }
    try (JsonParser p = FACTORY.createParser(json)) {
      return decodeWhole(p);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading an array does no I/O
    }
  }

  /**
   * Reads the next entry object from {@code parser}: from its current token when that is the
   * object's start, else from the next token. Leaves the parser on the entry's closing brace, so
   * consecutive calls read a stream of entries (JSON Lines, or the elements of an array whose start
   * the caller has passed). Returns null at the end of the input or of the enclosing array.
   *
   * @throws IllegalArgumentException when the JSON is malformed or a required field is missing or
   *     invalid
   * @throws IOException when reading the underlying input fails
   */
  static LogEntry read(JsonParser parser) throws IOException {
    try {
      JsonToken t = parser.currentToken();
      if (t != JsonToken.START_OBJECT) {
        t = parser.nextToken();
      }
      if (t == null || t == JsonToken.END_ARRAY) {
        return null;
      }
      return readEntry(parser, t);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  private static String encodeString(LogEntry entry) {
    Encoder encoder = ENCODERS.get();
    if (encoder.busy) {
      return encodeStringOnce(entry); // re-entered: leave this thread's reusable generator alone
    }
    encoder.busy = true;
    try {
      JsonGenerator g = encoder.textGenerator();
      encoder.entry(entry, g);
      g.flush();
      return encoder.chars.toString();
    } catch (IOException e) {
      encoder.dropGenerators();
      throw new UncheckedIOException(e); // an in-memory writer does no I/O
    } catch (RuntimeException | Error e) {
      encoder.dropGenerators(); // it holds half an object
      throw e;
    } finally {
      encoder.chars.reset();
      encoder.reset();
    }
  }

  private static byte[] encodeUtf8(LogEntry entry) {
    Encoder encoder = ENCODERS.get();
    if (encoder.busy) {
      return encodeUtf8Once(entry);
    }
    encoder.busy = true;
    try {
      encoder.utf8(entry);
      return encoder.bytes.toByteArray();
    } finally {
      encoder.bytes.reset();
      encoder.reset();
    }
  }

  /**
   * Writes the entry's UTF-8 JSON and a newline to {@code out} from this thread's reused buffer:
   * no array per entry. The whole line is encoded before any of it is written.
   */
  static void writeLine(LogEntry entry, OutputStream out) throws IOException {
    byte[] kept = EntryInternals.json(entry);
    Encoder encoder = ENCODERS.get();
    if (kept != null || encoder.busy) { // kept, or re-entered: a value's toString logged mid-write
      out.write(kept != null ? kept : encodeBytes(entry));
      out.write('\n');
      return;
    }
    encoder.busy = true;
    try {
      try {
        encoder.utf8(entry);
      } catch (RuntimeException e) {
        encoder.bytes.reset();
        encoder.reset();
        encoder.busy = true;
        encoder.utf8(withNormalizedData(entry)); // data that changed or broke while being written
      }
      encoder.bytes.write('\n');
      encoder.bytes.writeTo(out);
    } finally {
      encoder.bytes.reset();
      encoder.reset();
    }
  }

  private static String encodeStringOnce(LogEntry entry) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(entry, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does no I/O
    }
    return out.toString();
  }

  private static byte[] encodeUtf8Once(LogEntry entry) {
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      write(entry, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayBuilder does no I/O
    }
    return out.toByteArray();
  }

  private static LogEntry withNormalizedData(LogEntry entry) {
    Set<String> sanitized = new LinkedHashSet<>(entry.sanitized());
    Map<String, Object> data = DataValues.normalizeMap(entry.data(), DataLimits.DEFAULT, sanitized);
    return entry.toBuilder().data(data).sanitized(new ArrayList<>(sanitized)).build();
  }

  private static LogEntry decodeWhole(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new IllegalArgumentException("log entry JSON is empty");
    }
    LogEntry entry = readEntry(p, t);
    if (p.nextToken() != null) {
      throw new IllegalArgumentException(
          "log entry JSON has content after the entry object at " + where(p));
    }
    return entry;
  }

  private static LogEntry readEntry(JsonParser p, JsonToken start) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException(
          "log entry JSON must be an object, found " + start + " at " + where(p));
    }
    LogEntry.Builder b = LogEntry.builder();
    long seen = 0; // bit i: the field of ordinal i was read
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      EntryField f = EntryField.forJsonName(name);
      if (f == null) {
        p.skipChildren(); // a field from a newer schema version
        continue;
      }
      if (f.kind() == EntryField.Kind.TEXT) { // most fields: kept small and inline
        f.set(b, f.required() ? required(p, v, name) : optional(p, v, name));
      } else {
        f.set(b, value(p, v, f));
      }
      seen |= 1L << f.ordinal();
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IllegalArgumentException("log entry JSON: unexpected " + t + " at " + where(p));
    }
    for (EntryField f : FIELDS) {
      if (f.required() && (seen & (1L << f.ordinal())) == 0) {
        throw missing(f.jsonName());
      }
    }
    return b.build();
  }

  /** One field's value other than text, by its kind; a required field may not be null. */
  private static Object value(JsonParser p, JsonToken v, EntryField f) throws IOException {
    String name = f.jsonName();
    switch (f.kind()) {
      case INSTANT:
        return instant(required(p, v, name));
      case LEVEL:
        return level(required(p, v, name));
      case ENVIRONMENT:
        return environment(optional(p, v, name));
      case INTEGER:
        return integer(p, v, name);
      case DATA:
        return data(p, v);
      case TEXT_LIST:
        return strings(p, v, name);
      default:
        throw new AssertionError(f.kind());
    }
  }

  private static String required(JsonParser p, JsonToken v, String field) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw invalid(p, field, "must be a string, found " + v);
    }
    return p.getText();
  }

  private static String optional(JsonParser p, JsonToken v, String field) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    return required(p, v, field);
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "log entry JSON field 'timestamp' is not an ISO-8601 instant: '" + shorten(text) + "'",
          e);
    }
  }

  private static Level level(String text) {
    try {
      return Level.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log entry JSON field 'level': " + e.getMessage(), e);
    }
  }

  private static Environment environment(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Environment.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "log entry JSON field 'environment': " + e.getMessage(), e);
    }
  }

  private static Integer integer(JsonParser p, JsonToken v, String field) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw invalid(p, field, "must be an integer in int range, found " + v);
    }
    return p.getIntValue();
  }

  private static List<String> strings(JsonParser p, JsonToken v, String field) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (v != JsonToken.START_ARRAY) {
      throw invalid(p, field, "must be an array of strings, found " + v);
    }
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        throw invalid(p, field, "must be an array of strings, found " + t + " inside");
      }
      out.add(p.getText());
    }
    return out;
  }

  private static Map<String, Object> data(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (v != JsonToken.START_OBJECT) {
      throw invalid(p, "data", "must be an object, found " + v);
    }
    return object(p);
  }

  /** Reads an object's members after its START_OBJECT; recursion is bounded by the nesting cap. */
  private static Map<String, Object> object(JsonParser p) throws IOException {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      out.put(key, value(p, p.nextToken()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        return object(p);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(p, e));
        }
        return Collections.unmodifiableList(list);
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getBigIntegerValue()
            : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return decimal(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException(
            "log entry JSON: unexpected " + t + " in data at " + where(p));
    }
  }

  /**
   * A number with a fraction or exponent is a Double when its text is exactly what {@link
   * Double#toString} gives for that double (which is how a Double is written), else a BigDecimal
   * holding the exact text. {@link DataValues} normalizes BigDecimals by the same rule.
   */
  static Object decimal(String text) {
    double d = Double.parseDouble(text);
    if (Double.isFinite(d) && Double.toString(d).equals(text)) {
      return d;
    }
    return new BigDecimal(text);
  }

  private static IllegalArgumentException missing(String field) {
    return new IllegalArgumentException("log entry JSON lacks the required field '" + field + "'");
  }

  private static IllegalArgumentException invalid(JsonParser p, String field, String problem) {
    return new IllegalArgumentException(
        "log entry JSON field '" + field + "' " + problem + " at " + where(p));
  }

  private static IllegalArgumentException malformed(JsonProcessingException e) {
    return new IllegalArgumentException("malformed log entry JSON: " + e.getMessage(), e);
  }

  private static String where(JsonParser p) {
    return "line "
        + p.currentLocation().getLineNr()
        + ", column "
        + p.currentLocation().getColumnNr();
  }

  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  /** Writes one entry; collects the repairs it makes to append them to {@code sanitized}. */
  private static final class Encoder {
    private JsonGenerator g;
    private final Set<String> repairs = new LinkedHashSet<>();
    private final char[] text = new char[32];
    private boolean busy;
    /** The entry came from the pipeline with every text sanitized: no second scan. */
    private boolean trusted;

    /*
     * encode/encodeBytes write each entry with one long-lived generator per thread into a reused
     * buffer: creating a generator per entry costs about as much as writing a small entry.
     */
    final GrowableBytes bytes = new GrowableBytes();
    final GrowableChars chars = new GrowableChars();
    private JsonGenerator utf8Json;
    private JsonGenerator textJson;

    JsonGenerator utf8Generator() throws IOException {
      if (utf8Json == null) {
        utf8Json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8);
        utf8Json.setRootValueSeparator(null); // consecutive entries are separate documents
      }
      return utf8Json;
    }

    JsonGenerator textGenerator() throws IOException {
      if (textJson == null) {
        textJson = FACTORY.createGenerator(chars);
        textJson.setRootValueSeparator(null);
      }
      return textJson;
    }

    /** Writes pipeline-built entries without the generator. */
    private final EntryBytesWriter direct = new EntryBytesWriter(bytes);

    /**
     * Appends the entry's UTF-8 JSON to {@link #bytes}: directly when the pipeline built it (every
     * text already sanitized), else through the generator, which repairs and marks.
     */
    void utf8(LogEntry entry) {
      if (EntryInternals.clean(entry)) {
        if (direct.entry(entry)) {
          return;
        }
        bytes.reset(); // a value only the generator handles: start over with it
      }
      try {
        JsonGenerator g = utf8Generator();
        entry(entry, g);
        g.flush();
      } catch (IOException e) {
        dropGenerators();
        throw new UncheckedIOException(e); // an in-memory stream does no I/O
      } catch (RuntimeException | Error e) {
        dropGenerators(); // it holds half an object
        throw e;
      }
    }

    /** Forgets the reusable generators after a failed write; the next call makes new ones. */
    void dropGenerators() {
      utf8Json = null;
      textJson = null;
    }

    /** Maps and lists being written, outermost first, to cut cycles in unnormalized data. */
    private final List<Object> path = new ArrayList<>();

    void reset() {
      g = null;
      trusted = false;
      repairs.clear();
      path.clear();
      busy = false;
    }

    void entry(LogEntry e, JsonGenerator generator) throws IOException {
      g = generator;
      trusted = EntryInternals.clean(e);
      g.writeStartObject();
      Object[] values = EntryInternals.values(e); // by ordinal: one tight loop over the fields
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v == null) {
          continue; // unset: left out
        }
        if (TEXT[i]) { // most fields: kept small and inline
          g.writeFieldName(NAMES[i]);
          g.writeString(trusted ? (String) v : clean((String) v, FIELDS[i].jsonName()));
        } else {
          field(FIELDS[i], v);
        }
      }
      g.writeEndObject();
    }

    /** Writes one set field other than text by its kind; empty lists are left out. */
    @SuppressWarnings("unchecked")
    private void field(EntryField f, Object v) throws IOException {
      switch (f.kind()) {
        case INSTANT:
          g.writeFieldName(NAMES[f.ordinal()]);
          int length = InstantText.format((Instant) v, text);
          if (length < 0) {
            g.writeString(v.toString());
          } else {
            g.writeString(text, 0, length);
          }
          break;
        case LEVEL:
          g.writeFieldName(NAMES[f.ordinal()]);
          g.writeString(((Level) v).name());
          break;
        case ENVIRONMENT:
          g.writeFieldName(NAMES[f.ordinal()]);
          g.writeString(((Environment) v).wireName());
          break;
        case INTEGER:
          g.writeFieldName(NAMES[f.ordinal()]);
          g.writeNumber((Integer) v);
          break;
        case DATA:
          g.writeFieldName(NAMES[f.ordinal()]);
          map((Map<?, ?>) v, 0);
          break;
        case TEXT_LIST:
          if (f == EntryField.SANITIZED) {
            sanitized((List<String>) v);
          } else {
            strings(f, (List<String>) v);
          }
          break;
        default:
          throw new AssertionError(f.kind());
      }
    }

    private void strings(EntryField f, List<String> values) throws IOException {
      if (!values.isEmpty()) {
        g.writeFieldName(NAMES[f.ordinal()]);
        g.writeStartArray();
        for (String value : values) {
          g.writeString(clean(value, f.jsonName()));
        }
        g.writeEndArray();
      }
    }

    /**
     * The last field, so it can include what was repaired while writing the fields before it. Its
     * markers are cleaned without being reported: a repair of the repair list has no name.
     */
    private void sanitized(List<String> sanitized) throws IOException {
      if (!repairs.isEmpty()) {
        Set<String> all = new LinkedHashSet<>(sanitized);
        all.addAll(repairs);
        sanitized = new ArrayList<>(all);
      }
      if (!sanitized.isEmpty()) {
        g.writeFieldName(NAMES[EntryField.SANITIZED.ordinal()]);
        g.writeStartArray();
        for (String marker : sanitized) {
          g.writeString(trusted ? marker : TextSanitizer.clean(marker, Integer.MAX_VALUE, null));
        }
        g.writeEndArray();
      }
    }

    private String clean(String s, String markerPrefix) {
      return trusted ? s : TextSanitizer.clean(s, Integer.MAX_VALUE, repairs, markerPrefix);
    }

    /** Writes a JSON-compatible value as is; anything else is normalized first. */
    private void value(Object v, int depth) throws IOException {
      if (v == null) {
        g.writeNull();
      } else if (v instanceof String) {
        g.writeString(clean((String) v, DataValues.VALUE_PREFIX));
      } else if (v instanceof Long) {
        g.writeNumber((Long) v);
      } else if (v instanceof Boolean) {
        g.writeBoolean((Boolean) v);
      } else if (v instanceof Double && Double.isFinite((Double) v)) {
        g.writeNumber((Double) v); // what normalizing it would give, without a normalizer
      } else if (v instanceof Map) {
        map((Map<?, ?>) v, depth);
      } else if (v instanceof List) {
        list((List<?>) v, depth);
      } else {
        Object n = DataValues.normalize(v, DataLimits.DEFAULT, repairs);
        if (n instanceof Double) {
          g.writeNumber((Double) n);
        } else if (n instanceof BigInteger) {
          g.writeNumber((BigInteger) n);
        } else if (n instanceof BigDecimal) {
          g.writeNumber((BigDecimal) n);
        } else {
          value(n, depth); // a Double, BigInteger or BigDecimal is never normalized to another one
        }
      }
    }

    private void map(Map<?, ?> m, int depth) throws IOException {
      if (!enter(m, depth)) {
        return;
      }
      g.writeStartObject();
      if (m instanceof FrozenMap) {
        FrozenMap<?, ?> f = (FrozenMap<?, ?>) m; // by index: no entry objects
        for (int i = 0; i < f.size(); i++) {
          field(f.keyAt(i), f.valueAt(i), depth);
        }
      } else {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          field(e.getKey(), e.getValue(), depth);
        }
      }
      g.writeEndObject();
      path.remove(path.size() - 1);
    }

    private void field(Object k, Object v, int depth) throws IOException {
      String key = k instanceof String ? (String) k : k == null ? "null" : keyText(k);
      g.writeFieldName(clean(key, DataValues.KEY_PREFIX));
      value(v, depth + 1);
    }

    private void list(List<?> l, int depth) throws IOException {
      if (!enter(l, depth)) {
        return;
      }
      g.writeStartArray();
      for (Object v : l) {
        value(v, depth + 1);
      }
      g.writeEndArray();
      path.remove(path.size() - 1);
    }

    /** False (after writing a placeholder) when the container must not be written. */
    private boolean enter(Object container, int depth) throws IOException {
      if (depth >= DataLimits.MAX_DEPTH) {
        repairs.add(DataValues.DEPTH_TRUNCATED);
        g.writeString(DataValues.TOO_DEEP);
        return false;
      }
      for (Object o : path) {
        if (o == container) {
          repairs.add(DataValues.CYCLE_CUT);
          g.writeString(DataValues.CYCLE);
          return false;
        }
      }
      path.add(container);
      return true;
    }

    private String keyText(Object k) {
      try {
        return String.valueOf(k);
      } catch (RuntimeException | StackOverflowError e) {
        repairs.add(DataValues.TOSTRING_FAILED);
        return "[toString() failed: " + e.getClass().getName() + "]";
      }
    }
  }
}
