package io.platformlogger.benchmarks.location;

import org.slf4j.Logger;

/** The baseline: excluded from the processor (see the pom), so these calls carry no location. */
final class NoLocationCalls {
  private NoLocationCalls() {}

  static void log(Logger log, int n, Object user) {
    for (int i = 0; i < n; i++) {
      log.info("order {} placed by {}", i, user);
    }
  }
}
