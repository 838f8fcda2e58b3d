package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.internal.EntryBuilds;
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

  /** The factory as {@link PipelineAssembly} makes it, from the same settings. */
  @Override
  public EntryBuilds.Factory factory(PlatformLoggerConfig c) {
    PipelineSettings settings = PipelineSettings.from(c);
    EntryFactory f = new EntryFactory(settings.origin(), settings.limits());
    return call -> f.create((LogEvent) call);
  }

  @Override
  public LogCall capture(Level level, String loggerName, Instant at) {
    return new LogEvent(level, loggerName, at);
  }
}
