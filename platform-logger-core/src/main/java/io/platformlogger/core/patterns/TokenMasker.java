package io.platformlogger.core.patterns;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a message into the tokens the miner compares and masks what varies by nature, so that ids
 * and numbers never split a group. This is the token-level form of the error signature's masking
 * ({@code io.platformlogger.core.error.MessageGeneralizer}): a token is split at separators ({@code
 * = : , ; ( ) [ ] { } " ' | / @ # & ?}) and every piece that contains a digit (a number, an id like
 * {@code blk_-695}, a UUID, an address, a time, a hex hash) becomes {@code <*>}, so {@code
 * rhost=10.0.0.1:22} reads {@code rhost=<*>:<*>}. Consecutive tokens that are wholly {@code <*>}
 * become one, so a list of numbers of any length has one shape.
 *
 * <p>Only the first non-blank line and its first {@value #MAX_INPUT_CHARS} characters are read;
 * one pass, no regular expression, so every input costs time linear in at most that many
 * characters. Stateless and thread-safe.
 */
final class TokenMasker {
  /** Characters of a message read at most. */
  static final int MAX_INPUT_CHARS = 1000;

  /** The placeholder for a varying part; tokens equal to it are this very instance. */
  static final String WILDCARD = "<*>";

  private TokenMasker() {}

  /**
   * The masked tokens of {@code message}'s first non-blank line; at most {@code maxTokens}, the
   * last one {@code <*>} when the line had more. Empty for null or blank.
   */
  static String[] tokens(String message, int maxTokens) {
    if (message == null) {
      return new String[0];
    }
    List<String> out = new ArrayList<>(16);
    int end = Math.min(message.length(), MAX_INPUT_CHARS);
    int i = 0;
    while (i < end && Character.isWhitespace(message.charAt(i))) {
      i++;
    }
    while (i < end) {
      char c = message.charAt(i);
      if (c == '\n' || c == '\r') {
        break;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < end && !Character.isWhitespace(message.charAt(i))) {
        i++;
      }
      if (out.size() == maxTokens - 1) {
        // The cap: whatever follows is one variable tail.
        if (out.get(out.size() - 1) != WILDCARD) {
          out.add(WILDCARD);
        }
        break;
      }
      String token = mask(message, start, i);
      if (token == WILDCARD && !out.isEmpty() && out.get(out.size() - 1) == WILDCARD) {
        continue; // a run of variables of any length has one shape
      }
      out.add(token);
    }
    return out.toArray(new String[0]);
  }

  /** The token {@code s[start, end)} with every digit-bearing piece between separators masked. */
  static String mask(String s, int start, int end) {
    int firstDigit = -1;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        firstDigit = i;
        break;
      }
    }
    if (firstDigit < 0) {
      return s.substring(start, end);
    }
    StringBuilder sb = new StringBuilder(end - start);
    int i = start;
    while (i < end) {
      char c = s.charAt(i);
      if (isSeparator(c)) {
        sb.append(c);
        i++;
        continue;
      }
      int pieceStart = i;
      boolean digit = false;
      while (i < end && !isSeparator(s.charAt(i))) {
        char d = s.charAt(i);
        digit |= d >= '0' && d <= '9';
        i++;
      }
      if (digit) {
        sb.append(WILDCARD);
      } else {
        sb.append(s, pieceStart, i);
      }
    }
    return sb.length() == WILDCARD.length() && sb.indexOf(WILDCARD) == 0 ? WILDCARD : sb.toString();
  }

  /** True when the token is or contains a masked piece; such tokens never key a tree branch. */
  static boolean hasVariable(String token) {
    return token == WILDCARD || token.contains(WILDCARD);
  }

  private static boolean isSeparator(char c) {
    switch (c) {
      case '=': case ':': case ',': case ';': case '(': case ')': case '[': case ']': case '{':
      case '}': case '"': case '\'': case '|': case '/': case '@': case '#': case '&': case '?':
        return true;
      default:
        return false;
    }
  }
}
