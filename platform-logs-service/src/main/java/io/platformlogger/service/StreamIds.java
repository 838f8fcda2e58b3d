package io.platformlogger.service;

/**
 * Orders Redis stream ids ({@code <ms>-<seq>}, both unsigned 64-bit decimal) without parsing or
 * allocating: the stream compares ids per entry and client, hundreds of thousands a second.
 */
final class StreamIds {
  private StreamIds() {}

  /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
  static int compare(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    int ea = da < 0 ? a.length() : da;
    int eb = db < 0 ? b.length() : db;
    int c = compareDecimal(a, 0, ea, b, 0, eb);
    if (c != 0) {
      return c;
    }
    // A missing sequence is 0, as "-0" and "" both compare below any other digits.
    return compareDecimal(a, Math.min(ea + 1, a.length()), a.length(), b, Math.min(eb + 1, b.length()), b.length());
  }

  /** Compares the non-negative decimal numbers a[as, ae) and b[bs, be); leading zeros do not count. */
  private static int compareDecimal(String a, int as, int ae, String b, int bs, int be) {
    while (as < ae && a.charAt(as) == '0') {
      as++;
    }
    while (bs < be && b.charAt(bs) == '0') {
      bs++;
    }
    int c = Integer.compare(ae - as, be - bs); // more digits, larger number
    for (int i = 0; c == 0 && i < ae - as; i++) {
      c = Character.compare(a.charAt(as + i), b.charAt(bs + i));
    }
    return Integer.signum(c);
  }
}
