package io.platformlogger.loki;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes an entry's line fit Loki's {@code max_line_size}: Loki refuses a longer line (reason
 * {@code line_too_long}) or, when its operator chose {@code max_line_size_truncate}, cuts the JSON
 * mid-way so {@code | json} no longer parses it. Instead the sink cuts the entry itself, the largest
 * of these parts first, until it fits: the stack trace or the message (each keeps its head and ends
 * with {@code …[truncated N chars]}), or {@code data} (dropped whole); each cut adds its marker to {@code sanitized}
 * ({@code error_stack_truncated}, {@code message_truncated}, {@code data_truncated}), so the line
 * stays valid JSON and says what is missing. Stateless.
 */
final class LineCutter {
  /** Room for the cut suffix and the markers, in bytes. */
  private static final int SLACK = 96;

  private LineCutter() {}

  /**
   * The entry's JSON cut to at most {@code maxBytes}, or null when even the entry without its
   * stack, message and data is longer (its context fields alone are over the limit).
   */
  static byte[] fit(LogEntry entry, byte[] json, int maxBytes) {
    int stack = entry.errorStack() == null ? 0 : entry.errorStack().length();
    int message = entry.message().length();
    long data = entry.data().isEmpty() ? 0 : Math.max(1, json.length - stack - message - 512L);
    // The largest part first: a huge stack or data should not cost the message.
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
    long[] size = {stack, message, data};
    order.sort((x, y) -> Long.compare(size[y], size[x]));
    LogEntry cut = entry;
    byte[] line = json;
    for (int part : order) {
      if (line.length <= maxBytes || size[part] == 0) {
        continue;
      }
      int excess = line.length - maxBytes + SLACK;
      LogEntry.Builder b = cut.toBuilder();
      List<String> marks = new ArrayList<>(cut.sanitized());
      if (part == 0) {
        b.errorStack(shorten(cut.errorStack(), excess));
        mark(marks, "error_stack_truncated");
      } else if (part == 1) {
        b.message(shorten(cut.message(), excess));
        mark(marks, "message_truncated");
      } else {
        b.data(Map.of());
        mark(marks, "data_truncated");
      }
      cut = b.sanitized(marks).build();
      // A removed char is at least one byte of JSON (more when escaped or multi-byte), so cutting
      // `excess` chars removes at least `excess` bytes.
      line = LogEntryJson.encodeBytes(cut);
    }
    return line.length <= maxBytes ? line : null;
  }

  /** {@code text} less at least {@code excess} chars, ending with the truncation suffix. */
  private static String shorten(String text, int excess) {
    int keep = Math.max(0, text.length() - excess);
    String head = Texts.cut(text, keep);
    return head + "…[truncated " + (text.length() - head.length()) + " chars]";
  }

  private static void mark(List<String> marks, String marker) {
    if (!marks.contains(marker)) {
      marks.add(marker);
    }
  }
}
