package io.platformlogger.benchmarks.location;

import org.slf4j.Logger;

/** The same calls as {@link NoLocationCalls}, rewritten by the processor to carry their location. */
final class LocationCalls {
  private LocationCalls() {}

  static void log(Logger log, int n, Object user) {
    for (int i = 0; i < n; i++) {
      log.info("order {} placed by {}", i, user);
    }
  }
}
