package io.platformlogger.core.json;

import java.time.Instant;

/**
 * Writes an Instant exactly as {@link Instant#toString()} does (ISO-8601, UTC, the fraction in
 * groups of three digits as needed) without going through {@code DateTimeFormatter}, which was
 * the single largest cost of encoding an entry.
 * Stateless and thread-safe.
 */
final class InstantText {
  private static final long MIN_SECOND = -62167219200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

  private InstantText() {}

  /**
   * Fills {@code out} (at least 30 chars) and returns the length written, or -1 for a year
   * outside 0000–9999 (then use {@code toString()}).
   */
  static int format(Instant t, char[] out) {
    long seconds = t.getEpochSecond();
    if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
      return -1;
    }
    long epochDay = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    // Civil date from a day count (H. Hinnant's algorithm, proleptic Gregorian like java.time).
    long z = epochDay + 719_468L;
    long era = (z >= 0 ? z : z - 146_096L) / 146_097L;
    long dayOfEra = z - era * 146_097L;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, (secondOfDay / 60) % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    int pos = 19;
    int nano = t.getNano();
    if (nano != 0) {
      out[pos++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(out, pos, nano / 1_000_000, 3);
        pos += 3;
      } else if (nano % 1_000 == 0) {
        digits(out, pos, nano / 1_000, 6);
        pos += 6;
      } else {
        digits(out, pos, nano, 9);
        pos += 9;
      }
    }
    out[pos++] = 'Z';
    return pos;
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
