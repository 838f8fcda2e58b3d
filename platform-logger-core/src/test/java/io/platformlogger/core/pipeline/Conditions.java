package io.platformlogger.core.pipeline;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for a condition another thread makes true, with a deadline instead of a guess. */
final class Conditions {
  private Conditions() {}

  static void await(BooleanSupplier condition, String what, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5); // polling a condition with a deadline, not synchronising on time
    }
  }
}
