package io.platformlogger.loki;

import java.util.Set;

/**
 * Loki's rules for label names and values, as its distributor enforces them (docs/loki.md,
 * "What Loki accepts"): a name matches {@code [a-zA-Z_][a-zA-Z0-9_]*} and does not start with
 * {@code __} (reserved), at most 1024 characters; a value at most 2048 characters; at most 15 names
 * per stream. Structured metadata names follow the same name rule. Stateless.
 */
final class LokiLabels {
  /** {@code validation.max-length-label-name}, Loki's default. */
  static final int MAX_NAME_LENGTH = 1024;
  /** {@code validation.max-length-label-value}, Loki's default. */
  static final int MAX_VALUE_LENGTH = 2048;
  /** {@code validation.max-label-names-per-series}, Loki 3's default. */
  static final int MAX_NAMES_PER_STREAM = 15;
  /** The labels every stream of this sink has; static labels may not reuse them. */
  static final Set<String> OWN = Set.of("service_name", "environment", "level");

  private LokiLabels() {}

  /** True when {@code name} is a label name Loki accepts from a client. */
  static boolean validName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.startsWith("__")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Checks one static label. */
  static void checkStatic(String key, String name, String value) {
    if (!validName(name)) {
      throw new IllegalArgumentException(
          key + ": '" + name + "' is not a label name Loki accepts: use letters, digits and _"
              + " (not first), not starting with __, at most " + MAX_NAME_LENGTH + " characters");
    }
    if (OWN.contains(name)) {
      throw new IllegalArgumentException(
          key + ": label '" + name + "' is set by the sink itself from each entry: choose another name");
    }
    if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
      throw new IllegalArgumentException(
          key + ": label '" + name + "' needs a value of 1 to " + MAX_VALUE_LENGTH + " characters");
    }
  }

  /** A label value cut to Loki's limit (whole code points), or {@code dflt} when empty. */
  static String value(String v, String dflt) {
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    return Texts.cut(v, MAX_VALUE_LENGTH);
  }
}
