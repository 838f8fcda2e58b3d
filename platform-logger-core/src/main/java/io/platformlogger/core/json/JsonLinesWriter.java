package io.platformlogger.core.json;

import io.platformlogger.core.LogEntry;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes entries as JSON Lines: each entry's {@link LogEntryJson} encoding in UTF-8 followed by a
 * newline, for sinks that stream many entries to a file or socket. Each entry is encoded in full
 * before any of it reaches the stream, so a failure never leaves half a line behind. Owns the
 * stream: {@link #close} closes it. Not thread-safe: one sink thread writes.
 */
public final class JsonLinesWriter implements Closeable, Flushable {
  private final OutputStream out;

  JsonLinesWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Writes one entry and its newline (buffering is the stream's business). */
  public void write(LogEntry entry) throws IOException {
    LogEntryJson.writeLine(entry, out); // from the thread's buffer, or the entry's kept encoding
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
