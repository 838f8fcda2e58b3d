package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  @Test
  void returnsOnceAnotherThreadMakesTheConditionTrue() throws Exception {
    AtomicInteger count = new AtomicInteger();
    Thread counter = new Thread(() -> {
      for (int i = 0; i < 5; i++) {
        count.incrementAndGet();
      }
    });
    counter.start();
    Await.until("the counter reaches 5", () -> count.get() == 5);
    assertThat(count).hasValue(5);
    counter.join();
  }

  @Test
  void returnsTheFirstValueThePredicateAccepts() {
    AtomicInteger polls = new AtomicInteger();
    String found = Await.value("the third poll", () -> "poll " + polls.incrementAndGet(), s -> s.equals("poll 3"));
    assertThat(found).isEqualTo("poll 3");
    assertThat(polls).hasValue(3);
  }

  @Test
  void aConditionNeverMetFailsNamingWhatWasAwaitedAndTheDeadline() {
    assertThatThrownBy(() -> Await.until("the sink is empty", Duration.ofMillis(30), () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0.03S waiting until the sink is empty");
  }

  @Test
  void aValueNeverAcceptedFailsNamingTheLastValueSeen() {
    AtomicInteger polls = new AtomicInteger();
    assertThatThrownBy(() -> Await.value("10 rows", Duration.ofMillis(30), polls::incrementAndGet, n -> n < 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after PT0.03S waiting until 10 rows; last value seen: ")
        .hasMessageEndingWith(": " + polls.get());
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Await.until("never", () -> false))
          .isInstanceOf(AssertionError.class)
          .hasMessage("interrupted while waiting until never")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
