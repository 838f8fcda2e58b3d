package io.platformlogger.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates UUIDv7 entry ids: 48 bits of Unix milliseconds, then a 12-bit counter that keeps ids
 * from one process strictly increasing within a millisecond, then 62 random bits. Thread-safe and
 * lock-free.
 */
final class EntryIds {
  private static final AtomicLong LAST = new AtomicLong(); // (millis << 12) | counter
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private EntryIds() {}

  static String next(long epochMillis) {
    long candidate = epochMillis << 12;
    long prev;
    long next;
    do {
      prev = LAST.get();
      next = candidate > prev ? candidate : prev + 1; // never goes backwards, even if the clock does
    } while (!LAST.compareAndSet(prev, next));
    long millis = next >>> 12;
    long counter = next & 0xFFF;
    long msb = (millis << 16) | (0x7L << 12) | counter;
    long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return format(msb, lsb);
  }

  /**
   * Milliseconds for the id's time part: the entry's timestamp, so ids sort like timestamps; but
   * the current time when the timestamp is missing or more than a day away from now, so that a
   * bogus timestamp can neither overflow the 48 bits nor drag every later id along with it.
   */
  static long millisOf(java.time.Instant timestamp) {
    long now = System.currentTimeMillis();
    if (timestamp == null) {
      return now;
    }
    long seconds = timestamp.getEpochSecond();
    if (Math.abs(seconds - now / 1000) > 86_400) {
      return now;
    }
    return seconds * 1000 + timestamp.getNano() / 1_000_000;
  }

  /** The Unix milliseconds stored in a UUIDv7 text, or the current time for other id formats. */
  static long timestampMillis(String id) {
    if (id != null && id.length() == 36 && id.charAt(14) == '7') {
      try {
        return Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16);
      } catch (NumberFormatException ignored) {
        // not a UUIDv7 after all
      }
    }
    return System.currentTimeMillis();
  }

  /* Each thread's scratch for the 36 chars of an id, as Latin-1 bytes: the String copies them once. */
  private static final ThreadLocal<byte[]> TEXT = ThreadLocal.withInitial(() -> new byte[36]);

  private static String format(long msb, long lsb) {
    byte[] c = TEXT.get();
    hex(msb >>> 32, 8, c, 0);
    c[8] = '-';
    hex(msb >>> 16, 4, c, 9);
    c[13] = '-';
    hex(msb, 4, c, 14);
    c[18] = '-';
    hex(lsb >>> 48, 4, c, 19);
    c[23] = '-';
    hex(lsb, 12, c, 24);
    return new String(c, 0, 36, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static void hex(long value, int digits, byte[] out, int offset) {
    for (int i = digits - 1; i >= 0; i--) {
      out[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
