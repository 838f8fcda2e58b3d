package io.platformlogger.core.slf4j;

import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.backend.LogBackend;
import io.platformlogger.core.pipeline.LogPipeline;

/**
 * How SLF4J loggers reach the process-wide pipeline without recursing into its creation.
 *
 * <p>The first call to {@code PlatformLoggers.pipeline()} creates the pipeline on the calling
 * thread, and creating it may itself log through SLF4J (a sink's client library logging while it
 * is set up). Such a nested call would start creating a second pipeline, and so on until the stack
 * overflows. Until a pipeline has been seen, calls therefore go through a per-thread guard, and a
 * nested call is dropped (counted in {@link PlatformSlf4jServiceProvider#internalErrors()}).
 * Afterwards the cost is one plain and one volatile read. Thread-safe.
 */
final class PipelineAccess {
  private static final ThreadLocal<Boolean> CREATING = new ThreadLocal<>();

  // Plain on purpose: a stale false only sends a call through the guarded path.
  private static boolean seen;

  private PipelineAccess() {}

  /** The process-wide pipeline, or null when this thread is busy creating it. */
  static LogBackend current() {
    return seen ? PlatformLoggers.pipeline() : guarded();
  }

  private static LogBackend guarded() {
    if (CREATING.get() != null) {
      PlatformSlf4jServiceProvider.recordInternalError();
      return null;
    }
    CREATING.set(Boolean.TRUE);
    try {
      LogPipeline p = PlatformLoggers.pipeline();
      if (p != null) {
        seen = true;
      }
      return p;
    } finally {
      CREATING.remove();
    }
  }
}
