package io.platformlogger.core.json;

import io.platformlogger.core.EntryField;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.internal.FrozenMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes an entry the pipeline built (every text already through {@code TextSanitizer}, its data
 * normalized: {@link EntryInternals#clean}) as UTF-8 JSON straight into a {@link GrowableBytes},
 * byte for byte what jackson's generator writes for it with {@link LogEntryJson#FACTORY}'s
 * settings (EntryBytesWriterTest compares the two on every char and value kind). It exists because
 * the generator's per-call bookkeeping and per-char loop were the largest cost of encoding an
 * entry (docs/benchmarks.md, "Where the pipeline's time goes"); entries with texts still to repair
 * keep going through the generator, which collects the repairs.
 *
 * <p>Most of an entry's texts are the same String instance entry after entry (service, version,
 * logger and thread names, the context's ids): each text field remembers the last instance it
 * wrote and its encoded bytes, and copies them when the next entry holds the same instance.
 * Not thread-safe: one per thread's encoder.
 */
final class EntryBytesWriter {
  private static final EntryField[] FIELDS = EntryField.values();

  /** {@code "name":} for each field, by ordinal. */
  private static final byte[][] NAMES = new byte[FIELDS.length][];

  /** Whether the field of that ordinal is text. */
  private static final boolean[] TEXT = new boolean[FIELDS.length];

  /* Fields that differ on (almost) every entry: not worth remembering. */
  private static final boolean[] VARYING = new boolean[FIELDS.length];

  /** Texts longer than this are not remembered, so a thread holds little for its cache. */
  private static final int REMEMBER_MAX = 512;

  /** Texts up to this long are copied to a char array and scanned there. */
  private static final int COPY_MAX = 2048;

  /**
   * For each ASCII char, 0 when written as is, else its escape's letter ({@code 'n'} for newline)
   * or -1 for the six-byte unicode escape (backslash, u, four hex digits): the chars jackson escapes by default (controls, quote,
   * backslash).
   */
  private static final int[] ESCAPES = new int[128];

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  static {
    for (EntryField f : FIELDS) {
      NAMES[f.ordinal()] = ("\"" + f.jsonName() + "\":").getBytes(StandardCharsets.UTF_8);
      TEXT[f.ordinal()] = f.kind() == EntryField.Kind.TEXT;
    }
    VARYING[EntryField.ID.ordinal()] = true;
    VARYING[EntryField.MESSAGE.ordinal()] = true;
    VARYING[EntryField.ERROR_STACK.ordinal()] = true;
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = -1;
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\f'] = 'f';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
  }

  private final GrowableBytes out;
  /* Whether the next value or name needs a comma before it: a value or a container closed last. */
  private boolean comma;
  private final char[] chars = new char[32];
  /* The last whole second written and its text, "yyyy-mm-ddThh:mm:ssZ" as bytes; null at first. */
  private long lastSecond;
  private byte[] lastSecondText;
  /* The chars of the text being written, when it is short enough to copy here first. */
  private final char[] copy = new char[COPY_MAX];
  /* Per text field: the String instance written last and its encoded bytes, quotes included. */
  private final String[] lastText = new String[FIELDS.length];
  private final byte[][] lastBytes = new byte[FIELDS.length][];

  EntryBytesWriter(GrowableBytes out) {
    this.out = out;
  }

  /**
   * Appends the entry's JSON object. Returns false, having written part of it, when the entry holds
   * a value only the generator's path handles (the caller resets the buffer and takes that path).
   */
  boolean entry(LogEntry e) {
    comma = false;
    raw('{');
    Object[] values = EntryInternals.values(e);
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        continue;
      }
      if (TEXT[i]) {
        name(i);
        if (VARYING[i]) {
          string((String) v);
        } else {
          rememberedString(i, (String) v);
        }
      } else if (!field(FIELDS[i], v)) {
        return false;
      }
    }
    raw('}');
    return true;
  }

  private boolean field(EntryField f, Object v) {
    switch (f.kind()) {
      case INSTANT:
        name(f.ordinal());
        instant((Instant) v);
        return true;
      case LEVEL:
        name(f.ordinal());
        string(((Level) v).name());
        return true;
      case ENVIRONMENT:
        name(f.ordinal());
        string(((Environment) v).wireName());
        return true;
      case INTEGER:
        name(f.ordinal());
        number((Integer) v);
        return true;
      case DATA:
        name(f.ordinal());
        return map((Map<?, ?>) v);
      case TEXT_LIST:
        List<?> list = (List<?>) v;
        if (!list.isEmpty()) {
          name(f.ordinal());
          return list(list);
        }
        return true;
      default:
        return false;
    }
  }

  /**
   * An instant as InstantText writes it. Entries come many per second: the text up to the seconds
   * ({@code "2026-12-07T01:15:42}) is kept from the last instant and only the fraction is new.
   */
  private void instant(Instant t) {
    long second = t.getEpochSecond();
    if (second != lastSecond || lastSecondText == null) {
      int length = InstantText.format(Instant.ofEpochSecond(second), chars);
      if (length < 0) {
        string(t.toString());
        return;
      }
      byte[] text = new byte[length]; // "yyyy-mm-ddThh:mm:ssZ": the last char is dropped below
      for (int i = 0; i < length; i++) {
        text[i] = (byte) chars[i];
      }
      lastSecondText = text;
      lastSecond = second;
    }
    byte[] prefix = lastSecondText;
    int p = out.size();
    byte[] b = out.room(prefix.length + 12);
    b[p++] = '"';
    System.arraycopy(prefix, 0, b, p, prefix.length - 1); // without its 'Z'
    p += prefix.length - 1;
    int nano = t.getNano();
    if (nano != 0) { // as Instant.toString: in groups of three digits, as many as needed
      b[p++] = '.';
      if (nano % 1_000_000 == 0) {
        p = digits(b, p, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        p = digits(b, p, nano / 1_000, 6);
      } else {
        p = digits(b, p, nano, 9);
      }
    }
    b[p++] = 'Z';
    b[p++] = '"';
    out.size(p);
  }

  private static int digits(byte[] b, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      b[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  private boolean map(Map<?, ?> m) {
    raw('{');
    comma = false;
    if (m instanceof FrozenMap) {
      FrozenMap<?, ?> f = (FrozenMap<?, ?>) m; // by index: no entry objects
      for (int i = 0; i < f.size(); i++) {
        if (!member(f.keyAt(i), f.valueAt(i))) {
          return false;
        }
      }
    } else {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!member(e.getKey(), e.getValue())) {
          return false;
        }
      }
    }
    raw('}');
    comma = true;
    return true;
  }

  private boolean member(Object key, Object value) {
    if (!(key instanceof String)) {
      return false;
    }
    if (comma) {
      raw(',');
    }
    string((String) key);
    raw(':');
    comma = false;
    return value(value);
  }

  private boolean list(List<?> l) {
    raw('[');
    comma = false;
    for (int i = 0, n = l.size(); i < n; i++) {
      if (!value(l.get(i))) {
        return false;
      }
    }
    raw(']');
    comma = true;
    return true;
  }

  /** A normalized data value; false for any other kind. */
  private boolean value(Object v) {
    if (v instanceof String) {
      valueSeparator();
      string((String) v);
    } else if (v instanceof Long) {
      valueSeparator();
      number((Long) v);
    } else if (v == null) {
      valueSeparator();
      ascii("null");
    } else if (v instanceof Boolean) {
      valueSeparator();
      ascii((Boolean) v ? "true" : "false");
    } else if (v instanceof Double && Double.isFinite((Double) v)) {
      valueSeparator();
      ascii(Double.toString((Double) v)); // what the generator writes for a double
    } else if (v instanceof Map) {
      valueSeparator();
      return map((Map<?, ?>) v);
    } else if (v instanceof List) {
      valueSeparator();
      return list((List<?>) v);
    } else if (v instanceof BigInteger || v instanceof BigDecimal) {
      valueSeparator();
      ascii(v.toString());
    } else {
      return false;
    }
    comma = true;
    return true;
  }

  private void valueSeparator() {
    if (comma) {
      raw(',');
    }
  }

  private void name(int ordinal) {
    byte[] name = NAMES[ordinal];
    int p = out.size();
    byte[] b = out.room(name.length + 1);
    if (comma) {
      b[p++] = ',';
    }
    System.arraycopy(name, 0, b, p, name.length);
    out.size(p + name.length);
    comma = true; // the value follows at once; the next name needs a comma
  }

  private void rememberedString(int ordinal, String s) {
    byte[] kept = lastBytes[ordinal];
    if (kept != null && lastText[ordinal] == s) {
      int p = out.size();
      System.arraycopy(kept, 0, out.room(kept.length), p, kept.length);
      out.size(p + kept.length);
      return;
    }
    int start = out.size();
    string(s);
    int length = out.size() - start;
    if (length <= REMEMBER_MAX) {
      lastText[ordinal] = s;
      lastBytes[ordinal] = java.util.Arrays.copyOfRange(out.room(0), start, start + length);
    }
  }

  /** A JSON string: the ASCII run copied as is, the rest escaped or encoded as jackson does. */
  private void string(String s) {
    int length = s.length();
    int p = out.size();
    byte[] b = out.room(length + 2);
    b[p++] = '"';
    int i = 0;
    if (length <= COPY_MAX) {
      char[] c = copy;
      s.getChars(0, length, c, 0); // one bulk copy: the loop below then reads a char[], not a String
      for (; i < length; i++) {
        char ch = c[i];
        if (ch >= 0x80 || ESCAPES[ch] != 0) {
          break;
        }
        b[p++] = (byte) ch;
      }
    } else {
      for (; i < length; i++) {
        char ch = s.charAt(i);
        if (ch >= 0x80 || ESCAPES[ch] != 0) {
          break;
        }
        b[p++] = (byte) ch;
      }
    }
    if (i < length) {
      out.size(p);
      rest(s, i, length);
      p = out.size();
      b = out.room(1);
    }
    b[p++] = '"';
    out.size(p);
  }

  /** Chars {@code from..end} of {@code s}, some of which need escaping or more than one byte. */
  private void rest(String s, int from, int end) {
    int i = from;
    while (i < end) {
      int chunk = Math.min(end - i, 1024);
      int p = out.size();
      byte[] b = out.room(chunk * 6 + 4); // the longest form of a char is 6 bytes (backslash u00XX)
      int stop = i + chunk;
      while (i < stop) {
        char c = s.charAt(i++);
        if (c < 0x80) {
          int esc = ESCAPES[c];
          if (esc == 0) {
            b[p++] = (byte) c;
          } else if (esc > 0) {
            b[p++] = '\\';
            b[p++] = (byte) esc;
          } else {
            p = unicodeEscape(b, p, c);
          }
        } else if (c < 0x800) {
          b[p++] = (byte) (0xC0 | (c >> 6));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (!Character.isSurrogate(c)) {
          b[p++] = (byte) (0xE0 | (c >> 12));
          b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(s.charAt(i))) {
          int cp = Character.toCodePoint(c, s.charAt(i++)); // may pass stop by one: room has 4 spare
          b[p++] = (byte) (0xF0 | (cp >> 18));
          b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          p = unicodeEscape(b, p, c); // an unpaired surrogate, as the generator escapes it
        }
      }
      out.size(p);
    }
  }

  private static int unicodeEscape(byte[] b, int p, char c) {
    b[p++] = '\\';
    b[p++] = 'u';
    b[p++] = HEX[(c >> 12) & 0xF];
    b[p++] = HEX[(c >> 8) & 0xF];
    b[p++] = HEX[(c >> 4) & 0xF];
    b[p++] = HEX[c & 0xF];
    return p;
  }

  private void number(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    int p = out.size();
    byte[] b = out.room(20);
    if (v < 0) {
      b[p++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    for (int i = p + digits - 1; i >= p; i--) {
      b[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    out.size(p + digits);
  }

  private void ascii(String s) {
    int length = s.length();
    int p = out.size();
    byte[] b = out.room(length);
    for (int i = 0; i < length; i++) {
      b[p + i] = (byte) s.charAt(i);
    }
    out.size(p + length);
  }

  private void raw(char c) {
    int p = out.size();
    out.room(1)[p] = (byte) c;
    out.size(p + 1);
  }
}
