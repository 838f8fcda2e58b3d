package io.platformlogger.core.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The system clock's time as nanoseconds since the epoch in a {@code long}, for the timestamp a
 * logging call takes on the calling thread ({@link LogPipeline#capture}) without allocating an
 * {@code Instant} per call: on JDK 17 the JIT cannot scalar-replace the one {@code
 * Clock.instant()} returns (its factory may return a shared constant), so every call paid 24
 * bytes for it.
 *
 * <p>The time is the monotonic clock ({@code System.nanoTime()}) counted from an <em>anchor</em>, a
 * reading of the wall clock taken at most {@link #REANCHOR_NANOS} (10 ms) of monotonic time
 * earlier; a call finding the anchor older takes a new one. The timestamp keeps its nanosecond
 * digits; between anchors it follows the monotonic clock, so it can differ from the wall clock by
 * what the two drift apart in 10 ms (NTP slews at most 500 ppm: 5 µs), and a step of the wall
 * clock (set by hand, or a large NTP correction) shows in timestamps at most 10 ms late. Like the
 * wall clock itself, timestamps may step back at an anchor by that much.
 *
 * <p>Thread-safe: the anchor is one immutable object behind a volatile field; threads that find it
 * stale at the same moment each take one, and the last one written wins.
 */
final class WallNanos {
  /** How long an anchor is used, in monotonic nanoseconds. */
  static final long REANCHOR_NANOS = 10_000_000L;

  /*
   * An anchor read with the monotonic clock further apart than this around the wall clock (the
   * thread was descheduled in between) is read again, up to three times, keeping the tightest.
   */
  private static final long TIGHT_NANOS = 20_000L;

  private final LongSupplier monotonic;
  private final Supplier<Instant> wall;
  /* Never null; replaced whole, never changed in place. */
  private volatile Anchor anchor;

  /** The system clock's time: {@code System.nanoTime()} anchored to {@code Clock.systemUTC()}. */
  static WallNanos system() {
    Clock utc = Clock.systemUTC();
    return new WallNanos(System::nanoTime, utc::instant);
  }

  /** {@code monotonic} counted from readings of {@code wall} (tests pass their own). */
  WallNanos(LongSupplier monotonic, Supplier<Instant> wall) {
    this.monotonic = monotonic;
    this.wall = wall;
    this.anchor = read();
  }

  /** The current time in nanoseconds since 1970-01-01T00:00:00Z. */
  long now() {
    Anchor a = anchor;
    long since = monotonic.getAsLong() - a.monotonic;
    // since < 0: another thread has just written a newer anchor than this thread's reading
    if (since >= 0 && since < REANCHOR_NANOS) {
      return a.epochNanos + since;
    }
    Anchor fresh = read();
    anchor = fresh;
    return fresh.epochNanos;
  }

  private Anchor read() {
    Anchor best = null;
    long bestSpread = Long.MAX_VALUE;
    for (int i = 0; i < 3 && bestSpread > TIGHT_NANOS; i++) {
      long before = monotonic.getAsLong();
      Instant w = wall.get();
      long after = monotonic.getAsLong();
      if (after - before < bestSpread) {
        bestSpread = after - before;
        best = new Anchor(w.getEpochSecond() * 1_000_000_000L + w.getNano(), before + (after - before) / 2);
      }
    }
    return best;
  }

  /** A wall-clock reading and the monotonic clock's value at the same moment. */
  private static final class Anchor {
    final long epochNanos;
    final long monotonic;

    Anchor(long epochNanos, long monotonic) {
      this.epochNanos = epochNanos;
      this.monotonic = monotonic;
    }
  }
}
