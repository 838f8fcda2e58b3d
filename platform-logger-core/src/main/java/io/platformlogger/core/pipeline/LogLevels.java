package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pipeline's logger levels, changeable at run time: what {@code /actuator/loggers}, an admin
 * endpoint or a test calls to turn DEBUG on for {@code com.acme.billing} without a restart.
 *
 * <p>A level set here for a logger-name prefix overrides the configured one ({@code level},
 * {@code level.<prefix>}); the longest matching prefix among both wins, and a level set here wins
 * over a configured one for the same prefix. {@link #ROOT} (in any case, or null, or "") names the root level.
 * A logger's effective threshold is that level raised to the lowest level any sink accepts, as for
 * configured levels (docs/configuration.md).
 *
 * <p>Changes take effect on each logger's next call: every change publishes a new immutable
 * {@link State} with a higher {@link #generation()}, and loggers keep their cached threshold only
 * while the generation they computed it for is current (one volatile read on the hot path).
 * Thread-safe; changes are serialized, reads never lock.
 */
public final class LogLevels {
  /** The root logger's name, as SLF4J and Spring Boot spell it. */
  public static final String ROOT = "ROOT";

  private static final int MAX_CACHED = 100_000;

  private final Level configuredRoot;
  private final Map<String, Level> configuredPrefixes;
  // The lowest level any sink accepts, or null when there are no sinks (nothing to raise to).
  private final Level sinkFloor;
  // Names of the loggers that asked for a threshold, for listings (bounded like the caches).
  private final Set<String> loggerNames = ConcurrentHashMap.newKeySet();
  // Invariant: replaced whole under the lock, never mutated except for its threshold cache.
  private volatile State state = new State(Map.of(), null, 0);

  LogLevels(Level configuredRoot, Map<String, Level> configuredPrefixes, Level sinkFloor) {
    this.configuredRoot = configuredRoot;
    this.configuredPrefixes = Map.copyOf(configuredPrefixes);
    this.sinkFloor = sinkFloor;
  }

  /**
   * Sets the level of loggers named {@code prefix} or {@code prefix.*} (the root level for {@link
   * #ROOT}, null or ""); a null level clears it, as {@link #clear} does.
   */
  public synchronized void set(String prefix, Level level) {
    String key = key(prefix);
    State s = state;
    Map<String, Level> next = new TreeMap<>(s.overrides);
    Level root = s.root;
    if (key == null) {
      root = level;
    } else if (level == null) {
      next.remove(key);
    } else {
      next.put(key, level);
    }
    state = new State(Collections.unmodifiableMap(next), root, s.generation + 1);
  }

  /** Removes the level set at run time for {@code prefix}: the configured one applies again. */
  public void clear(String prefix) {
    set(prefix, null);
  }

  /** Removes every level set at run time. */
  public synchronized void clearAll() {
    state = new State(Map.of(), null, state.generation + 1);
  }

  /** The levels set at run time, by prefix ({@link #ROOT} for the root), sorted by name. */
  public Map<String, Level> overrides() {
    State s = state;
    Map<String, Level> all = new TreeMap<>(s.overrides);
    if (s.root != null) {
      all.put(ROOT, s.root);
    }
    return Collections.unmodifiableMap(all);
  }

  /**
   * The level set for exactly {@code prefix}: at run time, else in the configuration, else null
   * (the logger inherits). The root always has one.
   */
  public Level configured(String prefix) {
    String key = key(prefix);
    State s = state;
    if (key == null) {
      return s.root != null ? s.root : configuredRoot;
    }
    Level l = s.overrides.get(key);
    return l != null ? l : configuredPrefixes.get(key);
  }

  /**
   * The level that decides what {@code loggerName} builds: the longest matching prefix's level
   * (or the root's), before sinks raise it. {@link #threshold} is what loggers actually use.
   */
  public Level effective(String loggerName) {
    String key = key(loggerName);
    State s = state;
    Level root = s.root != null ? s.root : configuredRoot;
    if (key == null) {
      return root;
    }
    String best = null;
    Level bestLevel = null;
    for (Map<String, Level> levels : java.util.List.of(configuredPrefixes, s.overrides)) {
      for (Map.Entry<String, Level> e : levels.entrySet()) {
        String p = e.getKey();
        // >= so that, for the same prefix, the run-time map (visited second) wins.
        if (LoggerNames.isUnder(key, p) && (best == null || p.length() >= best.length())) {
          best = p;
          bestLevel = e.getValue();
        }
      }
    }
    return bestLevel != null ? bestLevel : root;
  }

  /** The least severe level at which an entry from {@code loggerName} is built at all. */
  public Level threshold(String loggerName) {
    State s = state;
    String key = loggerName != null ? loggerName : "";
    Level l = s.thresholds.get(key);
    if (l == null) {
      l = effective(loggerName);
      if (sinkFloor != null && !l.isAtLeast(sinkFloor)) {
        l = sinkFloor;
      }
      if (s.thresholds.size() < MAX_CACHED) {
        s.thresholds.put(key, l);
      }
      if (loggerName != null && loggerNames.size() < MAX_CACHED) {
        loggerNames.add(loggerName);
      }
    }
    return l;
  }

  /** The names of the loggers used with this pipeline so far (at most 100 000), unordered. */
  public Set<String> loggerNames() {
    return Collections.unmodifiableSet(loggerNames);
  }

  /**
   * Increases with every change. Loggers cache thresholds together with the generation they read
   * before computing them, and recompute when it differs.
   */
  public int generation() {
    return state.generation;
  }

  private static String key(String prefix) {
    if (prefix == null) {
      return null;
    }
    String p = prefix.trim();
    return p.isEmpty() || p.equalsIgnoreCase(ROOT) ? null : p;
  }

  /** One published set of run-time levels; its threshold cache belongs to it alone. */
  private static final class State {
    final Map<String, Level> overrides;
    final Level root;
    final int generation;
    final Map<String, Level> thresholds = new ConcurrentHashMap<>();

    State(Map<String, Level> overrides, Level root, int generation) {
      this.overrides = overrides;
      this.root = root;
      this.generation = generation;
    }
  }
}
