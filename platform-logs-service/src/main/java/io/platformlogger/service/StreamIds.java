package io.platformlogger.service;

/** Orders Redis stream ids ({@code <ms>-<seq>}, both unsigned 64-bit). */
final class StreamIds {
  private StreamIds() {}

  /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
  static int compare(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    long ma = Long.parseUnsignedLong(da < 0 ? a : a.substring(0, da));
    long mb = Long.parseUnsignedLong(db < 0 ? b : b.substring(0, db));
    int c = Long.compareUnsigned(ma, mb);
    if (c != 0) {
      return c;
    }
    long sa = da < 0 ? 0 : Long.parseUnsignedLong(a.substring(da + 1));
    long sb = db < 0 ? 0 : Long.parseUnsignedLong(b.substring(db + 1));
    return Long.compareUnsigned(sa, sb);
  }
}
