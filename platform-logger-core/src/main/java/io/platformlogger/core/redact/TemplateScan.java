package io.platformlogger.core.redact;

/**
 * What a call site's constant message template tells the pre-scan: a message formatted from it is
 * the template's literal segments (the text between its {@code {}} placeholders) with the
 * arguments between them, and a segment's inside reads the same in every message. So the segments
 * are scanned once, here, and each message only where an argument landed.
 *
 * <p>{@link #isClean} proves a message holds no trigger of any built-in family ({@link
 * TextMasker#scan} would find nothing) or answers false, and the caller scans the message whole.
 * The proof does not trust the formatting: it finds the segments in the message (the first at its
 * start, the last at its end, the others in order between), so a message cut, repaired or formatted
 * some other way only falls back to the whole scan. Every part of the message not inside a found
 * segment (an argument, a placeholder left unfilled) is checked per message, with a margin of
 * {@value #MARGIN} chars of the segments around it and the digits next to it, where a trigger can
 * straddle the two:
 *
 * <ul>
 *   <li>a trigger of a few chars ({@code Bearer}, {@code -----BEGIN}, {@code eyJ}, {@code AKIA},
 *       {@code ://}) across an argument's edge lies in the margin; a run of 13 digits across it
 *       in the digits and separators on both sides of the edge (at most 24 chars each);
 *   <li>a {@code =} or {@code :} reads the key before it, up to 133 chars back, across an argument
 *       ({@code "{}=x"} with {@code password} as the argument): only a segment's first {@code =}
 *       or {@code :}, when nothing but key chars, blanks and quotes come before it in the segment,
 *       can read into the argument before it; it is checked per message ({@link #heads});
 *   <li>a URL password needs a {@code ://} and an {@code @} after it anywhere: any {@code ://} and
 *       any {@code @} in the message (in a segment or an argument) send it to the whole scan.
 * </ul>
 *
 * A template whose segments hold a trigger themselves ({@code "password={}"}, {@code "Bearer {}"},
 * {@code "{}://{}:{}@db"}: the key, the scheme word or the {@code ://} and {@code @} are in the
 * template) gets {@link #DIRTY}: every message from it is scanned whole and masked as before.
 * Immutable and thread-safe; built once per template and cached by {@link Redactor}.
 */
final class TemplateScan {
  /**
   * Chars of segment around an argument whose triggers are checked per message: a trigger reads at
   * most 5 chars before its signal char ({@code -----BEGIN}) and 5 after ({@code Bearer}).
   */
  static final int MARGIN = 10;

  /** The most chars a run of 13 digits with single separators spans. */
  private static final int RUN_SPAN = 25;

  /** The longest reach of a key back from its {@code =} or {@code :} (4 blanks, a quote, 128 chars). */
  private static final int KEY_REACH = 133;

  /** A template whose messages are always scanned whole. */
  static final TemplateScan DIRTY = new TemplateScan(null, null, null, false, false);

  /** The template's literal segments, in order; null for {@link #DIRTY}. */
  private final String[] segments;
  /** The segments' chars, compared with a message's ({@link #has}). */
  private final char[][] chars;
  /** Per segment, the offset of its first {@code =} or {@code :} that may read a key in the argument before it; -1 if none. */
  private final int[] heads;
  /**
   * Per segment, bit 0: a signal char lies among its first {@value #MARGIN} chars; bit 1: among its
   * last. Only such a char's trigger can reach across the segment's edge into an argument, so only
   * then is that edge's margin checked per message; a segment with none there is not read at all.
   */
  private final byte[] edges;
  /** Whether the segments hold a {@code ://}, an {@code @}. */
  private final boolean scheme;
  private final boolean at;

  /**
   * Whether a message filled from its arguments can be proved clean on the arguments alone ({@link
   * #isCleanFilled}): no segment edge next to a placeholder holds a signal char, and no segment's
   * key can reach back into an argument.
   */
  private final boolean plainEdges;
  /** The digits in the runs of digits, spaces and dashes at the segments' edges next to a placeholder, summed. */
  private final int edgeDigits;
  /** The chars of all segments together. */
  private final int segmentChars;

