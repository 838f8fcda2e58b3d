package io.platformlogger.core.patterns;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads back what each {@code <*>} of a template stood for in one message: for {@code Failed
 * password for <*> from <*> port <*>} and {@code Failed password for root from 10.0.0.1 port 22
 * ssh2}, the values {@code root}, {@code 10.0.0.1} and {@code 22 ssh2}. Used to show sample values
 * of a pattern or an error group.
 *
 * <p>The message is read as the miner reads it (first non-blank line, at most 1 000 characters,
 * whitespace collapsed to single spaces); the template's literal parts are then found in order,
 * each {@code <*>} taking the shortest text up to the next literal, and the last one the rest.
 * Linear in the message. Stateless and thread-safe.
 */
public final class TemplateValues {
  private TemplateValues() {}

  /**
   * One value per {@code <*>} of {@code template}, in order; an empty list when the template has
   * none or the message does not have the template's form (it was mined from other messages).
   */
  public static List<String> of(String template, String message) {
    if (template == null || message == null || !template.contains(TokenMasker.WILDCARD)) {
      return List.of();
    }
    String line = normalizedLine(message);
    String[] literals = template.split("<\\*>", -1);
    if (!line.startsWith(literals[0])) {
      return List.of();
    }
    List<String> values = new ArrayList<>(literals.length - 1);
    int pos = literals[0].length();
    for (int i = 1; i < literals.length; i++) {
      String literal = literals[i];
      int at;
      if (i == literals.length - 1) {
        // the last literal closes the line
        at = line.length() - literal.length();
        if (at < pos || !line.endsWith(literal)) {
          return List.of();
        }
      } else {
        at = literal.isEmpty() ? pos : line.indexOf(literal, pos);
        if (at < 0) {
          return List.of();
        }
      }
      values.add(line.substring(pos, at));
      pos = at + literal.length();
    }
    return values;
  }

  /** The first non-blank line, cut to the miner's input limit, whitespace runs as one space. */
  static String normalizedLine(String message) {
    int end = Math.min(message.length(), TokenMasker.MAX_INPUT_CHARS);
    StringBuilder sb = new StringBuilder(end);
    int i = 0;
    while (i < end && Character.isWhitespace(message.charAt(i))) {
      i++;
    }
    boolean space = false;
    for (; i < end; i++) {
      char c = message.charAt(i);
      if (c == '\n' || c == '\r') {
        break;
      }
      if (Character.isWhitespace(c)) {
        space = true;
      } else {
        if (space && sb.length() > 0) {
          sb.append(' ');
        }
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
