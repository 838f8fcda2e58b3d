package io.platformlogger.core.pipeline;

/**
 * The one rule for whether a logger belongs to a dotted prefix, used for per-logger levels
 * ({@link LogLevels}) and for internal loggers kept away from sinks ({@link Dispatcher}). Stateless.
 */
final class LoggerNames {
  private LoggerNames() {}

  /**
   * Whether {@code name} is {@code prefix} or a logger under it: {@code "com.acme"} covers {@code
   * "com.acme"} and {@code "com.acme.billing"}, not {@code "com.acmex"}. A prefix written with its
   * trailing dot ({@code "com.acme."}) covers the loggers under it.
   */
  static boolean isUnder(String name, String prefix) {
    if (!name.startsWith(prefix)) {
      return false;
    }
    int n = prefix.length();
    return name.length() == n || prefix.endsWith(".") || name.charAt(n) == '.';
  }

  /** Whether {@code name} is under any of {@code prefixes} ({@link #isUnder}); false for a null name. */
  static boolean isUnderAny(String name, Iterable<String> prefixes) {
    if (name == null) {
      return false;
    }
    for (String p : prefixes) {
      if (isUnder(name, p)) {
        return true;
      }
    }
    return false;
  }
}
