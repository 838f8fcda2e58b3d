package io.platformlogger.core.config;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.console.ColorMode;
import io.platformlogger.core.console.ConsoleFormat;
import io.platformlogger.core.internal.FieldLimits;
import io.platformlogger.core.redact.RedactionSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the pipeline needs to know, validated when built: an invalid value fails at once with
 * a {@link ConfigurationException} naming the key and the accepted values. Defaults depend on the
 * {@link Environment} (see docs/configuration.md for every key). Build one with {@link #builder()}
 * or {@link #load()} (platform-logger.properties, system properties, then PLATFORM_LOGGER_*
 * environment variables). Immutable and thread-safe.
 */
public final class PlatformLoggerConfig {
  private final String service;
  private final Environment environment;
  private final String version;
  private final String region;
  private final String instanceId;
  private final Level level;
  private final Map<String, Level> loggerLevels;
  private final Level storedLevel;
  private final boolean consoleEnabled;
  private final ConsoleFormat consoleFormat;
  private final ColorMode consoleColor;
  private final int flushMaxEntries;
  private final Duration flushInterval;
  private final boolean flushOnError;
  private final int queueCapacity;
  private final OverflowPolicy overflowPolicy;
  /** With {@link OverflowPolicy#BLOCK}: the longest a call waits for room in the queue. */
  private final Duration queueBlockTimeout;
  private final int sinkBacklogCapacity;
  private final Duration retryInitialBackoff;
  private final Duration retryMaxBackoff;
  private final int retryMaxAttempts;
  private final Duration shutdownTimeout;
  private final boolean shutdownHook;
  private final int rateLimitMaxPerSite;
  private final Duration rateLimitWindow;
  private final boolean rateLimitErrors;
  private final int maxMessageChars;
  private final int maxStackChars;
  private final int maxValueChars;
  private final int maxDataDepth;
  private final int maxDataEntries;
  private final Duration futureSkew;
  private final Set<String> internalLoggers;
  private final Level internalLevel;
  private final List<String> sinks;
  private final Map<String, Map<String, String>> sinkProperties;
  private final boolean spoolEnabled;
  private final java.nio.file.Path spoolDir;
  private final long spoolMaxBytes;
  private final long spoolSegmentBytes;
  private final Duration spoolSyncInterval;
  private final boolean spoolSyncOnError;
  private final Duration spoolMaxAge;
  private final Duration metricsLogInterval;
  private final RedactionSettings redaction;
  private final boolean locationRuntime;

  private PlatformLoggerConfig(Builder b) {
    this.service = b.service != null ? b.service : "unknown-service";
    this.environment = b.environment != null ? b.environment : Environment.DEVELOPMENT;
    boolean production = environment == Environment.PRODUCTION;
    this.version = b.version;
    this.region = b.region;
    this.instanceId = b.instanceId;
    this.level =
        b.level != null ? b.level : environment == Environment.DEVELOPMENT ? Level.DEBUG : Level.INFO;
    this.loggerLevels = Collections.unmodifiableMap(new LinkedHashMap<>(b.loggerLevels));
    this.storedLevel = b.storedLevel != null ? b.storedLevel : production ? Level.INFO : Level.TRACE;
    this.consoleEnabled = b.consoleEnabled != null ? b.consoleEnabled : !production;
    this.consoleFormat =
        b.consoleFormat != null
            ? b.consoleFormat
            : environment == Environment.DEVELOPMENT ? ConsoleFormat.PRETTY : ConsoleFormat.JSON;
    this.consoleColor = b.consoleColor != null ? b.consoleColor : ColorMode.AUTO;
    this.flushMaxEntries = b.flushMaxEntries;
    this.flushInterval = b.flushInterval;
    this.flushOnError = b.flushOnError;
    this.queueCapacity = b.queueCapacity;
    this.overflowPolicy = b.overflowPolicy;
    this.queueBlockTimeout = b.queueBlockTimeout;
    this.sinkBacklogCapacity = b.sinkBacklogCapacity;
    this.retryInitialBackoff = b.retryInitialBackoff;
    this.retryMaxBackoff = b.retryMaxBackoff;
    this.retryMaxAttempts = b.retryMaxAttempts;
    this.shutdownTimeout = b.shutdownTimeout;
    this.shutdownHook = b.shutdownHook;
    this.rateLimitMaxPerSite = b.rateLimitMaxPerSite;
    this.rateLimitWindow = b.rateLimitWindow;
    this.rateLimitErrors = b.rateLimitErrors;
    this.maxMessageChars = b.maxMessageChars;
    this.maxStackChars = b.maxStackChars;
    this.maxValueChars = b.maxValueChars;
    this.maxDataDepth = b.maxDataDepth;
    this.maxDataEntries = b.maxDataEntries;
    this.futureSkew = b.futureSkew;
    this.internalLoggers = Collections.unmodifiableSet(new LinkedHashSet<>(b.internalLoggers));
    this.internalLevel = b.internalLevel;
    this.sinks = List.copyOf(b.sinks);
    Map<String, Map<String, String>> sp = new LinkedHashMap<>();
    b.sinkProperties.forEach((k, v) -> sp.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    this.sinkProperties = Collections.unmodifiableMap(sp);
    this.spoolEnabled = b.spoolEnabled != null ? b.spoolEnabled : production;
    this.spoolDir =
        b.spoolDir != null
            ? b.spoolDir
            : java.nio.file.Path.of("platform-logger-spool", service.replaceAll("[^A-Za-z0-9._-]", "_"));
    this.spoolMaxBytes = b.spoolMaxBytes;
    this.spoolSegmentBytes = b.spoolSegmentBytes;
    this.spoolSyncInterval = b.spoolSyncInterval;
    this.spoolSyncOnError = b.spoolSyncOnError;
    this.spoolMaxAge = b.spoolMaxAge;
    this.metricsLogInterval = b.metricsLogInterval;
    this.redaction = redaction(b);
    this.locationRuntime = b.locationRuntime;
    validate();
  }

  private void validate() {
    requireText("service", service);
    identifier("service", service);
    identifier("version", version);
    identifier("region", region);
    identifier("instance.id", instanceId);
    positive("flush.max-entries", flushMaxEntries, 1, 1_000_000);
    positive("flush.interval", flushInterval, Duration.ofMillis(1), Duration.ofHours(1));
    positive("queue.capacity", queueCapacity, 64, 1 << 24);
    positive("queue.block-timeout", queueBlockTimeout, Duration.ofMillis(1), Duration.ofSeconds(10));
    positive("sink.backlog-capacity", sinkBacklogCapacity, 1, 100_000_000);
    positive("retry.initial-backoff", retryInitialBackoff, Duration.ofMillis(1), Duration.ofMinutes(10));
    positive("retry.max-backoff", retryMaxBackoff, retryInitialBackoff, Duration.ofHours(1));
    positive("retry.max-attempts", retryMaxAttempts, 0, Integer.MAX_VALUE);
    positive("shutdown.timeout", shutdownTimeout, Duration.ZERO, Duration.ofMinutes(10));
    positive("rate-limit.max-per-site", rateLimitMaxPerSite, 0, Integer.MAX_VALUE);
    positive("rate-limit.window", rateLimitWindow, Duration.ofMillis(1), Duration.ofDays(1));
    positive("limits.message-chars", maxMessageChars, 64, 64 << 20);
    positive("limits.stack-chars", maxStackChars, 64, 64 << 20);
    positive("limits.value-chars", maxValueChars, 16, 64 << 20);
    positive("limits.data-depth", maxDataDepth, 1, 1000);
    positive("limits.data-entries", maxDataEntries, 1, 10_000_000);
    positive("limits.future-skew", futureSkew, Duration.ofMinutes(1), Duration.ofDays(400));
    positive("spool.max-bytes", spoolMaxBytes, 1L << 20, 1L << 40);
    positive("spool.segment-bytes", spoolSegmentBytes, 64L << 10, 1L << 30);
    if (spoolSegmentBytes > spoolMaxBytes) {
      throw new ConfigurationException(
          "spool.segment-bytes",
          "is " + spoolSegmentBytes + " bytes, more than spool.max-bytes (" + spoolMaxBytes
              + "); make segments smaller than the spool (for example a sixteenth of it)");
    }
    positive("spool.sync-interval", spoolSyncInterval, Duration.ZERO, Duration.ofMinutes(1));
    if (!spoolMaxAge.isZero()) {
      positive("spool.max-age", spoolMaxAge, Duration.ofMinutes(1), Duration.ofDays(365));
    }
    if (!metricsLogInterval.isZero()) {
      positive("metrics.log-interval", metricsLogInterval, Duration.ofSeconds(1), Duration.ofDays(1));
    }
    if (spoolDir.toString().isBlank()) {
      throw new ConfigurationException("spool.dir", "must not be blank; give a directory such as /var/lib/myapp/log-spool");
    }
    if (environment == Environment.PRODUCTION && !storedLevel.isAtLeast(Level.INFO)) {
      throw new ConfigurationException(
          "stored.level",
          "is " + storedLevel + " but environment is production, where DEBUG is never stored;"
              + " use INFO, WARN or ERROR, or set environment=staging");
    }
    for (String name : sinks) {
      if (!name.matches("[a-z][a-z0-9-]*")) {
        throw new ConfigurationException(
            "sinks", "'" + name + "' is not a sink name; use lower-case names such as postgres,kafka");
      }
    }
  }

  private static RedactionSettings redaction(Builder b) {
    for (String key : b.redactKeys) {
      if (!key.matches(".*[A-Za-z0-9].*")) {
        throw new ConfigurationException(
            "redact.keys", "'" + key + "' has no letter or digit; list key names such as ssn,pin_code");
      }
    }
    Map<String, java.util.regex.Pattern> patterns = new LinkedHashMap<>();
    b.redactPatterns.forEach((name, regex) -> {
      try {
        patterns.put(name, java.util.regex.Pattern.compile(regex));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new ConfigurationException(
            "redact.pattern." + name,
            "is not a valid regular expression (" + e.getDescription() + " near index " + e.getIndex()
                + "); write a java.util.regex pattern such as \\bEMP-[0-9]{6}\\b, escaping backslashes in"
                + " properties files");
      }
    });
    return new RedactionSettings(b.redactEnabled, b.redactKeys, patterns, b.redactAllow);
  }

  private static void requireText(String key, String value) {
    if (value.isBlank()) {
      throw new ConfigurationException(key, "must not be blank");
    }
  }

  /** Identifiers are stamped on every entry and indexed: bounded like the entries' own ids. */
  private static void identifier(String key, String value) {
    if (value != null && value.length() > FieldLimits.IDENTIFIER_CHARS) {
      throw new ConfigurationException(
          key, "is " + value.length() + " chars long; use at most " + FieldLimits.IDENTIFIER_CHARS);
    }
  }

  private static void positive(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigurationException(
          key, "is " + value + "; accepted: an integer from " + min + " to " + max);
    }
  }

  private static void positive(String key, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigurationException(
          key, "is " + value + "; accepted: a duration from " + min + " to " + max
              + " such as 500ms, 5s, 2m");
    }
  }

  /** A builder with every value at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configuration from {@code platform-logger.properties} on the classpath, then system
   * properties {@code platform-logger.<key>}, then {@code PLATFORM_LOGGER_*} environment
   * variables, each overriding the one before.
   *
   * @throws ConfigurationException for any invalid value, naming the key and its source
   */
  public static PlatformLoggerConfig load() {
    return ConfigLoader.fromSystem().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.service = service;
    b.environment = environment;
    b.version = version;
    b.region = region;
    b.instanceId = instanceId;
    b.level = level;
    b.loggerLevels.putAll(loggerLevels);
    b.storedLevel = storedLevel;
    b.consoleEnabled = consoleEnabled;
    b.consoleFormat = consoleFormat;
    b.consoleColor = consoleColor;
    b.flushMaxEntries = flushMaxEntries;
    b.flushInterval = flushInterval;
    b.flushOnError = flushOnError;
    b.queueCapacity = queueCapacity;
    b.overflowPolicy = overflowPolicy;
    b.queueBlockTimeout = queueBlockTimeout;
    b.sinkBacklogCapacity = sinkBacklogCapacity;
    b.retryInitialBackoff = retryInitialBackoff;
    b.retryMaxBackoff = retryMaxBackoff;
    b.retryMaxAttempts = retryMaxAttempts;
    b.shutdownTimeout = shutdownTimeout;
    b.shutdownHook = shutdownHook;
    b.rateLimitMaxPerSite = rateLimitMaxPerSite;
    b.rateLimitWindow = rateLimitWindow;
    b.rateLimitErrors = rateLimitErrors;
    b.maxMessageChars = maxMessageChars;
    b.maxStackChars = maxStackChars;
    b.maxValueChars = maxValueChars;
    b.maxDataDepth = maxDataDepth;
    b.maxDataEntries = maxDataEntries;
    b.futureSkew = futureSkew;
    b.internalLoggers.addAll(internalLoggers);
    b.internalLevel = internalLevel;
    b.sinks.addAll(sinks);
    sinkProperties.forEach((k, v) -> b.sinkProperties.put(k, new LinkedHashMap<>(v)));
    b.spoolEnabled = spoolEnabled;
    b.spoolDir = spoolDir;
    b.spoolMaxBytes = spoolMaxBytes;
    b.spoolSegmentBytes = spoolSegmentBytes;
    b.spoolSyncInterval = spoolSyncInterval;
    b.spoolSyncOnError = spoolSyncOnError;
    b.spoolMaxAge = spoolMaxAge;
    b.metricsLogInterval = metricsLogInterval;
    b.redactEnabled = redaction.enabled();
    b.redactKeys.addAll(redaction.extraKeys());
    redaction.extraPatterns().forEach((name, p) -> b.redactPatterns.put(name, p.pattern()));
    b.redactAllow.addAll(redaction.allowedKeys());
    b.locationRuntime = locationRuntime;
    return b;
  }

  public String service() { return service; }
  public Environment environment() { return environment; }
  public String version() { return version; }
  public String region() { return region; }
  public String instanceId() { return instanceId; }
  /** The root threshold: entries below it are not built at all. */
  public Level level() { return level; }
  /** Per-logger-name thresholds; the longest matching dotted prefix wins. */
  public Map<String, Level> loggerLevels() { return loggerLevels; }
  /** The least severe level handed to sinks other than the console (INFO at least in production). */
  public Level storedLevel() { return storedLevel; }
  public boolean consoleEnabled() { return consoleEnabled; }
  public ConsoleFormat consoleFormat() { return consoleFormat; }
  public ColorMode consoleColor() { return consoleColor; }
  public int flushMaxEntries() { return flushMaxEntries; }
  public Duration flushInterval() { return flushInterval; }
  public boolean flushOnError() { return flushOnError; }
  public int queueCapacity() { return queueCapacity; }
  public OverflowPolicy overflowPolicy() { return overflowPolicy; }
  /** How long a call waits for room in a full queue with {@code queue.overflow=block} before shedding. */
  public Duration queueBlockTimeout() { return queueBlockTimeout; }
  public int sinkBacklogCapacity() { return sinkBacklogCapacity; }
  public Duration retryInitialBackoff() { return retryInitialBackoff; }
  public Duration retryMaxBackoff() { return retryMaxBackoff; }
  /** Attempts per batch before its entries count as failed; 0 retries for as long as it takes. */
  public int retryMaxAttempts() { return retryMaxAttempts; }
  public Duration shutdownTimeout() { return shutdownTimeout; }
  public boolean shutdownHook() { return shutdownHook; }
  /** Entries per call site per window; 0 turns rate limiting off. */
  public int rateLimitMaxPerSite() { return rateLimitMaxPerSite; }
  public Duration rateLimitWindow() { return rateLimitWindow; }
  public boolean rateLimitErrors() { return rateLimitErrors; }
  public int maxMessageChars() { return maxMessageChars; }
  public int maxStackChars() { return maxStackChars; }
  public int maxValueChars() { return maxValueChars; }
  public int maxDataDepth() { return maxDataDepth; }
  public int maxDataEntries() { return maxDataEntries; }
  /** How far ahead of the pipeline's clock an entry may be dated; one further ahead is clamped and marked. */
  public Duration futureSkew() { return futureSkew; }
  /** Logger-name prefixes whose entries go to the stderr fallback only, never to sinks. */
  public Set<String> internalLoggers() { return internalLoggers; }
  public Level internalLevel() { return internalLevel; }
  /** Names of {@link io.platformlogger.core.sink.LogSinkProvider}s to create. */
  public List<String> sinks() { return sinks; }
  /** The {@code sink.<name>.*} keys of one sink, prefix removed; empty if none. */
  public Map<String, String> sinkProperties(String sinkName) {
    return sinkProperties.getOrDefault(sinkName, Map.of());
  }
  /** Whether sinks are fed through the durable spool on disk (default: on in production). */
  public boolean spoolEnabled() { return spoolEnabled; }
  /** The spool's directory; one process per directory. */
  public java.nio.file.Path spoolDir() { return spoolDir; }
  /** The most bytes the spool holds; the overflow policy applies beyond. */
  public long spoolMaxBytes() { return spoolMaxBytes; }
  public long spoolSegmentBytes() { return spoolSegmentBytes; }
  /** How often appended entries are forced to disk; zero forces after every batch. */
  public Duration spoolSyncInterval() { return spoolSyncInterval; }
  /** Whether an ERROR logging call returns only once its entry is forced to disk. */
  public boolean spoolSyncOnError() { return spoolSyncOnError; }
  /** Undelivered entries older than this are shed instead of delivered; zero keeps them. */
  public Duration spoolMaxAge() { return spoolMaxAge; }
  /** How often the pipeline logs its own counters; zero never. */
  public Duration metricsLogInterval() { return metricsLogInterval; }
  /** What is masked before entries leave the process (docs/redaction.md). */
  public RedactionSettings redaction() { return redaction; }
  /** Whether calls without a compile-time call site look theirs up by walking the stack (default false). */
  public boolean locationRuntime() { return locationRuntime; }

  /** Mutable builder; not thread-safe. Setters validate nothing; {@link #build()} does. */
  public static final class Builder {
    private String service;
    private Environment environment;
    private String version;
    private String region;
    private String instanceId = defaultInstanceId();
    private Level level;
    private final Map<String, Level> loggerLevels = new LinkedHashMap<>();
    private Level storedLevel;
    private Boolean consoleEnabled;
    private ConsoleFormat consoleFormat;
    private ColorMode consoleColor;
    private int flushMaxEntries = 50;
    private Duration flushInterval = Duration.ofSeconds(5);
    private boolean flushOnError = true;
    private int queueCapacity = 65_536;
    private OverflowPolicy overflowPolicy = OverflowPolicy.SHED_LOW_LEVELS_FIRST;
    private Duration queueBlockTimeout = Duration.ofMillis(10);
    private int sinkBacklogCapacity = 100_000;
    private Duration retryInitialBackoff = Duration.ofMillis(100);
    private Duration retryMaxBackoff = Duration.ofSeconds(30);
    private int retryMaxAttempts = 0;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private boolean shutdownHook = true;
    private int rateLimitMaxPerSite = 0;
    private Duration rateLimitWindow = Duration.ofSeconds(1);
    private boolean rateLimitErrors = false;
    private int maxMessageChars = 65_536;
    private int maxStackChars = 65_536;
    private int maxValueChars = 16_384;
    private int maxDataDepth = 10;
    private int maxDataEntries = 1000;
    private Duration futureSkew = Duration.ofDays(1);
    private final Set<String> internalLoggers = new LinkedHashSet<>();
    private Level internalLevel = Level.WARN;
    private final List<String> sinks = new java.util.ArrayList<>();
    private final Map<String, Map<String, String>> sinkProperties = new LinkedHashMap<>();
    private Boolean spoolEnabled;
    private java.nio.file.Path spoolDir;
    private long spoolMaxBytes = 1L << 30;
    private long spoolSegmentBytes = 64L << 20;
    private Duration spoolSyncInterval = Duration.ofMillis(500);
    private boolean spoolSyncOnError = false;
    private Duration spoolMaxAge = Duration.ZERO;
    private Duration metricsLogInterval = Duration.ZERO;
    private boolean redactEnabled = true;
    private final List<String> redactKeys = new java.util.ArrayList<>();
    private final Map<String, String> redactPatterns = new LinkedHashMap<>();
    private final List<String> redactAllow = new java.util.ArrayList<>();
    private boolean locationRuntime = false;

    private Builder() {}

    private static String defaultInstanceId() {
      String host = System.getenv("HOSTNAME");
      return host != null && !host.isBlank() ? host : null;
    }

    public Builder service(String service) { this.service = service; return this; }
    public Builder environment(Environment environment) { this.environment = environment; return this; }
    public Builder version(String version) { this.version = version; return this; }
    public Builder region(String region) { this.region = region; return this; }
    public Builder instanceId(String instanceId) { this.instanceId = instanceId; return this; }
    public Builder level(Level level) { this.level = level; return this; }
    /** Threshold for loggers whose name is {@code prefix} or starts with {@code prefix + "."}. */
    public Builder loggerLevel(String prefix, Level level) { loggerLevels.put(prefix, level); return this; }
    public Builder storedLevel(Level storedLevel) { this.storedLevel = storedLevel; return this; }
    public Builder consoleEnabled(boolean enabled) { this.consoleEnabled = enabled; return this; }
    public Builder consoleFormat(ConsoleFormat format) { this.consoleFormat = format; return this; }
    public Builder consoleColor(ColorMode color) { this.consoleColor = color; return this; }
    public Builder flushMaxEntries(int n) { this.flushMaxEntries = n; return this; }
    public Builder flushInterval(Duration d) { this.flushInterval = d; return this; }
    public Builder flushOnError(boolean b) { this.flushOnError = b; return this; }
    public Builder queueCapacity(int n) { this.queueCapacity = n; return this; }
    public Builder overflowPolicy(OverflowPolicy p) { this.overflowPolicy = p; return this; }
    public Builder queueBlockTimeout(Duration d) { this.queueBlockTimeout = d; return this; }
    public Builder sinkBacklogCapacity(int n) { this.sinkBacklogCapacity = n; return this; }
    public Builder retryInitialBackoff(Duration d) { this.retryInitialBackoff = d; return this; }
    public Builder retryMaxBackoff(Duration d) { this.retryMaxBackoff = d; return this; }
    public Builder retryMaxAttempts(int n) { this.retryMaxAttempts = n; return this; }
    public Builder shutdownTimeout(Duration d) { this.shutdownTimeout = d; return this; }
    public Builder shutdownHook(boolean b) { this.shutdownHook = b; return this; }
    public Builder rateLimit(int maxPerSite, Duration window) {
      this.rateLimitMaxPerSite = maxPerSite;
      this.rateLimitWindow = window;
      return this;
    }
    Builder rateLimitMaxPerSiteOnly(int maxPerSite) { this.rateLimitMaxPerSite = maxPerSite; return this; }
    Builder rateLimitWindowOnly(Duration window) { this.rateLimitWindow = window; return this; }
    public Builder rateLimitErrors(boolean b) { this.rateLimitErrors = b; return this; }
    public Builder maxMessageChars(int n) { this.maxMessageChars = n; return this; }
    public Builder maxStackChars(int n) { this.maxStackChars = n; return this; }
    public Builder maxValueChars(int n) { this.maxValueChars = n; return this; }
    public Builder maxDataDepth(int n) { this.maxDataDepth = n; return this; }
    public Builder maxDataEntries(int n) { this.maxDataEntries = n; return this; }
    public Builder futureSkew(Duration d) { this.futureSkew = d; return this; }
    public Builder internalLogger(String prefix) { internalLoggers.add(prefix); return this; }
    public Builder internalLevel(Level level) { this.internalLevel = level; return this; }
    /** Adds a {@link io.platformlogger.core.sink.LogSinkProvider} by name. */
    public Builder sink(String name) {
      if (!sinks.contains(name)) {
        sinks.add(name);
      }
      return this;
    }
    public Builder sinkProperty(String sinkName, String key, String value) {
      sinkProperties.computeIfAbsent(sinkName, k -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    public Builder spoolEnabled(boolean b) { this.spoolEnabled = b; return this; }
    public Builder spoolDir(java.nio.file.Path dir) { this.spoolDir = dir; return this; }
    public Builder spoolMaxBytes(long n) { this.spoolMaxBytes = n; return this; }
    public Builder spoolSegmentBytes(long n) { this.spoolSegmentBytes = n; return this; }
    public Builder spoolSyncInterval(Duration d) { this.spoolSyncInterval = d; return this; }
    public Builder spoolSyncOnError(boolean b) { this.spoolSyncOnError = b; return this; }
    public Builder spoolMaxAge(Duration d) { this.spoolMaxAge = d; return this; }
    public Builder metricsLogInterval(Duration d) { this.metricsLogInterval = d; return this; }
    /** Whether secrets are masked before entries leave the process (default true). */
    public Builder redactEnabled(boolean b) { this.redactEnabled = b; return this; }
    /** Adds a key whose values are secrets, matched like the built-in ones. */
    public Builder redactKey(String key) { redactKeys.add(key); return this; }
    /** Adds a regular expression masked in free text; a group named {@code secret} masks only that group. */
    public Builder redactPattern(String name, String regex) { redactPatterns.put(name, regex); return this; }
    /** Adds a key never redacted although it looks like a secret. */
    public Builder redactAllow(String key) { redactAllow.add(key); return this; }
    /** Whether calls without a compile-time call site walk the stack for theirs (costly; default false). */
    public Builder locationRuntime(boolean b) { this.locationRuntime = b; return this; }

    public Environment environment() {
      return environment;
    }

    /** @throws ConfigurationException naming the key, for any invalid value */
    public PlatformLoggerConfig build() {
      return new PlatformLoggerConfig(this);
    }
  }
}
