package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Per-level counters that many threads increment; thread-safe. */
final class LevelCounters {
  private final LongAdder[] counts = new LongAdder[Level.values().length];

  LevelCounters() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void increment(Level level) {
    counts[level.ordinal()].increment();
  }

  void add(Level level, long n) {
    counts[level.ordinal()].add(n);
  }

  long total() {
    long n = 0;
    for (LongAdder a : counts) {
      n += a.sum();
    }
    return n;
  }

  /** Non-zero counts only, in level order. */
  Map<Level, Long> snapshot() {
    EnumMap<Level, Long> m = new EnumMap<>(Level.class);
    for (Level l : Level.values()) {
      long v = counts[l.ordinal()].sum();
      if (v > 0) {
        m.put(l, v);
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
