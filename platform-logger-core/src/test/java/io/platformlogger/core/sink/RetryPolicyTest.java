package io.platformlogger.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one retry policy, with a scripted writer: no sink, no thread, no real waiting. */
class RetryPolicyTest {

  /** Writes integers; fails as told; records every attempt, wait and outcome. */
  private static class Script implements RetryPolicy.Attempts<Integer> {
    final List<List<Integer>> attempts = new ArrayList<>();
    final List<Integer> written = new ArrayList<>();
    final List<Integer> rejected = new ArrayList<>();
    final List<Long> waits = new ArrayList<>();
    int failuresLeft;
    Exception failure = new IllegalStateException("down");
    Integer poison;
    boolean stopped;
    int exhaustedAfter;

    @Override
    public void write(List<Integer> batch) throws Exception {
      attempts.add(List.copyOf(batch));
      if (poison != null && batch.contains(poison)) {
        throw LogSinkException.permanent("never stored", null);
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        throw failure;
      }
      written.addAll(batch);
    }

    @Override
    public boolean stopped() {
      return stopped;
    }

    @Override
    public boolean rejected(Integer entry, LogSinkException f) {
      rejected.add(entry);
      return true;
    }

    @Override
    public boolean exhausted(List<Integer> batch, Throwable f, int attempts) {
      exhaustedAfter = attempts;
      return true;
    }

    @Override
    public boolean pause(List<Integer> batch, Throwable f, int attempt, long sleepNanos) {
      waits.add(sleepNanos);
      return true;
    }
  }

  private static final RetryPolicy POLICY = RetryPolicy.of(Duration.ofNanos(1000), Duration.ofNanos(4000), 0);

  @Test
  void aFailedWriteIsRetriedAfterABackoffThatDoublesUpToItsMaximumWithJitterInItsUpperHalf() {
    Script s = new Script();
    s.failuresLeft = 4;
    assertThat(POLICY.write(List.of(1, 2), s)).isTrue();

    assertThat(s.written).containsExactly(1, 2);
    assertThat(s.attempts).hasSize(5);
    long[] nominal = {1000, 2000, 4000, 4000};
    assertThat(s.waits).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(s.waits.get(i)).isBetween(nominal[i] / 2, nominal[i]);
    }
  }

  @Test
  void aPermanentFailureIsIsolatedByHalvingAndEveryOtherEntryIsWritten() {
    Script s = new Script();
    s.poison = 5;
    assertThat(POLICY.write(List.of(1, 2, 3, 4, 5, 6, 7, 8), s)).isTrue();

    assertThat(s.written).containsExactly(1, 2, 3, 4, 6, 7, 8);
    assertThat(s.rejected).containsExactly(5);
    assertThat(s.waits).as("a permanent failure is never waited for").isEmpty();
  }

  @Test
  void theAttemptsRunOutAtTheLimitAndTheBatchIsHandedToTheCaller() {
    Script s = new Script();
    s.failuresLeft = Integer.MAX_VALUE;
    RetryPolicy three = RetryPolicy.of(Duration.ofNanos(1000), Duration.ofNanos(1000), 3);
    assertThat(three.write(List.of(1), s)).isTrue();

    assertThat(s.attempts).hasSize(3);
    assertThat(s.exhaustedAfter).isEqualTo(3);
    assertThat(s.waits).hasSize(2);
    assertThat(s.written).isEmpty();
  }

  @Test
  void aStoppedCallerEndsTheRetriesWithoutAnotherAttemptAndTheBatchUnsettled() {
    Script s = new Script() {
      @Override
      public boolean pause(List<Integer> batch, Throwable f, int attempt, long sleepNanos) {
        stopped = true;
        return true;
      }
    };
    s.failuresLeft = 1;
    assertThat(POLICY.write(List.of(1), s)).isFalse();
    assertThat(s.attempts).hasSize(1);
    assertThat(s.written).isEmpty();
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> RetryPolicy.of(Duration.ZERO, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.of(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailureIsDescribedOnOneLineEvenWhenItsOwnMethodsThrow() {
    assertThat(Failures.describe(new IllegalStateException("down"))).isEqualTo("java.lang.IllegalStateException: down");
    assertThat(Failures.describe(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
    RuntimeException nasty = new RuntimeException() {
      @Override
      public String toString() {
        throw new UnsupportedOperationException();
      }
    };
    assertThat(Failures.describe(nasty))
        .isEqualTo(nasty.getClass().getName() + ": [toString() failed: java.lang.UnsupportedOperationException]");
  }
}
