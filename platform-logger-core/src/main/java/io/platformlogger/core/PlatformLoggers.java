package io.platformlogger.core;

import io.platformlogger.core.pipeline.LogPipeline;

/** STUB (the lead writes the real one): the process-wide pipeline and logger factories. */
public final class PlatformLoggers {
  private PlatformLoggers() {}

  /**
   * The current process-wide pipeline, created on first use from platform-logger.properties and
   * PLATFORM_LOGGER_* environment variables; replaced by {@code install}. A volatile read.
   */
  public static LogPipeline pipeline() {
    throw new UnsupportedOperationException("TODO");
  }
}
