package io.platformlogger.core.sink;

/**
 * How the pipeline, sinks and ingestors name a failure in their reports and counters: one line,
 * the exception's class and message as {@link Throwable#toString()} gives them (the same text a
 * stack trace starts with). Any thread; never throws, even for a throwable whose methods do.
 */
public final class Failures {
  private Failures() {}

  /** {@code t.toString()}, or the class name and why that failed when it throws. */
  public static String describe(Throwable t) {
    if (t == null) {
      return "null";
    }
    try {
      return t.toString();
    } catch (RuntimeException | LinkageError e) {
      return t.getClass().getName() + ": [toString() failed: " + e.getClass().getName() + "]";
    }
  }
}
