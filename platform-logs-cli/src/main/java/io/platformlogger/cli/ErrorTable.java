package io.platformlogger.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.platformlogger.core.console.Escaping;
import io.platformlogger.postgres.ErrorGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders error groups: an aligned table for people, or one JSON object per line for tools. */
final class ErrorTable {
  static final List<String> HEADER =
      List.of("SIGNATURE", "COUNT", "FIRST SEEN", "LAST SEEN", "LEVEL", "SERVICES", "TENANTS", "TITLE");
  /** The title column is cut here (with an ellipsis) so a row stays on one line. */
  static final int SAMPLE_CHARS = 80;

  private static final JsonFactory JSON = new JsonFactory();
  /** Milliseconds always shown, as in the entry lines, so the columns line up. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private ErrorTable() {}

  static void pretty(List<ErrorGroup> groups, PrintStream out) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ErrorGroup g : groups) {
      rows.add(
          List.of(
              cell(g.errorSignature())
                  + (g.errorSignatures().size() > 1 ? "+" + (g.errorSignatures().size() - 1) : ""),
              Long.toString(g.count()),
              time(g.firstSeen()),
              time(g.lastSeen()),
              g.level().name(),
              g.services().isEmpty() ? "-" : cell(String.join(",", g.services())),
              Long.toString(g.tenantCount()),
              cut(cell(title(g)))));
    }
    int[] width = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], length(row.get(i)));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        boolean last = i == row.size() - 1;
        boolean number = i == 1 || i == 6;
        int pad = width[i] - length(v);
        if (number && row != HEADER) {
          sb.append(" ".repeat(pad)).append(v);
        } else {
          sb.append(v);
          if (!last) {
            sb.append(" ".repeat(pad));
          }
        }
        if (!last) {
          sb.append("  ");
        }
      }
      sb.append('\n');
    }
    out.print(sb);
  }

  static void json(List<ErrorGroup> groups, PrintStream out) throws IOException {
    for (ErrorGroup g : groups) {
      StringWriter line = new StringWriter();
      try (JsonGenerator j = JSON.createGenerator(line)) {
        j.writeStartObject();
        j.writeStringField("error_signature", g.errorSignature());
        j.writeNumberField("count", g.count());
        j.writeStringField("first_seen", time(g.firstSeen()));
        j.writeStringField("last_seen", time(g.lastSeen()));
        j.writeStringField("level", g.level().name());
        j.writeArrayFieldStart("services");
        for (String s : g.services()) {
          j.writeString(s);
        }
        j.writeEndArray();
        j.writeNumberField("tenants", g.tenantCount());
        j.writeStringField("sample_message", g.sampleMessage());
        j.writeStringField("sample_error_type", g.sampleErrorType());
        j.writeStringField("sample_stack", g.sampleStack());
        j.writeStringField("title", g.title());
        j.writeArrayFieldStart("error_signatures");
        for (String s : g.errorSignatures()) {
          j.writeString(s);
        }
        j.writeEndArray();
        writeValues(j, "sample_values", g.sampleValues());
        j.writeEndObject();
      }
      // Jackson leaves C1 controls, U+2028/9, bidi controls and invisible characters raw; their
      // escapes mean the same characters in JSON, and no line can drive or reorder a terminal.
      out.print(Escaping.escape(line.toString()));
      out.print('\n');
    }
  }

  /** {@code "field":[["a","b"],["c"]]}: sample values per {@code <*>}, here and in patterns. */
  static void writeValues(JsonGenerator j, String field, List<List<String>> values) throws IOException {
    j.writeArrayFieldStart(field);
    for (List<String> forOne : values) {
      j.writeStartArray();
      for (String v : forOne) {
        j.writeString(v);
      }
      j.writeEndArray();
    }
    j.writeEndArray();
  }

  private static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  /** The error type and the group's title (its message template), else the latest message. */
  private static String title(ErrorGroup g) {
    String msg = g.title() != null && !g.title().isEmpty() ? g.title() : g.sampleMessage();
    msg = msg == null ? "" : msg;
    return g.sampleErrorType() == null ? msg : g.sampleErrorType() + ": " + msg;
  }

  private static String cell(String s) {
    return s == null ? "-" : EntryPrinter.escapeForPrefix(s);
  }

  private static String cut(String s) {
    if (length(s) <= SAMPLE_CHARS) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, SAMPLE_CHARS - 1)) + "…";
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
