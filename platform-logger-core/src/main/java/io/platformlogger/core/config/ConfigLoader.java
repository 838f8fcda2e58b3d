package io.platformlogger.core.config;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.console.ColorMode;
import io.platformlogger.core.console.ConsoleFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Reads configuration keys from a properties file, system properties and environment variables
 * into a {@link PlatformLoggerConfig.Builder}. Every key is documented in docs/configuration.md;
 * an unknown key or an invalid value fails with the key, where it came from and what is accepted.
 * Stateless; thread-safe.
 */
public final class ConfigLoader {
  /** The classpath resource read by {@link PlatformLoggerConfig#load()}. */
  public static final String RESOURCE = "platform-logger.properties";

  static final String SYSTEM_PROPERTY_PREFIX = "platform-logger.";
  static final String ENV_PREFIX = "PLATFORM_LOGGER_";
  static final String REDACT_PATTERN_PREFIX = "redact.pattern.";

  private static final Map<String, BiConsumer<PlatformLoggerConfig.Builder, String>> KEYS =
      new LinkedHashMap<>();

  static {
    KEYS.put("service", (b, v) -> b.service(v.trim()));
    KEYS.put("environment", (b, v) -> b.environment(Environment.parse(v)));
    KEYS.put("version", (b, v) -> b.version(v.trim()));
    KEYS.put("region", (b, v) -> b.region(v.trim()));
    KEYS.put("instance.id", (b, v) -> b.instanceId(v.trim()));
    KEYS.put("level", (b, v) -> b.level(Level.parse(v)));
    KEYS.put("levels", ConfigLoader::levels);
    KEYS.put("stored.level", (b, v) -> b.storedLevel(Level.parse(v)));
    KEYS.put("console.enabled", (b, v) -> b.consoleEnabled(bool(v)));
    KEYS.put("console.format", (b, v) -> b.consoleFormat(enumValue(ConsoleFormat.class, v)));
    KEYS.put("console.color", (b, v) -> b.consoleColor(enumValue(ColorMode.class, v)));
    KEYS.put("flush.max-entries", (b, v) -> b.flushMaxEntries(integer(v)));
    KEYS.put("flush.interval", (b, v) -> b.flushInterval(duration(v)));
    KEYS.put("flush.on-error", (b, v) -> b.flushOnError(bool(v)));
    KEYS.put("queue.capacity", (b, v) -> b.queueCapacity(integer(v)));
    KEYS.put("queue.overflow", (b, v) -> b.overflowPolicy(OverflowPolicy.parse("queue.overflow", v)));
    KEYS.put("queue.block-timeout", (b, v) -> b.queueBlockTimeout(duration(v)));
    KEYS.put("sink.backlog-capacity", (b, v) -> b.sinkBacklogCapacity(integer(v)));
    KEYS.put("retry.initial-backoff", (b, v) -> b.retryInitialBackoff(duration(v)));
    KEYS.put("retry.max-backoff", (b, v) -> b.retryMaxBackoff(duration(v)));
    KEYS.put("retry.max-attempts", (b, v) -> b.retryMaxAttempts(integer(v)));
    KEYS.put("shutdown.timeout", (b, v) -> b.shutdownTimeout(duration(v)));
    KEYS.put("shutdown.hook", (b, v) -> b.shutdownHook(bool(v)));
    KEYS.put("rate-limit.max-per-site", (b, v) -> b.rateLimitMaxPerSiteOnly(integer(v)));
    KEYS.put("rate-limit.window", (b, v) -> b.rateLimitWindowOnly(duration(v)));
    KEYS.put("rate-limit.errors", (b, v) -> b.rateLimitErrors(bool(v)));
    KEYS.put("limits.message-chars", (b, v) -> b.maxMessageChars(integer(v)));
    KEYS.put("limits.stack-chars", (b, v) -> b.maxStackChars(integer(v)));
    KEYS.put("limits.value-chars", (b, v) -> b.maxValueChars(integer(v)));
    KEYS.put("limits.data-depth", (b, v) -> b.maxDataDepth(integer(v)));
    KEYS.put("limits.data-entries", (b, v) -> b.maxDataEntries(integer(v)));
    KEYS.put("internal.loggers", (b, v) -> list(v, b::internalLogger));
    KEYS.put("internal.level", (b, v) -> b.internalLevel(Level.parse(v)));
    KEYS.put("spool.enabled", (b, v) -> b.spoolEnabled(bool(v)));
    KEYS.put("spool.dir", (b, v) -> b.spoolDir(java.nio.file.Path.of(v.trim())));
    KEYS.put("spool.max-bytes", (b, v) -> b.spoolMaxBytes(size(v)));
    KEYS.put("spool.segment-bytes", (b, v) -> b.spoolSegmentBytes(size(v)));
    KEYS.put("spool.sync-interval", (b, v) -> b.spoolSyncInterval(duration(v)));
    KEYS.put("spool.sync-on-error", (b, v) -> b.spoolSyncOnError(bool(v)));
    KEYS.put("spool.max-age", (b, v) -> b.spoolMaxAge(duration(v)));
    KEYS.put("limits.future-skew", (b, v) -> b.futureSkew(duration(v)));
    KEYS.put("metrics.log-interval", (b, v) -> b.metricsLogInterval(duration(v)));
    KEYS.put("redact.enabled", (b, v) -> b.redactEnabled(bool(v)));
    KEYS.put("redact.keys", (b, v) -> list(v, b::redactKey));
    KEYS.put("redact.allow", (b, v) -> list(v, b::redactAllow));
    KEYS.put("location.runtime", (b, v) -> b.locationRuntime(bool(v)));
    KEYS.put("sinks", (b, v) -> list(v, name -> b.sink(name.toLowerCase(Locale.ROOT))));
  }

