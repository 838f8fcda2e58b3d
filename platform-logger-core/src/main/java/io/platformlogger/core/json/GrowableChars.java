package io.platformlogger.core.json;

import java.io.Writer;

/**
 * A reusable in-memory character stream for one thread's encoder, the text counterpart of {@link
 * GrowableBytes}: no lock (unlike {@code StringWriter}'s buffer or {@code CharArrayWriter}), and a
 * large buffer is given back after use. Not thread-safe.
 */
final class GrowableChars extends Writer {
  private static final int KEEP_MAX = 64 * 1024;
  private static final int INITIAL = 1024;

  private StringBuilder sb = new StringBuilder(INITIAL);

  @Override
  public void write(int c) {
    sb.append((char) c);
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    sb.append(cbuf, off, len);
  }

  @Override
  public void write(String str, int off, int len) {
    sb.append(str, off, off + len);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return sb.toString();
  }

  void reset() {
    if (sb.capacity() > KEEP_MAX) {
      sb = new StringBuilder(INITIAL);
    } else {
      sb.setLength(0);
    }
  }
}
