package io.platformlogger.core.internal;

import java.util.Set;

/**
 * Makes text safe to store in every sink: replaces NUL (which PostgreSQL text and JSONB reject) and
 * unpaired surrogates (which have no UTF-8 encoding) with U+FFFD, and cuts text that is too long.
 * Other control characters, tabs and newlines are kept: JSON escapes them, and escaping for
 * terminals is the console sink's job. Stateless and thread-safe.
 *
 * <p>Each repair adds a marker to the caller's {@code sanitized} set: {@code nul_replaced}, {@code
 * invalid_surrogate_replaced} or {@code truncated}, each prefixed with {@code <markerPrefix>_} when
 * a prefix is given (so the message's repairs read {@code message_truncated}, a data value's {@code
 * value_truncated}).
 */
public final class TextSanitizer {
  /** What NUL and unpaired surrogates become. */
  public static final char REPLACEMENT = '\uFFFD';

  public static final String NUL_REPLACED = "nul_replaced";
  public static final String INVALID_SURROGATE_REPLACED = "invalid_surrogate_replaced";
  public static final String TRUNCATED = "truncated";

  private TextSanitizer() {}

  /** {@link #clean(String, int, Set, String)} without a marker prefix. */
  public static String clean(String s, int maxChars, Set<String> sanitized) {
    return clean(s, maxChars, sanitized, null);
  }

  /**
   * Returns {@code s} repaired and cut to {@code maxChars} UTF-16 chars, followed by {@code
   * "…[truncated N chars]"} when cut (N is the number of chars dropped; the suffix is not counted
   * in {@code maxChars}). A cut never separates the two halves of a surrogate pair, so it may keep
   * one char fewer. Returns the same instance, after one scan and no allocation, when nothing needs
   * changing. Never throws.
   *
   * @param s the text; null gives null
   * @param maxChars the most chars kept ({@link Integer#MAX_VALUE}: no limit; negative: 0)
   * @param sanitized a mutable set that receives the marker of every repair made; may be null
   * @param markerPrefix prefix for the marker names, such as {@code "message"}; null or empty for
   *     none
   */
  public static String clean(String s, int maxChars, Set<String> sanitized, String markerPrefix) {
    if (s == null) {
      return null;
    }
    int length = s.length();
    int keep = length;
    if (length > maxChars) {
      keep = Math.max(0, maxChars);
      if (keep > 0
          && Character.isHighSurrogate(s.charAt(keep - 1))
          && Character.isLowSurrogate(s.charAt(keep))) {
        keep--;
      }
    }
    int first = firstProblem(s, keep);
    if (first < 0 && keep == length) {
      return s;
    }
    StringBuilder sb = new StringBuilder(keep + (keep < length ? 32 : 0));
    if (first < 0) {
      sb.append(s, 0, keep);
    } else {
      sb.append(s, 0, first);
      repair(s, first, keep, sb, sanitized, markerPrefix);
    }
    if (keep < length) {
      sb.append("…[truncated ").append(length - keep).append(" chars]");
      mark(sanitized, markerPrefix, TRUNCATED);
    }
    return sb.toString();
  }

  /**
   * For the redactor: when {@link #clean clean(s, maxChars, …)} would return {@code s} itself and
   * {@code s} has at most {@link SignalLanes#LANE_LIMIT} chars, the {@link SignalLanes lanes} of
   * {@code s}, counted in the same one pass over its chars; otherwise -1 (a longer text is not
   * read), and the caller cleans it as usual. Any surrogate, paired or not, also gives -1 (rare,
   * and {@code clean} then decides). Allocates nothing.
   */
  public static long signals(String s, int maxChars) {
    int n = s.length();
    if (n > SignalLanes.LANE_LIMIT || n > maxChars) {
      return -1;
    }
    long[] table = SignalLanes.LANES;
    long lanes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\0' || Character.isSurrogate(c)) {
        return -1;
      }
      lanes += table[c & 0x7F];
    }
    return lanes;
  }

  /** The index of the first NUL or unpaired surrogate before {@code end}, or -1. */
  private static int firstProblem(String s, int end) {
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        return i;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < end
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  private static void repair(
      String s, int from, int end, StringBuilder sb, Set<String> sanitized, String markerPrefix) {
    boolean nul = false;
    boolean surrogate = false;
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        sb.append(REPLACEMENT);
        nul = true;
      } else if (!Character.isSurrogate(c)) {
        sb.append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(REPLACEMENT);
        surrogate = true;
      }
    }
    if (nul) {
      mark(sanitized, markerPrefix, NUL_REPLACED);
    }
    if (surrogate) {
      mark(sanitized, markerPrefix, INVALID_SURROGATE_REPLACED);
    }
  }

  private static void mark(Set<String> sanitized, String markerPrefix, String marker) {
    if (sanitized != null) {
      sanitized.add(
          markerPrefix == null || markerPrefix.isEmpty() ? marker : markerPrefix + "_" + marker);
    }
  }
}
