package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.internal.DataLimits;
import io.platformlogger.core.internal.EntryBuilds;
import io.platformlogger.core.redact.Redactor;
import java.time.Instant;

/**
 * The pipeline's side of {@link EntryBuilds}: makes {@link EntryFactory}s and {@link LogEvent}s
 * for benchmarks. Loaded by EntryBuilds, never by the pipeline itself.
 */
final class EntryBuildsAccess implements EntryBuilds.Access {
  static {
    EntryBuilds.install(new EntryBuildsAccess());
  }

  private EntryBuildsAccess() {}

  /** The factory as LogPipeline's constructor assembles it; keep the two alike. */
  @Override
  public EntryBuilds.Factory factory(PlatformLoggerConfig c) {
    DataLimits limits = new DataLimits(c.maxValueChars(), c.maxDataDepth(), c.maxDataEntries());
    EntryFactory f =
        new EntryFactory(c.service(), c.environment(), c.version(), c.region(), c.instanceId(),
            c.maxMessageChars(), c.maxStackChars(), limits, Redactor.of(c.redaction()));
    return call -> f.create((LogEvent) call);
  }

  @Override
  public LogCall capture(Level level, String loggerName, Instant at) {
    return new LogEvent(level, loggerName, at);
  }
}