  private TemplateScan(String[] segments, int[] heads, byte[] edges, boolean scheme, boolean at) {
    this.segments = segments;
    this.edges = edges;
    boolean plain = segments != null;
    int digits = 0;
    int total = 0;
    for (int k = 0; segments != null && k < segments.length; k++) {
      String segment = segments[k];
      total += segment.length();
      boolean first = k == 0;
      boolean last = k == segments.length - 1;
      plain &= heads[k] < 0 && ((first || (edges[k] & START_EDGE) == 0) && (last || (edges[k] & END_EDGE) == 0));
      digits += (first ? 0 : edgeRunDigits(segment, true)) + (last ? 0 : edgeRunDigits(segment, false));
    }
    this.plainEdges = plain;
    this.edgeDigits = digits;
    this.segmentChars = total;
    this.chars = new char[segments == null ? 0 : segments.length][];
    for (int k = 0; k < this.chars.length; k++) {
      this.chars[k] = segments[k].toCharArray();
    }
    this.heads = heads;
    this.scheme = scheme;
    this.at = at;
  }

  /** The scan of {@code template}, or {@link #DIRTY} when its segments hold a trigger themselves. */
  static TemplateScan of(String template, TextMasker masker) {
    if (template.indexOf('\\') >= 0 || masker.hasConfiguredPatterns()) {
      return DIRTY; // an escaped placeholder prints differently; configured patterns read every text
    }
    int count = 1;
    for (int i = template.indexOf("{}"); i >= 0; i = template.indexOf("{}", i + 2)) {
      count++;
    }
    String[] segments = new String[count];
    int[] heads = new int[count];
    byte[] edges = new byte[count];
    int from = 0;
    int found = 0;
    for (int k = 0; k < count; k++) {
      int end = k == count - 1 ? template.length() : template.indexOf("{}", from);
      String segment = template.substring(from, end);
      segments[k] = segment;
      // Every anchor, read in the segment alone. Those whose reach stays inside the segment read
      // the same in every message; those near an argument are checked again per message (the
      // margins, heads), so a trigger here only sends every message to the whole scan.
      found |= masker.scanAnchors(segment, 0, segment.length());
      if (TextMasker.hasDigitRun(segment, 0, segment.length())) {
        return DIRTY;
      }
      heads[k] = k > 0 ? head(segment) : -1;
      int l = segment.length();
      edges[k] = (byte) ((hasSignal(segment, 0, Math.min(l, MARGIN)) ? START_EDGE : 0)
          | (hasSignal(segment, Math.max(0, l - MARGIN), l) ? END_EDGE : 0));
      from = end + 2;
    }
    boolean scheme = (found & TextMasker.SCHEME_SEEN) != 0;
    boolean at = (found & TextMasker.AT_SEEN) != 0;
    if ((found & ~(TextMasker.SCHEME_SEEN | TextMasker.AT_SEEN)) != 0 || (scheme && at)) {
      return DIRTY;
    }
    return new TemplateScan(segments, heads, edges, scheme, at);
  }

  /** The digits in the run of digits, spaces and dashes at the start (or end) of {@code segment}. */
  private static int edgeRunDigits(String segment, boolean start) {
    int digits = 0;
    int n = segment.length();
    for (int j = 0; j < n; j++) {
      char c = segment.charAt(start ? j : n - 1 - j);
      if (!isDigitOrSeparator(c)) {
        break;
      }
      digits += c >= '0' && c <= '9' ? 1 : 0;
    }
    return digits;
  }

  /**
   * True when {@code message}, the template filled by the pipeline's formatter with each argument's
   * text at the place {@code placed} records (the count at index 0, then each start and end; the
   * text between them the template's segments, copied, and nothing cut or repaired since: the
   * caller's promise), holds no trigger of a built-in family; false when it may. Reads only the
   * arguments' texts: none may hold a signal char, and all their digits with those at the
   * segments' edges must be fewer than a card number's, so that no trigger can form across an edge
   * (the segments themselves were scanned once, here).
   */
  boolean isCleanFilled(String message, int[] placed) {
    int count = placed[0];
    if (!plainEdges || count != segments.length - 1) {
      return false;
    }
    int digits = edgeDigits;
    int length = segmentChars;
    for (int k = 0; k < count; k++) {
      int from = placed[1 + 2 * k];
      int to = placed[2 + 2 * k];
      if (to - from > TextMasker.LANE_LIMIT) {
        return false; // its lanes could overflow: the whole scan decides
      }
      long lanes = TextMasker.lanes(message, from, to);
      if ((lanes & ~0xFFL) != 0) {
        return false; // a signal char: the whole scan decides
      }
      digits += (int) (lanes & 0xFF);
      length += to - from;
    }
    return digits < CARD_DIGITS && length == message.length();
  }

  private static final int CARD_DIGITS = 13;

