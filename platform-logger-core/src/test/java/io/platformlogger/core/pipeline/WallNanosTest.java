package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The calls' timestamp source: the monotonic clock counted from a wall-clock anchor at most 10 ms old. */
class WallNanosTest {
  private static final Instant T = Instant.parse("2026-12-07T03:10:59.123456789Z");
  private static final long T_NANOS = T.getEpochSecond() * 1_000_000_000L + T.getNano();

  private final AtomicLong monotonic = new AtomicLong(5_000_000_000L);
  private Instant wall = T;

  private WallNanos clock() {
    return new WallNanos(monotonic::get, () -> wall);
  }

  @Test
  void countsTheMonotonicClockFromTheAnchorToTheNanosecond() {
    WallNanos clock = clock();
    monotonic.addAndGet(1_234_567);

    assertThat(clock.now()).isEqualTo(T_NANOS + 1_234_567);
  }

  @Test
  void aWallClockStepShowsOnceTheAnchorIsTenMillisecondsOld() {
    WallNanos clock = clock();
    wall = T.plusSeconds(3600); // the wall clock is set forward an hour

    monotonic.addAndGet(WallNanos.REANCHOR_NANOS - 1);
    assertThat(clock.now()).isEqualTo(T_NANOS + WallNanos.REANCHOR_NANOS - 1);
    monotonic.addAndGet(1);
    assertThat(clock.now()).isEqualTo(T_NANOS + 3_600_000_000_000L);
    monotonic.addAndGet(500);
    assertThat(clock.now()).isEqualTo(T_NANOS + 3_600_000_000_500L);
  }

  @Test
  void anAnchorReadWhileTheThreadWasDescheduledIsReadAgain() {
    // monotonic readings around each wall reading: 3 ms apart on the first try, 100 ns on the second
    Deque<Long> readings = new ArrayDeque<>(java.util.List.of(1_000_000L, 4_000_000L, 4_000_000L, 4_000_100L));
    WallNanos clock = new WallNanos(() -> readings.isEmpty() ? 4_000_050L + 1_000 : readings.poll(), () -> T);

    assertThat(clock.now()).isEqualTo(T_NANOS + 1_000); // anchored at the tight pair's midpoint, 4 000 050
  }

  @Test
  void theSystemClockReadsAsTheWallClockDoes() {
    Instant before = Instant.now();
    long now = WallNanos.system().now();
    Instant after = Instant.now();

    long slack = 1_000_000; // the wall clock's own reading error around a fresh anchor is far below 1 ms
    assertThat(now).isBetween(
        before.getEpochSecond() * 1_000_000_000L + before.getNano() - slack,
        after.getEpochSecond() * 1_000_000_000L + after.getNano() + slack);
  }
}
