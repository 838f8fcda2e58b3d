package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Core's copy of the testkit's Await fails with the same words (see Conditions for why a copy). */
class ConditionsTest {
  @Test
  void waitsSixtySecondsByDefaultLikeTheTestkitsAwait() {
    assertThat(Conditions.DEFAULT_DEADLINE).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aConditionNeverMetFailsNamingWhatWasAwaitedAndTheDeadline() {
    assertThatThrownBy(() -> Conditions.await("the sink is empty", Duration.ofMillis(30), () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0.03S waiting until the sink is empty");
  }

  @Test
  void aValueNeverAcceptedFailsNamingTheLastValueSeen() {
    AtomicInteger polls = new AtomicInteger();
    assertThatThrownBy(() -> Conditions.value("10 rows", Duration.ofMillis(30), polls::incrementAndGet, n -> n < 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after PT0.03S waiting until 10 rows; last value seen: ")
        .hasMessageEndingWith(": " + polls.get());
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Conditions.await("never", () -> false))
          .isInstanceOf(AssertionError.class)
          .hasMessage("interrupted while waiting until never")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
