package io.platformlogger.loki;

/** Cutting text without splitting a surrogate pair. Stateless. */
final class Texts {
  private Texts() {}

  /** {@code s} when at most {@code max} chars, else its first {@code max} chars (fewer at a pair). */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Math.max(0, max);
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
