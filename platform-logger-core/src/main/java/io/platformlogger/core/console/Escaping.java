package io.platformlogger.core.console;

/**
 * Escapes text for a terminal so that no value can end the line early, forge a second entry,
 * smuggle an ANSI escape sequence in, reorder what is shown (bidi controls: an RLO in a service
 * name reversing the rest of the line) or hide text (zero-width and tag characters). Used by the
 * console sink's pretty and JSON lines and by the {@code platform-logs} CLI. Stateless and
 * thread-safe.
 */
public final class Escaping {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** The high surrogate of U+E0000–U+E03FF: tag characters and variation selectors supplement, all invisible. */
  private static final char INVISIBLE_PLANE_14 = '\uDB40';

  private Escaping() {}

  /**
   * True for the characters a terminal or a line-based reader may act on, or that change what a
   * reader sees without being seen: C0 controls, DEL, C1 controls (NEL, CSI, ...), the Unicode line
   * and paragraph separators, the bidi controls (U+061C, U+200E/U+200F, U+202A–U+202E,
   * U+2066–U+2069), zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF) and the high
   * surrogate of the tag characters (U+E0000–U+E007F), whose low half is escaped with it. A
   * joiner between two other non-ASCII characters is still kept: see {@link #escapes}.
   */
  static boolean isControl(char c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
    if (c < 0x061c) {
      return false; // the common case: ASCII and Latin text
    }
    return c == '\u061c'
        || (c >= '\u200b' && c <= '\u200f')
        || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2060' && c <= '\u2064')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\ufeff'
        || c == INVISIBLE_PLANE_14;
  }

  /**
   * Whether the char at {@code i} is escaped: every {@link #isControl} char except a zero-width
   * joiner or non-joiner (U+200D, U+200C) standing alone between two other non-ASCII characters,
   * where it shapes real text (emoji sequences such as 👩‍💻, Persian and Indic scripts); a run of
   * them, or one next to ASCII, carries nothing visible and is escaped.
   */
  static boolean escapes(CharSequence s, int i) {
    char c = s.charAt(i);
    if (!isControl(c)) {
      return false;
    }
    if ((c != '\u200c' && c != '\u200d') || i == 0 || i + 1 >= s.length()) {
      return true;
    }
    char before = s.charAt(i - 1);
    char after = s.charAt(i + 1);
    return before < 0x80 || after < 0x80 || isControl(before) || isControl(after);
  }

  /** {@code s} with every character of {@link #escapes} escaped; the same instance when none is. */
  public static String escape(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (escapes(s, i)) {
        StringBuilder sb = new StringBuilder(n + 16);
        appendEscaped(sb, s);
        return sb.toString();
      }
    }
    return s;
  }

  /**
   * Appends {@code s} with every control character escaped ({@code \n}, {@code \}{@code u001b}
   * for ESC, {@code \}{@code u202e} for RLO, ...).
   */
  static void appendEscaped(StringBuilder sb, CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (escapes(s, i)) {
        i = appendControl(sb, s, i);
      } else {
        sb.append(s.charAt(i));
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
      } else if (escapes(s, i)) {
        i = appendControl(sb, s, i);
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

  /** Escapes the control at {@code i} (with its low surrogate, for a tag character); returns the last index used. */
  private static int appendControl(StringBuilder sb, CharSequence s, int i) {
    char c = s.charAt(i);
    appendControl(sb, c);
    if (c == INVISIBLE_PLANE_14 && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      appendControl(sb, s.charAt(++i)); // never leave a lone low surrogate behind
    }
    return i;
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
