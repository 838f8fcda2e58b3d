package io.platformlogger.core.config;

import io.platformlogger.core.Level;

/**
 * What happens when a bounded queue (the caller hand-off or a sink's backlog) is full. Shedding is
 * never silent: every shed entry is counted by level and reported in a summary WARN entry.
 */
public enum OverflowPolicy {
  /**
   * Default. TRACE/DEBUG/INFO entries are shed once the queue is three quarters full, keeping the
   * last quarter for WARN and ERROR, which are shed only when the queue is completely full.
   */
  SHED_LOW_LEVELS_FIRST("shed-low-levels-first"),
  /** Any entry is shed when the queue is full, whatever its level. */
  SHED_NEWEST("shed-newest");

  private final String key;

  OverflowPolicy(String key) {
    this.key = key;
  }

  /** The configuration value, such as {@code shed-low-levels-first}. */
  public String key() {
    return key;
  }

  /** Whether an entry of {@code level} may join a queue holding {@code size} of {@code capacity}. */
  public boolean admits(Level level, long size, long capacity) {
    if (this == SHED_LOW_LEVELS_FIRST && !level.isAtLeast(Level.WARN)) {
      return size < capacity - (capacity >> 2);
    }
    return size < capacity;
  }

  static OverflowPolicy parse(String key, String value) {
    for (OverflowPolicy p : values()) {
      if (p.key.equalsIgnoreCase(value.trim())) {
        return p;
      }
    }
    throw new ConfigurationException(
        key, "unknown policy '" + value + "'; accepted: shed-low-levels-first, shed-newest");
  }
}
