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
  SHED_NEWEST("shed-newest"),
  /**
   * A logging call that finds the caller hand-off queue full waits for room, at most {@code
   * queue.block-timeout} (10 ms by default); past that bound the entry is shed and counted like
   * with {@link #SHED_NEWEST}, so a call never hangs. Calls made on a pipeline thread or from a
   * sink's own client library never wait. The sinks' backlogs and the spool, filled by the
   * dispatcher, never wait (one slow sink must not stall the others): there it acts as {@link
   * #SHED_NEWEST}.
   */
  BLOCK("block");

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
        key, "unknown policy '" + value + "'; accepted: shed-low-levels-first, shed-newest, block");
  }
}
