package io.platformlogger.examples.demo;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How the demo prints: section headings, one-line entries and aligned tables. Not thread-safe. */
final class Terminal {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final PrintStream out;

  Terminal(PrintStream out) {
    this.out = out;
  }

  void section(String title) {
    out.println();
    out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
  }

  void line(String text) {
    out.println(text);
  }

  /** One entry on one line: time, level, service, tenant, message and where it was logged. */
  void entry(LogEntry e) {
    String where = e.sourceFile() == null ? "" : "  (" + e.sourceFile() + ":" + e.sourceLine() + ")";
    out.printf(
        "  %s %-5s %-9s %-10s %s%s%n",
        TIME.format(e.timestamp()),
        e.level(),
        e.service(),
        e.tenantId() == null ? "-" : e.tenantId(),
        oneLine(e.message(), 90),
        where);
  }

  /** Columns padded to the widest cell; the first row is the header. */
  void table(List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (int n = 0; n < rows.size(); n++) {
      StringBuilder sb = new StringBuilder("  ");
      for (int i = 0; i < width.length; i++) {
        sb.append(String.format("%-" + width[i] + "s", rows.get(n).get(i))).append(i + 1 < width.length ? "  " : "");
      }
      out.println(sb.toString().stripTrailing());
      if (n == 0) {
        out.println("  " + "-".repeat(sb.length() - 2));
      }
    }
  }

  static String oneLine(String s, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? ' ' : c); // never let a message forge terminal lines
    }
    return s.length() > max ? sb.append('…').toString() : sb.toString();
  }

  static boolean isProblem(Level level) {
    return level == Level.ERROR || level == Level.WARN;
  }
}
