package io.platformlogger.core.pipeline;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.config.OverflowPolicy;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.internal.DataLimits;
import io.platformlogger.core.sink.FutureSkew;
import io.platformlogger.core.redact.Redactor;
import io.platformlogger.core.sink.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The configuration grouped by the part of the pipeline that uses it, so that each part takes its
 * settings whole instead of a dozen positional values: {@link Origin} and {@link Limits} for the
 * {@link EntryFactory}, {@link Queue} for the queue and the sink backlogs, {@link FlushPolicy} and
 * {@link Internal} for the {@link Dispatcher}, {@link RetryPolicy} for the sink workers, {@link
 * Spool} for the spool. Read once from a validated {@link PlatformLoggerConfig}; immutable.
 */
record PipelineSettings(
    Origin origin,
    Limits limits,
    Queue queue,
    FlushPolicy flush,
    RetryPolicy retry,
    Spool spool,
    Internal internal,
    RateLimit rateLimit) {

  static PipelineSettings from(PlatformLoggerConfig c) {
    return new PipelineSettings(
        new Origin(c.service(), c.environment(), c.version(), c.region(), c.instanceId()),
        new Limits(c.maxMessageChars(), c.maxStackChars(),
            new DataLimits(c.maxValueChars(), c.maxDataDepth(), c.maxDataEntries()), Redactor.of(c.redaction()),
            new FutureSkew(c.futureSkew())),
        new Queue(c.queueCapacity(), c.overflowPolicy(), c.sinkBacklogCapacity()),
        new FlushPolicy(c.flushMaxEntries(), c.flushInterval().toMillis(), c.flushOnError()),
        RetryPolicy.of(c.retryInitialBackoff(), c.retryMaxBackoff(), c.retryMaxAttempts()),
        new Spool(c.spoolEnabled(), c.spoolDir(), c.spoolMaxBytes(), c.spoolSegmentBytes(),
            c.spoolSyncInterval(), c.spoolSyncOnError(), c.spoolMaxAge()),
        new Internal(Set.copyOf(c.internalLoggers()), c.internalLevel()),
        new RateLimit(c.rateLimitMaxPerSite(), c.rateLimitWindow(), c.rateLimitErrors()));
  }

  /** These settings with {@code loggers} added to the internal ones (the sinks' own client libraries). */
  PipelineSettings withInternalLoggers(Set<String> loggers) {
    return new PipelineSettings(origin, limits, queue, flush, retry, spool, internal.withLoggers(loggers), rateLimit);
  }

  /** Who logs: stamped on every entry, including the pipeline's own. */
  record Origin(String service, Environment environment, String version, String region, String instanceId) {}

  /** How much of an entry is kept, and what is masked, before it leaves the dispatcher. */
  record Limits(int maxMessageChars, int maxStackChars, DataLimits data, Redactor redactor, FutureSkew futureSkew) {}

  /**
   * The bounds between the caller and the sinks: the hand-off queue, each sink's backlog (which
   * also bounds its spool tail in memory), and what happens beyond them.
   */
  record Queue(int capacity, OverflowPolicy overflow, int sinkBacklogCapacity) {}

  /** The durable spool (docs/reliability.md). */
  record Spool(
      boolean enabled,
      Path dir,
      long maxBytes,
      long segmentBytes,
      Duration syncInterval,
      boolean syncOnError,
      Duration maxAge) {}

  /** Loggers whose entries go to the stderr fallback only (sinks' own client libraries), from {@code level} up. */
  record Internal(Set<String> loggers, Level level) {
    Internal withLoggers(Set<String> more) {
      Set<String> all = new LinkedHashSet<>(loggers);
      all.addAll(more);
      return new Internal(Set.copyOf(all), level);
    }
  }

  /** At most {@code maxPerSite} entries per call site per window; 0: off. */
  record RateLimit(int maxPerSite, Duration window, boolean errorsToo) {}
}
