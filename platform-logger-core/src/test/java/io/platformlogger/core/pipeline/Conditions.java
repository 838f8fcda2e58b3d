package io.platformlogger.core.pipeline;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting in tests for a condition another thread makes true, with a deadline instead of a guess.
 *
 * <p>The same idiom, messages and back-off as the testkit's {@code io.platformlogger.testkit.Await}
 * (which core's tests cannot use: the testkit depends on core). The deadline only turns a hang into
 * a failure; it is never a timing assertion.
 */
final class Conditions {
  private Conditions() {}

  /** Waits up to {@code within} until {@code condition} holds. */
  static void await(String description, Duration within, BooleanSupplier condition) {
    value(description, within, condition::getAsBoolean, Boolean::booleanValue);
  }

  /** Polls {@code supplier} up to {@code within} until {@code accepted} holds for its value, and returns that value. */
  static <T> T value(String description, Duration within, Supplier<? extends T> supplier, Predicate<? super T> accepted) {
    long deadline = System.nanoTime() + within.toNanos();
    long pauseMillis = 1;
    while (true) {
      T seen = supplier.get();
      if (accepted.test(seen)) {
        return seen;
      }
      if (System.nanoTime() - deadline > 0) {
        // a condition's last value is just "false": only a value says more
        throw new AssertionError("timed out after " + within + " waiting until " + description
            + (seen instanceof Boolean ? "" : "; last value seen: " + seen));
      }
      try {
        Thread.sleep(pauseMillis); // polling a condition with a deadline, not synchronising on time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + description, e);
      }
      pauseMillis = Math.min(50, pauseMillis * 2);
    }
  }
}
