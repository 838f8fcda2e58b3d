package io.platformlogger.core.pipeline;

import java.util.Set;

/**
 * Fills an SLF4J message template ("order {} placed by {}") into a caller's reused {@link
 * StringBuilder}, giving exactly the text {@code MessageFormatter.basicArrayFormat} gives: same
 * placeholders, same escapes ({@code \{}} is a literal {@code {}}, {@code \\{}} a backslash and a
 * value), same leftover text. It exists because MessageFormatter allocates a builder, a copied
 * argument array, a String per number and a result tuple for every message (docs/benchmarks.md,
 * "Where the pipeline's time goes"); here a number is appended as digits and the builder is the
 * pipeline thread's. Arrays and throwables among the arguments are left to MessageFormatter
 * ({@link #handles}). An argument whose {@code toString} throws becomes a marked placeholder, as
 * {@code EntryFactory} did before. Stateless; thread-safe.
 */
final class TemplateFormatter {
  private TemplateFormatter() {}

  /** Whether {@link #format} takes these arguments: none is an array or a throwable. */
  static boolean handles(Object[] args) {
    for (Object a : args) {
      if (a != null && (a instanceof Throwable || a.getClass().isArray())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends the filled template to {@code out}. Returns false, having appended nothing, when the
   * template has no placeholder at all: the message is then the template itself.
   */
  static boolean format(String template, Object[] args, StringBuilder out, Set<String> sanitized) {
    return format(template, args, out, sanitized, null);
  }

  /**
   * {@link #format(String, Object[], StringBuilder, Set)}, also recording where each value landed
   * in {@code out} when {@code placed} is not null (at least {@code 1 + 2 * args.length} long): the
   * number of values placed at index 0, then each value's start and end. A value placed after an
   * escaped placeholder ({@code \\{}}) is not recorded (the redactor reads no template with a
   * backslash this way); the redactor reads a clean template's messages only there (Redactor#redact).
   */
  static boolean format(String template, Object[] args, StringBuilder out, Set<String> sanitized, int[] placed) {
    if (placed != null) {
      placed[0] = 0;
    }
    int i = 0;
    int length = template.length();
    for (int arg = 0; arg < args.length; arg++) {
      int j = template.indexOf("{}", i);
      if (j < 0) {
        if (i == 0) {
          return false;
        }
        break;
      }
      if (j > 0 && template.charAt(j - 1) == '\\') {
        if (j > 1 && template.charAt(j - 2) == '\\') { // "\\{}": one backslash, then the value
          out.append(template, i, j - 1);
          append(out, args[arg], sanitized);
          i = j + 2;
        } else { // "\{}": a literal "{}", and the value waits for the next placeholder
          arg--;
          out.append(template, i, j - 1).append('{');
          i = j + 1;
        }
      } else {
        out.append(template, i, j);
        int start = out.length();
        append(out, args[arg], sanitized);
        if (placed != null) {
          int n = placed[0];
          placed[1 + 2 * n] = start;
          placed[2 + 2 * n] = out.length();
          placed[0] = n + 1;
        }
        i = j + 2;
      }
    }
    out.append(template, i, length);
    return true;
  }

  private static void append(StringBuilder out, Object a, Set<String> sanitized) {
    if (a == null) {
      out.append("null");
    } else if (a instanceof String) {
      out.append((String) a);
    } else if (a instanceof Long) {
      out.append((long) (Long) a); // digits straight in, as Long.toString writes them
    } else if (a instanceof Integer) {
      out.append((int) (Integer) a);
    } else {
      String text;
      try {
        text = String.valueOf(a.toString());
      } catch (Throwable t) {
        text = "[toString() failed: " + t.getClass().getName() + "]";
        sanitized.add("tostring_failed");
      }
      out.append(text);
    }
  }
}
