package io.platformlogger.loki;

/** Text from a server or an entry made safe for an error message on a terminal. Stateless. */
final class Reports {
  private Reports() {}

  /** {@code s} with control characters escaped, cut to {@code max} chars. */
  static String printable(String s, int max) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (sb.length() >= max && s.length() > max) {
      sb.append('…');
    }
    return sb.toString();
  }
}
