package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SteadyLoadTest {
  @Test
  void eachThreadMakesAnUnbrokenNumberedSequenceOfCalls() throws Exception {
    Set<String> made = ConcurrentHashMap.newKeySet();
    long[] perThread;
    try (SteadyLoad load = SteadyLoad.start(3, Duration.ofNanos(1000), "before", (t, i) -> made.add("t" + t + " n" + i))) {
      load.awaitCalls(300, Duration.ofSeconds(60));
      load.phase("sink down");
      load.awaitCalls(600, Duration.ofSeconds(60));
      perThread = load.stop();
      assertThat(load.report()).contains("before: ").contains("sink down: ").contains(" calls, p50 ");
    }
    long total = 0;
    for (int t = 0; t < 3; t++) {
      for (long i = 0; i < perThread[t]; i++) {
        assertThat(made).contains("t" + t + " n" + i);
      }
      total += perThread[t];
    }
    assertThat(made).hasSize((int) total);
    assertThat(total).isGreaterThanOrEqualTo(600);
  }

  @Test
  void aPhaseNamedAgainAddsUpAndTheReportCountsEveryCall() throws Exception {
    try (SteadyLoad load = SteadyLoad.start(1, Duration.ZERO, "up", (t, i) -> {})) {
      load.awaitCalls(10, Duration.ofSeconds(60));
      load.phase("down");
      load.awaitCalls(load.calls() + 10, Duration.ofSeconds(60));
      load.phase("up");
      load.awaitCalls(load.calls() + 10, Duration.ofSeconds(60));
      long[] calls = load.stop();
      String report = load.report();
      assertThat(report.lines()).hasSize(2);
      assertThat(report.lines().map(l -> l.substring(0, l.indexOf(':')))).containsExactly("up", "down");
      long inReport = report.lines()
          .mapToLong(l -> Long.parseLong(l.replaceAll("^[a-z ]+: (\\d+) calls.*$", "$1"))).sum();
      assertThat(inReport).isEqualTo(calls[0]);
    }
  }

  @Test
  void aCallThatThrowsFailsTheLoad() throws Exception {
    try (SteadyLoad load = SteadyLoad.start(2, Duration.ZERO, "before", (t, i) -> {
      if (i == 5) {
        throw new IllegalStateException("boom");
      }
    })) {
      assertThatThrownBy(() -> load.awaitCalls(Long.MAX_VALUE, Duration.ofSeconds(60)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("threw")
          .hasRootCauseMessage("boom");
      assertThatThrownBy(load::stop).hasRootCauseMessage("boom");
    }
  }

  @Test
  void refusesAMeaninglessSetUp() {
    assertThatThrownBy(() -> SteadyLoad.start(0, Duration.ZERO, "x", (t, i) -> {}))
        .hasMessageContaining("threads is 0");
    assertThatThrownBy(() -> SteadyLoad.start(1, Duration.ofMillis(-1), "x", (t, i) -> {}))
        .hasMessageContaining("pause");
  }
}
