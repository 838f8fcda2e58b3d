package io.platformlogger.core.internal;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Instant;

/**
 * The supported path by which platform-logger's own benchmarks build entries the way the pipeline's
 * dispatcher does, without a pipeline thread and without putting classes into core's packages
 * (docs/api-boundary.md). Not API: this package is not exported. Thread-safe; each {@link Factory}
 * is used by one thread, like the dispatcher's.
 */
public final class EntryBuilds {
  /** Turns captured calls into entries, as a pipeline's dispatcher does. Not thread-safe. */
  public interface Factory {
    LogEntry build(LogCall call);
  }

  /** What the pipeline package provides; installed by it, once. */
  public interface Access {
    Factory factory(PlatformLoggerConfig config);

    LogCall capture(Level level, String loggerName, Instant at);
  }

  private static volatile Access access;

  private EntryBuilds() {}

  /** Called once, by the pipeline package's implementation; later calls are ignored. */
  public static synchronized void install(Access a) {
    if (access == null) {
      access = a;
    }
  }

  /** An entry factory configured as a pipeline with {@code config} configures its own. */
  public static Factory factory(PlatformLoggerConfig config) {
    return access().factory(config);
  }

  /**
   * A call captured on this thread now (thread name, LogContext, current span), stamped {@code at}.
   */
  public static LogCall capture(Level level, String loggerName, Instant at) {
    return access().capture(level, loggerName, at);
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      try {
        // Its static initializer installs it; same module, so no export is involved.
        Class.forName("io.platformlogger.core.pipeline.EntryBuildsAccess", true, EntryBuilds.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = access;
    }
    return a;
  }
}
