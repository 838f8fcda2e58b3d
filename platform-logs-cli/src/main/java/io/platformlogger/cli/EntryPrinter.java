package io.platformlogger.cli;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.console.ColorMode;
import io.platformlogger.core.console.ConsoleFormat;
import io.platformlogger.core.console.ConsoleSink;
import io.platformlogger.core.console.Escaping;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints entries like {@code docker compose logs}: each line starts with the service name, padded
 * and (with colour) in a colour of its own, then {@code | } and the console sink's pretty line
 * (whose escaping keeps control characters in messages from reaching the terminal). JSON output is
 * one entry per line. Not thread-safe.
 */
final class EntryPrinter {
  /** The colours docker compose cycles through, in its order. */
  private static final String[] PALETTE = {
    "\u001b[36m", "\u001b[33m", "\u001b[32m", "\u001b[35m", "\u001b[34m",
    "\u001b[96m", "\u001b[93m", "\u001b[92m", "\u001b[95m", "\u001b[94m"
  };
  private static final String RESET = "\u001b[0m";
  private static final String NO_SERVICE = "-";

  private final PrintStream out;
  private final OutputFormat format;
  private final boolean color;
  private final StringBuilder rendered = new StringBuilder();
  private final ConsoleSink renderer;
  private final Map<String, String> serviceColors = new HashMap<>();
  private int width;

  EntryPrinter(PrintStream out, OutputFormat format, boolean color) {
    this.out = out;
    this.format = format;
    this.color = color;
    this.renderer =
        ConsoleSink.builder()
            .format(format == OutputFormat.json ? ConsoleFormat.JSON : ConsoleFormat.PRETTY)
            .color(color ? ColorMode.ALWAYS : ColorMode.NEVER)
            .output(rendered)
            .build();
  }

  void print(LogEntry entry) throws Exception {
    rendered.setLength(0);
    if (format == OutputFormat.json) {
      renderer.write(List.of(entry));
      out.print(rendered);
      return;
    }
    // The prefix shows the service; leave it out of the line itself.
    renderer.write(List.of(entry.toBuilder().service(null).build()));
    String service = entry.service() == null ? NO_SERVICE : escapeForPrefix(entry.service());
    width = Math.max(width, service.codePointCount(0, service.length()));
    StringBuilder prefix = new StringBuilder();
    if (color) {
      prefix.append(serviceColors.computeIfAbsent(service, s -> PALETTE[serviceColors.size() % PALETTE.length]));
    }
    prefix.append(service);
    for (int i = service.codePointCount(0, service.length()); i < width; i++) {
      prefix.append(' ');
    }
    prefix.append(" |");
    if (color) {
      prefix.append(RESET);
    }
    prefix.append(' ');
    StringBuilder sb = new StringBuilder(rendered.length() + 64);
    int start = 0;
    while (start < rendered.length()) {
      int nl = rendered.indexOf("\n", start);
      int end = nl < 0 ? rendered.length() : nl;
      sb.append(prefix).append(rendered, start, end).append('\n');
      start = end + 1;
    }
    out.print(sb);
  }

  void flush() {
    out.flush();
  }

  /**
   * Service names are printed outside the escaped line, so escape them here like the line: controls,
   * bidi controls (an RLO would reverse the rest of the line), zero-width and tag characters.
   */
  static String escapeForPrefix(String s) {
    return Escaping.escape(s);
  }
}
