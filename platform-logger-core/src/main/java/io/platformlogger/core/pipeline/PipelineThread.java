package io.platformlogger.core.pipeline;

/**
 * A thread owned by a pipeline (its dispatcher or a sink's worker). Anything logged on one of these
 * threads comes from a sink or its client library, so it goes to the stderr fallback, never back
 * into sinks.
 */
final class PipelineThread extends Thread {
  PipelineThread(Runnable task, String name) {
    super(task, name);
    setDaemon(true);
  }

  static boolean isCurrent() {
    return Thread.currentThread() instanceof PipelineThread;
  }
}
