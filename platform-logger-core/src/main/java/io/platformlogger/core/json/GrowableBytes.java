package io.platformlogger.core.json;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A reusable in-memory byte stream for one thread's encoder: the JSON generator flushes into it,
 * the bytes are copied out, and it is reset for the next entry. Unlike {@code
 * ByteArrayOutputStream} it takes no lock and gives back a large array after use. Not thread-safe.
 */
final class GrowableBytes extends OutputStream {
  /** Arrays grown beyond this by one huge entry are dropped after it, not kept per thread. */
  private static final int KEEP_MAX = 64 * 1024;
  private static final int INITIAL = 1024;

  private byte[] buf = new byte[INITIAL];
  private int count;

  @Override
  public void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  private void ensure(int more) {
    int need = count + more;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  /**
   * The buffer, with room for at least {@code more} bytes after {@link #size()}: for a writer that
   * fills it directly and then moves the end with {@link #size(int)}. Valid until the next call
   * that may grow it.
   */
  byte[] room(int more) {
    ensure(more);
    return buf;
  }

  /** How many bytes have been written since the last reset. */
  int size() {
    return count;
  }

  /** Sets the end of the written bytes, after filling the array {@link #room} returned. */
  void size(int newCount) {
    count = newCount;
  }

  /** Writes the bytes written so far to {@code out}, without copying them out first. */
  void writeTo(OutputStream out) throws java.io.IOException {
    out.write(buf, 0, count);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }

  void reset() {
    count = 0;
    if (buf.length > KEEP_MAX) {
      buf = new byte[INITIAL];
    }
  }
}
