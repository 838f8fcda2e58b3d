package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import java.io.PrintStream;

/**
 * Prints the pipeline's own reports and entries that must not reach sinks (a sink's client
 * library logging) to stderr, one escaped line each. Thread-safe.
 */
final class FallbackPrinter {
  private final PrintStream out;

  FallbackPrinter(PrintStream out) {
    this.out = out;
  }

  void report(String message) {
    print("platform-logger: " + message);
  }

  void entry(LogEntry e) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(e.timestamp()).append(' ').append(e.level()).append(" [internal] ");
    if (e.loggerName() != null) {
      sb.append(e.loggerName()).append(": ");
    }
    sb.append(e.message());
    if (e.errorType() != null) {
      sb.append(" (").append(e.errorType()).append(')');
    }
    print(sb.toString());
  }

  private void print(String line) {
    StringBuilder sb = new StringBuilder(line.length() + 16);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    synchronized (out) {
      out.println(sb);
      out.flush();
    }
  }
}
