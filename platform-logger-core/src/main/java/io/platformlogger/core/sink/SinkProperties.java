package io.platformlogger.core.sink;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link LogSinkProvider}'s properties with error messages that name the full key ({@code
 * sink.<name>.<key>}), the value and what is accepted, so every provider reports a bad setting the
 * same way. Created per {@code create} call; not thread-safe.
 */
public final class SinkProperties {
  private final String prefix;
  private final Map<String, String> properties;

  /**
   * @param sinkName the provider's name, as in {@code sinks=}
   * @param properties the provider's own keys, prefix removed
   * @param known every key the provider accepts
   * @throws IllegalArgumentException for a key not in {@code known}, listing the accepted ones
   */
  public SinkProperties(String sinkName, Map<String, String> properties, Set<String> known) {
    this.prefix = "sink." + sinkName + ".";
    this.properties = properties;
    for (String key : properties.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            key(key) + " is not a known setting; accepted: " + new TreeSet<>(known));
      }
    }
  }

  /** The full key, {@code sink.<name>.<key>}, for messages. */
  public String key(String key) {
    return prefix + key;
  }

  /** True when the key is set (even to blank). */
  public boolean has(String key) {
    return properties.containsKey(key);
  }

  /** The trimmed value, or null when absent or blank. */
  public String string(String key) {
    String v = properties.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The trimmed value; {@code fix} says what to set when it is missing. */
  public String required(String key, String fix) {
    String v = string(key);
    if (v == null) {
      throw new IllegalArgumentException(key(key) + " is required: " + fix);
    }
    return v;
  }

  /** {@code true} or {@code false} (any case), or {@code dflt} when absent. */
  public boolean bool(String key, boolean dflt) {
    String v = string(key);
    if (v == null) {
      return dflt;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(
            key(key) + " '" + v + "' is not accepted; accepted: true, false");
    }
  }

  /** A whole number from {@code min} to {@code max} ({@code _} separators allowed), or {@code dflt}. */
  public long number(String key, long min, long max, long dflt) {
    String v = string(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        key(key) + " '" + v + "' is not accepted; accepted: a whole number from " + min + " to " + max);
  }

  /**
   * A duration written as a number and a unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
   * {@code 7d}), or {@code dflt}; {@code 0} only when {@code zeroAllowed}.
   */
  public Duration duration(String key, Duration dflt, boolean zeroAllowed) {
    String v = string(key);
    if (v == null) {
      return dflt;
    }
    String s = v.toLowerCase(Locale.ROOT);
    try {
      Duration d = null;
      if (s.equals("0")) {
        d = Duration.ZERO;
      } else if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      } else if (s.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("d")) {
        d = Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      }
      if (d != null && !d.isNegative() && (zeroAllowed || !d.isZero())) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        key(key) + " '" + v + "' is not " + (zeroAllowed ? "0 or " : "") + "a positive duration;"
            + " accepted: a number with a unit (500ms, 5s, 2m, 1h, 7d)");
  }

  /**
   * {@code name=value} pairs separated by commas (blank: none), in order.
   *
   * @throws IllegalArgumentException for a pair without {@code =} or a name given twice
   */
  public Map<String, String> pairs(String key) {
    String v = string(key);
    if (v == null) {
      return Collections.emptyMap();
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : v.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            key(key) + ": '" + p + "' is not name=value; write name=value,name=value");
      }
      String name = p.substring(0, eq).trim();
      if (pairs.put(name, p.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException(key(key) + " names '" + name + "' twice: keep one");
      }
    }
    return Collections.unmodifiableMap(pairs);
  }
}
