package io.platformlogger.core.internal;

import java.util.Set;

/** TEMPORARY stand-in until the real one is merged. */
public final class TextSanitizer {
  private TextSanitizer() {}

  public static String clean(String s, int maxChars, Set<String> sanitized) {
    if (s == null) {
      return null;
    }
    if (s.length() > maxChars) {
      sanitized.add("truncated");
      return s.substring(0, maxChars);
    }
    return s.replace('\0', '\uFFFD');
  }
}