  private ConfigLoader() {}

  /** The classpath file, then system properties, then the process environment. */
  static PlatformLoggerConfig.Builder fromSystem() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = ConfigLoader.class.getClassLoader();
    }
    applyResource(b, cl, RESOURCE);
    applySystemProperties(b, System.getProperties());
    applyEnvironment(b, System.getenv());
    return b;
  }

  /** Applies {@code resource} from the class loader if it exists. */
  public static void applyResource(PlatformLoggerConfig.Builder b, ClassLoader cl, String resource) {
    try (InputStream in = cl.getResourceAsStream(resource)) {
      if (in == null) {
        return;
      }
      Properties p = new Properties();
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String key : p.stringPropertyNames()) {
        apply(b, key, p.getProperty(key), resource);
      }
    } catch (IOException e) {
      throw new ConfigurationException(resource, "cannot be read: " + e);
    }
  }

  /** Applies system properties named {@code platform-logger.<key>}. */
  public static void applySystemProperties(PlatformLoggerConfig.Builder b, Properties props) {
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(SYSTEM_PROPERTY_PREFIX)) {
        apply(b, name.substring(SYSTEM_PROPERTY_PREFIX.length()), props.getProperty(name),
            "system property " + name);
      }
    }
  }

  /**
   * Applies {@code PLATFORM_LOGGER_<KEY>} variables: the key upper-cased with dots and dashes as
   * underscores ({@code PLATFORM_LOGGER_FLUSH_MAX_ENTRIES}); per-logger levels through {@code
   * PLATFORM_LOGGER_LEVELS=com.acme=DEBUG,org.apache.kafka=WARN}; sink keys through {@code
   * PLATFORM_LOGGER_SINK_<NAME>_<KEY>}, whose key becomes lower case with dots ({@code
   * PLATFORM_LOGGER_SINK_POSTGRES_JDBC_URL} sets {@code sink.postgres.jdbc.url}).
   */
  public static void applyEnvironment(PlatformLoggerConfig.Builder b, Map<String, String> env) {
    Map<String, String> byEnvName = new LinkedHashMap<>();
    for (String key : KEYS.keySet()) {
      byEnvName.put(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), key);
    }
    // Fixed keys first, so that sinks= is known before SINK_* keys are split into name and key.
    Map<String, String> sinkVars = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX)) {
        continue;
      }
      String key = byEnvName.get(name);
      if (key != null) {
        apply(b, key, e.getValue(), "environment variable " + name);
      } else if (name.startsWith(ENV_PREFIX + "REDACT_PATTERN_")) {
        String pattern = name.substring((ENV_PREFIX + "REDACT_PATTERN_").length());
        apply(b, REDACT_PATTERN_PREFIX + pattern.toLowerCase(Locale.ROOT).replace('_', '-'), e.getValue(),
            "environment variable " + name);
      } else if (name.startsWith(ENV_PREFIX + "SINK_")) {
        sinkVars.put(name, e.getValue());
      } else {
        throw new ConfigurationException(
            name, "is not a known setting; see docs/configuration.md for the accepted keys"
                + suggestion(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.')));
      }
    }
    for (Map.Entry<String, String> e : sinkVars.entrySet()) {
      String rest = e.getKey().substring((ENV_PREFIX + "SINK_").length());
      int sep = rest.indexOf('_');
      if (sep <= 0 || sep == rest.length() - 1) {
        throw new ConfigurationException(
            e.getKey(), "expected PLATFORM_LOGGER_SINK_<NAME>_<KEY>, such as PLATFORM_LOGGER_SINK_POSTGRES_URL");
      }
      String sink = rest.substring(0, sep).toLowerCase(Locale.ROOT);
      String key = rest.substring(sep + 1).toLowerCase(Locale.ROOT).replace('_', '.');
      b.sinkProperty(sink, key, e.getValue());
    }
  }

  /** Applies one key in its properties form ({@code flush.max-entries}). */
  public static void apply(PlatformLoggerConfig.Builder b, String key, String value, String source) {
    if (key.startsWith("level.") && key.length() > "level.".length()) {
      String logger = key.substring("level.".length());
      b.loggerLevel(logger, wrap(key, value, source, () -> Level.parse(value)));
      return;
    }
    if (key.startsWith(REDACT_PATTERN_PREFIX)) {
      String name = key.substring(REDACT_PATTERN_PREFIX.length());
      if (name.isEmpty() || value == null || value.isEmpty()) {
        throw new ConfigurationException(
            key, "(from " + source + ") expected redact.pattern.<name>=<regex>, such as redact.pattern.employee-id=EMP-[0-9]{6}");
      }
      b.redactPattern(name, value);
      return;
    }
    if (key.startsWith("sink.") && !KEYS.containsKey(key)) {
      String rest = key.substring("sink.".length());
      int dot = rest.indexOf('.');
      if (dot <= 0 || dot == rest.length() - 1) {
        throw new ConfigurationException(
            key, "(from " + source + ") expected sink.<name>.<key>, such as sink.postgres.url");
      }
      b.sinkProperty(rest.substring(0, dot), rest.substring(dot + 1), value);
      return;
    }
    BiConsumer<PlatformLoggerConfig.Builder, String> setter = KEYS.get(key);
    if (setter == null) {
      throw new ConfigurationException(
          key, "(from " + source + ") is not a known setting; see docs/configuration.md" + suggestion(key));
    }
    wrap(key, value, source, () -> {
      setter.accept(b, value);
      return null;
    });
  }

  private static <T> T wrap(String key, String value, String source, java.util.function.Supplier<T> action) {
    if (value == null) {
      throw new ConfigurationException(key, "(from " + source + ") has no value");
    }
    try {
      return action.get();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(key, "(from " + source + ") " + e.getMessage().substring(e.key().length() + 2));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key, "(from " + source + ") " + e.getMessage());
    }
  }

  private static String suggestion(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : KEYS.keySet()) {
      int d = distance(key, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static void levels(PlatformLoggerConfig.Builder b, String value) {
    list(value, item -> {
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new IllegalArgumentException(
            "'" + item + "' is not logger=LEVEL; expected e.g. com.acme=DEBUG,org.apache.kafka=WARN");
      }
      b.loggerLevel(item.substring(0, eq).trim(), Level.parse(item.substring(eq + 1)));
    });
  }

  private static void list(String value, java.util.function.Consumer<String> each) {
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        each.accept(item.trim());
      }
    }
  }

  static boolean bool(String v) {
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        throw new IllegalArgumentException("'" + v + "' is not a boolean; accepted: true, false");
    }
  }

  static int integer(String v) {
    String t = v.trim().replace("_", "");
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not an integer");
    }
  }

  /** Bytes: a number with an optional binary unit, {@code 1048576}, {@code 512k}, {@code 64m}, {@code 2g}. */
  static long size(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    String digits = t;
    String[][] units = {{"kib", "10"}, {"mib", "20"}, {"gib", "30"}, {"tib", "40"}, {"kb", "10"}, {"mb", "20"},
        {"gb", "30"}, {"tb", "40"}, {"k", "10"}, {"m", "20"}, {"g", "30"}, {"t", "40"}, {"b", "0"}};
    for (String[] u : units) {
      if (t.endsWith(u[0])) {
        unit = 1L << Integer.parseInt(u[1]);
        digits = t.substring(0, t.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      return Math.multiplyExact(Long.parseLong(digits), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + v + "' is not a size; accepted: bytes with an optional unit (1048576, 512k, 64m, 2g)");
    }
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT5S}). */
  static Duration duration(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO; // "off" for the keys that accept zero; needs no unit
    }
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        case 'd':
          return Duration.ofDays(n);
        default:
          break;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "'" + v + "' is not a duration; accepted: a number with a unit (500ms, 5s, 2m, 1h, 1d) or ISO-8601 (PT5S)");
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String v) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v.trim())) {
        return e;
      }
    }
    StringBuilder accepted = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      accepted.append(accepted.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException("'" + v + "' is not accepted; accepted: " + accepted);
  }
}
