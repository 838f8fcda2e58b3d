package io.platformlogger.cli;

import io.platformlogger.core.console.Escaping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What {@code export} writes when standard output is a terminal: each line with the characters
 * {@link Escaping} escapes (controls, bidi controls, zero-width and tag characters) escaped, its
 * line end kept, so exported text cannot drive, reorder or hide part of the terminal. Redirected
 * to a file or a pipe, export writes the bytes unchanged. Lines are cut at {@code \n}, a byte that
 * never occurs inside a multi-byte UTF-8 character. Not thread-safe: the command's thread only.
 */
final class TerminalSafeOutput extends OutputStream {
  private final OutputStream out;
  /* The bytes of the current line, up to and including its \n; emitted whole. */
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

  TerminalSafeOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off, end = off + len; i < end; i++) {
      if (b[i] == '\n') {
        line.write(b, start, i + 1 - start);
        emit();
        start = i + 1;
      }
    }
    line.write(b, start, off + len - start);
  }

  /** Writes out what is pending, a last line without its end included. */
  @Override
  public void flush() throws IOException {
    emit();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush(); // standard output itself stays open
  }

  private void emit() throws IOException {
    if (line.size() == 0) {
      return;
    }
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    int end = s.endsWith("\r\n") ? s.length() - 2 : s.endsWith("\n") ? s.length() - 1 : s.length();
    String safe = Escaping.escape(s.substring(0, end)) + s.substring(end);
    out.write(safe.getBytes(StandardCharsets.UTF_8));
  }
}
