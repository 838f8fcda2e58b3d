package io.platformlogger.core.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting in core's tests for a condition another thread makes true: the testkit's {@code
 * io.platformlogger.testkit.Await} for the one module that cannot use it, and kept to behave exactly
 * like it — the same {@link #DEFAULT_DEADLINE} (60 s), the same back-off (first look after 1 ms,
 * doubling to at most every 50 ms) and the same failure: an {@link AssertionError} naming what was
 * awaited, the deadline and, for {@link #value}, the last value seen; an interrupt fails the wait
 * and keeps the flag set. {@code ConditionsTest} pins
 * the messages the testkit's {@code AwaitTest} pins.
 *
 * <p>Why a second copy of some thirty lines rather than one: the testkit depends on core, so core's
 * tests cannot depend on the testkit; and the one copy cannot live in core's main code, because
 * the testkit (an automatic module) may not use core's unexported {@code core.internal} package
 * (docs/api-boundary.md) and a test-waiting helper has no place in core's exported API. Sharing the
 * source file between the two builds would take a build-plugin trick for less than the code it
 * saves. The deadline only turns a hang into a failure; it is never a timing assertion.
 */
final class Conditions {
  /** How long {@link #await(String, BooleanSupplier)} and {@link #value(String, Supplier, Predicate)} wait. */
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

  private static final long FIRST_PAUSE_MILLIS = 1;
  private static final long LONGEST_PAUSE_MILLIS = 50;

  private Conditions() {}

  /** Waits up to {@link #DEFAULT_DEADLINE} until {@code condition} holds. */
  static void await(String description, BooleanSupplier condition) {
    await(description, DEFAULT_DEADLINE, condition);
  }

  /** Waits up to {@code within} until {@code condition} holds. */
  static void await(String description, Duration within, BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    value(description, within, condition::getAsBoolean, Boolean::booleanValue);
  }

  /**
   * Polls {@code supplier} up to {@link #DEFAULT_DEADLINE} until {@code accepted} holds for its
   * value, and returns that value.
   */
  static <T> T value(String description, Supplier<? extends T> supplier, Predicate<? super T> accepted) {
    return value(description, DEFAULT_DEADLINE, supplier, accepted);
  }

  /** Polls {@code supplier} up to {@code within} until {@code accepted} holds for its value, and returns that value. */
  static <T> T value(String description, Duration within, Supplier<? extends T> supplier, Predicate<? super T> accepted) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(accepted, "accepted");
    long deadline = System.nanoTime() + within.toNanos();
    long pauseMillis = FIRST_PAUSE_MILLIS;
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
      pauseMillis = Math.min(LONGEST_PAUSE_MILLIS, pauseMillis * 2);
    }
  }
}