  private static final int START_EDGE = 1;
  private static final int END_EDGE = 2;

  /**
   * Whether {@code s[from, to)} holds a char whose trigger reads the chars around it ({@link
   * TextMasker#scanAnchors}' cases): only such a char near a segment's edge can form a trigger
   * with an argument's chars.
   */
  private static boolean hasSignal(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '=' || c == ':' || c == '@' || c == 'B' || c == 'J' || c == 'I') {
        return true;
      }
    }
    return false;
  }

  /**
   * The first {@code =} or {@code :} of {@code segment} if only chars a key's look back passes over
   * (key chars, blanks, quotes) come before it and it is near enough the start for that look to
   * reach the argument before the segment; -1 otherwise. A later one's look stops at this one.
   */
  private static int head(String segment) {
    for (int i = 0; i < segment.length() && i <= KEY_REACH; i++) {
      char c = segment.charAt(i);
      if (c == '=' || c == ':') {
        return i;
      }
      if (!(c == ' ' || c == '\t' || c == '"' || c == '\'' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * True when {@code message} holds no trigger of a built-in family ({@code masker.scan(message)}
   * would be 0, so nothing in it would be masked); false when it may, or when the template's
   * segments cannot be found in it.
   */
  boolean isClean(String message, TextMasker masker) {
    if (segments == null) {
      return false;
    }
    int n = message.length();
    int count = segments.length;
    int lastFrom = n - segments[count - 1].length();
    if (lastFrom < 0 || (count == 1 && lastFrom != 0) || !has(message, 0, 0)) {
      return false;
    }
    int done = segments[0].length(); // the end of the previous segment in the message
    boolean schemeSeen = scheme;
    boolean atSeen = at;
    for (int k = 1; k < count; k++) {
      String segment = segments[k];
      int start = k == count - 1 ? lastFrom : message.indexOf(segment, done);
      if (start < done || start + segment.length() > (k == count - 1 ? n : lastFrom)
          || (k == count - 1 && !has(message, k, start))) {
        return false;
      }
      // [done, start) is not template: check it, and the margins of the segments around it where
      // they hold a signal char (a trigger read in the segment alone stops at its edge).
      int lo = (edges[k - 1] & END_EDGE) != 0 ? Math.max(0, done - MARGIN) : done;
      int hi = (edges[k] & START_EDGE) != 0 ? Math.min(n, start + MARGIN) : start;
      int found = masker.scanAnchors(message, lo, hi);
      // A digit run across the stretch's edges consists of digits and separators on both sides of them.
      int runFrom = done;
      while (runFrom > 0 && done - runFrom < RUN_SPAN - 1 && isDigitOrSeparator(message.charAt(runFrom - 1))) {
        runFrom--;
      }
      int runTo = start;
      while (runTo < n && runTo - start < RUN_SPAN - 1 && isDigitOrSeparator(message.charAt(runTo))) {
        runTo++;
      }
      if ((found & ~(TextMasker.SCHEME_SEEN | TextMasker.AT_SEEN)) != 0 || TextMasker.hasDigitRun(message, runFrom, runTo)) {
        return false;
      }
      schemeSeen |= (found & TextMasker.SCHEME_SEEN) != 0;
      atSeen |= (found & TextMasker.AT_SEEN) != 0;
      if (schemeSeen && atSeen) {
        return false;
      }
      int head = heads[k] < 0 ? -1 : start + heads[k];
      if (head >= hi && masker.keyValueAt(message, head)) {
        return false;
      }
      done = start + segment.length();
    }
    return true;
  }

  /** Per thread, a buffer for the chars of a message compared with a segment. */
  private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[1024]);

  /** Whether segment {@code k} is in {@code message} at {@code at}. */
  private boolean has(String message, int k, int at) {
    String segment = segments[k];
    int length = segment.length();
    if (length == 0) {
      return true;
    }
    if (at + length > message.length()) {
      return false;
    }
    if (length < 64) {
      return message.startsWith(segment, at);
    }
    // getChars and Arrays.equals are vector loops (a copy, then a compare): a quarter of what
    // startsWith (char by char on JDK 17), indexOf(String) or substring(...).equals cost on 1 KB.
    char[] buffer = BUFFER.get();
    if (buffer.length < length) {
      buffer = new char[length];
      BUFFER.set(buffer);
    }
    message.getChars(at, at + length, buffer, 0);
    return java.util.Arrays.equals(buffer, 0, length, chars[k], 0, length);
  }

  private static boolean isDigitOrSeparator(char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '-';
  }
}
