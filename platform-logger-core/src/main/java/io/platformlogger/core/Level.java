package io.platformlogger.core;

import java.util.Locale;

/**
 * Severity of a {@link LogEntry}, ordered from least to most severe.
 *
 * <p>TRACE exists so SLF4J's five levels map one to one; PlatformLogger itself offers DEBUG and
 * above. Immutable and thread-safe.
 */
public enum Level {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR;

  private static final Level[] VALUES = values();

  /** True when this level is at least as severe as {@code threshold}. */
  public boolean isAtLeast(Level threshold) {
    return ordinal() >= threshold.ordinal();
  }

  /**
   * Parses a level name case-insensitively ({@code "warn"}, {@code "WARN"}); {@code WARNING} is
   * accepted as WARN.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Level parse(String name) {
    if (name != null) {
      String n = name.trim().toUpperCase(Locale.ROOT);
      if (n.equals("WARNING")) {
        return WARN;
      }
      for (Level level : VALUES) {
        if (level.name().equals(n)) {
          return level;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown level '" + name + "'; accepted: TRACE, DEBUG, INFO, WARN, ERROR");
  }
}
