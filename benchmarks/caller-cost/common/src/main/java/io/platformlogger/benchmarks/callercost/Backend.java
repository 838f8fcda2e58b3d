package io.platformlogger.benchmarks.callercost;

/**
 * The logging library behind SLF4J in one benchmark jar, as the end-to-end throughput run needs
 * it: found through ServiceLoader (each library module registers exactly one).
 */
public interface Backend {
  /** A short name for the report, such as {@code log4j2}. */
  String name();

  /** Configures the library; called before the first logging call. */
  void start();

  /** Entries that have reached the discarding output so far. */
  long delivered();

  /** Flushes and stops the library; returns entries it reported as lost or shed, or -1 if it cannot tell. */
  long stop();
}
