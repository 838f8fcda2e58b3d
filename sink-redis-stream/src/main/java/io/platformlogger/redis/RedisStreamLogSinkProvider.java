package io.platformlogger.redis;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates a {@link RedisStreamLogSink} from {@code sink.redis-stream.*} keys (see docs/redis.md).
 * Stateless and thread-safe; connects to nothing.
 */
public final class RedisStreamLogSinkProvider implements LogSinkProvider {
  private static final Set<String> KEYS =
      new TreeSet<>(
          Set.of("url", "stream", "routing", "maxlen", "trim", "channel", "dedup-window",
              "timeout", "max-batch-size", "idle-expiry"));

  @Override
  public String name() {
    return "redis-stream";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(key(key) + " is not a known setting; accepted: " + KEYS);
      }
    }
    RedisStreamLogSink.Builder b = RedisStreamLogSink.builder();
    String url = properties.get("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(key("url") + " is required: set it to redis://host:6379");
    }
    try {
      b.uri(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^uri", key("url")), e);
    }
    if (properties.containsKey("stream")) {
      String s = properties.get("stream").trim();
      if (s.isEmpty()) {
        throw new IllegalArgumentException(key("stream") + " is empty: give a key such as platform:logs");
      }
      b.stream(s);
    }
    String routing = properties.getOrDefault("routing", "single").trim().toLowerCase(Locale.ROOT);
    switch (routing) {
      case "single":
        b.routing(StreamRouting.SINGLE);
        break;
      case "tenant":
        b.routing(StreamRouting.PER_TENANT);
        break;
      case "service":
        b.routing(StreamRouting.PER_SERVICE);
        break;
      default:
        throw new IllegalArgumentException(
            key("routing") + " '" + routing + "' is not accepted; accepted: single, tenant, service");
    }
    b.maxLen(number("maxlen", properties.get("maxlen"), 0, Long.MAX_VALUE, 10_000));
    String trim = properties.getOrDefault("trim", "approximate").trim().toLowerCase(Locale.ROOT);
    if (!trim.equals("approximate") && !trim.equals("exact")) {
      throw new IllegalArgumentException(
          key("trim") + " '" + trim + "' is not accepted; accepted: approximate, exact");
    }
    b.exactTrim(trim.equals("exact"));
    String channel = properties.get("channel");
    if (channel != null) {
      String c = channel.trim();
      b.channel(c.equals("none") ? null : c);
    }
    b.dedupWindow((int) number("dedup-window", properties.get("dedup-window"), 0, 1_000_000, 5_000));
    if (properties.containsKey("timeout")) {
      b.timeout(duration("timeout", properties.get("timeout")));
    }
    String idle = properties.get("idle-expiry");
    if (idle != null) {
      b.idleExpiry(idle.trim().equals("0") ? Duration.ZERO : duration("idle-expiry", idle));
    }
    b.maxBatchSize((int) number("max-batch-size", properties.get("max-batch-size"), 1, 100_000, 1000));
    return b.build();
  }

  private static long number(String key, String value, long min, long max, long dflt) {
    if (value == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(value.trim().replace("_", ""));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        key(key) + " '" + value + "' is not accepted; accepted: a whole number from " + min + " to " + max);
  }

  private static Duration duration(String key, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d = null;
      if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      } else if (v.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
      } else if (v.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
      } else if (v.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim()));
      } else if (v.endsWith("d")) {
        d = Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1).trim()));
      }
      if (d != null && !d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        key(key) + " '" + value + "' is not a positive duration; accepted: a number with a unit (500ms, 5s, 2m, 1h, 1d)");
  }

  private static String key(String k) {
    return "sink.redis-stream." + k;
  }
}
