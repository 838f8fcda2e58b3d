package io.platformlogger.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting in a test for something another thread or process makes true: a sink has written, a
 * server has the rows, a stream said it is ready.
 *
 * <pre>{@code
 * Await.until("the sink has 3 entries", () -> sink.entries().size() == 3);
 * List<LogEntry> rows = Await.value("acme's 2 entries", () -> store.query(q).entries(), e -> e.size() >= 2);
 * }</pre>
 *
 * <p>The deadline is generous on purpose ({@link #DEFAULT_DEADLINE}; a loaded CI machine is slow, a
 * passing test returns as soon as the condition holds): it only turns a hang into a failure. This is
 * never a timing assertion — a test that needs "within N ms" is a benchmark, not a test. The
 * condition is polled from the calling thread, first after 1 ms, then backing off to at most every
 * 50 ms. On timeout an {@link AssertionError} names what was awaited, the deadline and (for {@link
 * #value}) the last value seen. An interrupt ends the wait with an {@link AssertionError} and keeps
 * the thread's interrupt flag set.
 *
 * <p>Called from test threads; the supplier must be safe to call from the calling thread while other
 * threads change what it reads. Not for pacing (a writer that deliberately spreads its writes over
 * time sleeps on its own).
 */
public final class Await {
  /** How long {@link #until(String, BooleanSupplier)} and {@link #value(String, Supplier, Predicate)} wait. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

  private static final long FIRST_PAUSE_MILLIS = 1;
  private static final long LONGEST_PAUSE_MILLIS = 50;

  private Await() {}

  /** Waits up to {@link #DEFAULT_DEADLINE} until {@code condition} holds. */
  public static void until(String description, BooleanSupplier condition) {
    until(description, DEFAULT_DEADLINE, condition);
  }

  /** Waits up to {@code within} until {@code condition} holds. */
  public static void until(String description, Duration within, BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    value(description, within, condition::getAsBoolean, Boolean::booleanValue);
  }

  /**
   * Polls {@code supplier} up to {@link #DEFAULT_DEADLINE} until {@code accepted} holds for its
   * value, and returns that value.
   */
  public static <T> T value(String description, Supplier<? extends T> supplier, Predicate<? super T> accepted) {
    return value(description, DEFAULT_DEADLINE, supplier, accepted);
  }

  /** Polls {@code supplier} up to {@code within} until {@code accepted} holds for its value, and returns that value. */
  public static <T> T value(String description, Duration within, Supplier<? extends T> supplier,
      Predicate<? super T> accepted) {
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
