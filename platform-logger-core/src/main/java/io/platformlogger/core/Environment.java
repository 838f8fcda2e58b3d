package io.platformlogger.core;

import java.util.Locale;

/**
 * The deployment environment an application runs in. It selects defaults: development logs DEBUG
 * to a console, staging logs INFO, production logs INFO with the console off and never stores
 * DEBUG. Immutable and thread-safe.
 */
public enum Environment {
  PRODUCTION("production"),
  STAGING("staging"),
  DEVELOPMENT("development");

  private final String wireName;

  Environment(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used in JSON and configuration ({@code "production"}, ...). */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses {@code production}, {@code staging} or {@code development}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Environment parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (Environment e : values()) {
        if (e.wireName.equals(n)) {
          return e;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown environment '" + name + "'; accepted: production, staging, development");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
