package io.platformlogger.core.console;

/**
 * Escapes text for the pretty console line so that no value can end the line early, forge a second
 * entry or smuggle an ANSI escape sequence into a terminal. Stateless and thread-safe.
 */
final class Escaping {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Escaping() {}

  /**
   * True for the characters a terminal or a line-based reader may act on: C0 controls, DEL, C1
   * controls (NEL, CSI, ...) and the Unicode line and paragraph separators.
   */
  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }

  /**
   * Appends {@code s} with every control character escaped ({@code \n}, {@code \}{@code u001b}
   * for ESC, ...).
   */
  static void appendEscaped(StringBuilder sb, CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (isControl(c)) {
        appendControl(sb, c);
      } else {
        sb.append(c);
      }
    }
  }

  /**
   * Appends a key or value of a {@code key=value} pair: as is when it is a plain token, otherwise
   * in double quotes with {@code "} and {@code \} backslash-escaped, so spaces and {@code =} inside
   * a value cannot be mistaken for the next pair.
   */
  static void appendToken(StringBuilder sb, CharSequence s) {
    if (!needsQuotes(s)) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (isControl(c)) {
        appendControl(sb, c);
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private static boolean needsQuotes(CharSequence s) {
    if (s.length() == 0) {
      return true;
    }
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '=' || c == '\\' || isControl(c) || Character.isWhitespace(c)
          || Character.isSpaceChar(c)) {
        return true;
      }
    }
    return false;
  }

  private static void appendControl(StringBuilder sb, char c) {
    switch (c) {
      case '\n':
        sb.append("\\n");
        break;
      case '\r':
        sb.append("\\r");
        break;
      case '\t':
        sb.append("\\t");
        break;
      default:
        sb.append("\\u")
            .append(HEX[(c >> 12) & 0xF])
            .append(HEX[(c >> 8) & 0xF])
            .append(HEX[(c >> 4) & 0xF])
            .append(HEX[c & 0xF]);
    }
  }
}
