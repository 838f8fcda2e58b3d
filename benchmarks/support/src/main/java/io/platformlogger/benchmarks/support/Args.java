package io.platformlogger.benchmarks.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name value} pairs of a main-driven benchmark's command line (a trailing name
 * without a value is ignored). Read once by the benchmark's main thread.
 */
public final class Args {
  /** Option name without its leading {@code --} → the value after it; the last one given wins. */
  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  public static Args parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return new Args(values);
  }

  /** The value of {@code --name}, or null when it was not given. */
  public String get(String name) {
    return values.get(name);
  }

  public String getOr(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int intOr(String name, int fallback) {
    String v = values.get(name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  /** Whether {@code --name} was given, whatever its value (as in {@code --skip-live x}). */
  public boolean has(String name) {
    return values.containsKey(name);
  }
}
