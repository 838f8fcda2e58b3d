package io.platformlogger.core.internal;

/**
 * The redactor's pre-scan count of a short text, kept here so that the sanitizer's walk over a text
 * can take it on the way ({@link TextSanitizer#signals}) and the redactor need not read the text
 * again. One table entry per char is added into a long split in 8-bit lanes: bits 0-7 count the
 * digits, and one lane per signal char ({@code = : @ B J I}, the chars the redactor's triggers are
 * found at) counts it. Non-ASCII chars are folded onto ASCII ({@code c & 0x7F}): at worst a needless
 * closer look. Texts of at most {@value #LANE_LIMIT} chars cannot overflow a lane. Stateless.
 */
public final class SignalLanes {
  /** The longest text whose lanes cannot overflow (one 8-bit count per signal char). */
  public static final int LANE_LIMIT = 255;

  public static final int DIGIT_LANE = 0;
  public static final int EQUALS = 8;
  public static final int COLON = 16;
  public static final int AT = 24;
  public static final int CAPITAL_B = 32; // Bearer, BEARER, -----BEGIN
  public static final int CAPITAL_J = 40; // eyJ
  public static final int CAPITAL_I = 48; // AKIA, ASIA

  /* Per ASCII char, what it adds to the lanes. */
  static final long[] LANES = new long[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      LANES[c] = 1L << DIGIT_LANE;
    }
    LANES['='] = 1L << EQUALS;
    LANES[':'] = 1L << COLON;
    LANES['@'] = 1L << AT;
    LANES['B'] = 1L << CAPITAL_B;
    LANES['J'] = 1L << CAPITAL_J;
    LANES['I'] = 1L << CAPITAL_I;
  }

  private SignalLanes() {}

  /** The lanes of {@code s[from, to)}, at most {@value #LANE_LIMIT} chars. */
  public static long lanes(String s, int from, int to) {
    long lanes = 0;
    for (int i = from; i < to; i++) {
      lanes += LANES[s.charAt(i) & 0x7F];
    }
    return lanes;
  }
}
