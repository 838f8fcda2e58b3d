package io.platformlogger.core.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Map;

/**
 * Renders one entry as the pretty console line described on {@link ConsoleSink}. Stateless and
 * thread-safe; never throws for odd values (they are rendered through {@code String.valueOf}).
 */
final class PrettyFormat {
  /** Starts every continuation line; an entry line starts with its timestamp. */
  static final String CONTINUATION = "    | ";

  static final int TRACE_ID_CHARS = 8;

  // appendInstant covers the whole Instant range (a year pattern fails beyond year 999999999).
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter(Locale.ROOT);
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_NESTING = 32;
  private static final String RESET = "\u001b[0m";

  private PrettyFormat() {}

  /** Appends the entry's line(s), each ended by {@code '\n'}. */
  static void append(StringBuilder sb, LogEntry e, boolean color) {
    TIME.formatTo(e.timestamp(), sb);
    sb.append(' ');
    appendLevel(sb, e.level(), color);
    if (e.service() != null) {
      sb.append(' ');
      Escaping.appendEscaped(sb, e.service());
    }
    if (e.loggerName() != null) {
      sb.append(" [");
      Escaping.appendEscaped(sb, abbreviate(e.loggerName()));
      sb.append(']');
    }
    if (!e.message().isEmpty()) {
      sb.append(' ');
      Escaping.appendEscaped(sb, e.message());
    }
    for (Map.Entry<String, Object> d : e.data().entrySet()) {
      sb.append(' ');
      Escaping.appendToken(sb, String.valueOf(d.getKey()));
      sb.append('=');
      appendValue(sb, d.getValue());
    }
    appendPair(sb, "event", e.eventType());
    appendPair(sb, "tenant", e.tenantId());
    appendPair(sb, "user", e.userId());
    appendPair(sb, "request", e.requestId());
    appendPair(sb, "trace", shortTrace(e.traceId()));
    if (e.sourceFile() != null) {
      sb.append(" (");
      Escaping.appendEscaped(sb, e.sourceFile());
      if (e.sourceLine() != null) {
        sb.append(':').append(e.sourceLine().intValue());
      }
      sb.append(')');
    }
    String[] stack = e.errorStack() == null ? new String[0] : e.errorStack().split("\r\n|\r|\n");
    int firstStackLine = 0;
    if (e.errorType() != null) {
      // The stack's first line is "type: message"; show it on the entry line instead of twice.
      String head = e.errorType();
      if (stack.length > 0 && stack[0].startsWith(e.errorType())) {
        head = stack[0];
        firstStackLine = 1;
      }
      appendPair(sb, "error", head);
    }
    appendPair(sb, "code", e.errorCode());
    sb.append('\n');
    int lastStackLine = stack.length - 1;
    while (lastStackLine >= firstStackLine && stack[lastStackLine].isBlank()) {
      lastStackLine--;
    }
    for (int i = firstStackLine; i <= lastStackLine; i++) {
      sb.append(CONTINUATION);
      String line = stack[i];
      int start = 0;
      // Throwable.printStackTrace indents frames with tabs; keep the indent readable.
      while (start < line.length() && line.charAt(start) == '\t') {
        sb.append("  ");
        start++;
      }
      Escaping.appendEscaped(sb, line.substring(start));
      sb.append('\n');
    }
  }

  /** {@code com.acme.billing.OrderService} becomes {@code c.a.b.OrderService}. */
  static String abbreviate(String loggerName) {
    int last = loggerName.lastIndexOf('.');
    if (last <= 0 || last == loggerName.length() - 1) {
      return loggerName;
    }
    StringBuilder sb = new StringBuilder(loggerName.length());
    int start = 0;
    while (start <= last) {
      int dot = loggerName.indexOf('.', start);
      if (dot > start) {
        sb.append(loggerName.charAt(start));
      }
      sb.append('.');
      start = dot + 1;
    }
    return sb.append(loggerName, last + 1, loggerName.length()).toString();
  }

  private static String shortTrace(String traceId) {
    if (traceId == null || traceId.length() <= TRACE_ID_CHARS) {
      return traceId;
    }
    return traceId.substring(0, TRACE_ID_CHARS);
  }

  private static void appendLevel(StringBuilder sb, Level level, boolean color) {
    String name = level.name();
    if (color) {
      sb.append(ansi(level)).append(name).append(RESET);
    } else {
      sb.append(name);
    }
    for (int i = name.length(); i < 5; i++) {
      sb.append(' ');
    }
  }

  private static String ansi(Level level) {
    switch (level) {
      case ERROR:
        return "\u001b[31m";
      case WARN:
        return "\u001b[33m";
      case INFO:
        return "\u001b[32m";
      case DEBUG:
        return "\u001b[36m";
      default:
        return "\u001b[90m";
    }
  }

  private static void appendPair(StringBuilder sb, String key, String value) {
    if (value != null) {
      sb.append(' ').append(key).append('=');
      Escaping.appendToken(sb, value);
    }
  }

  private static void appendValue(StringBuilder sb, Object v) {
    if (v == null || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map || v instanceof Iterable) {
      Escaping.appendEscaped(sb, toJson(v));
    } else {
      Escaping.appendToken(sb, safeToString(v));
    }
  }

  /** Nested data as compact JSON, the notation readers of the JSON format already know. */
  private static String toJson(Object v) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writeJson(g, v, 0);
    } catch (IOException | RuntimeException ex) {
      return safeToString(v);
    }
    return out.toString();
  }

  private static void writeJson(JsonGenerator g, Object v, int depth) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      g.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (depth >= MAX_NESTING) {
      g.writeString("...");
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(entry.getKey()));
        writeJson(g, entry.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else if (v instanceof Iterable) {
      g.writeStartArray();
      for (Object item : (Iterable<?>) v) {
        writeJson(g, item, depth + 1);
      }
      g.writeEndArray();
    } else {
      g.writeString(safeToString(v));
    }
  }

  private static String safeToString(Object v) {
    try {
      return String.valueOf(v);
    } catch (RuntimeException ex) {
      return "<" + v.getClass().getName() + ".toString() threw " + ex.getClass().getName() + ">";
    }
  }
}
