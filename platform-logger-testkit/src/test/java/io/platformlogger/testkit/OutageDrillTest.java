package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class OutageDrillTest {
  @Test
  void theShortDrillTakesTheServerDownOnceBetweenThreeEqualPhases() throws Exception {
    List<String> events = new ArrayList<>();
    try (SteadyLoad load = SteadyLoad.start(2, Duration.ofNanos(1000), "warm-up", (t, i) -> {})) {
      int outages = OutageDrill.once(200).run(load, new OutageDrill.Outage() {
        @Override
        public void takeDown() {
          events.add("down at " + load.calls());
        }

        @Override
        public void bringUp() {
          events.add("up at " + load.calls());
        }
      });
      long end = load.calls();
      load.stop();
      assertThat(outages).isEqualTo(1);
      assertThat(events).hasSize(2);
      long down = Long.parseLong(events.get(0).substring("down at ".length()));
      long up = Long.parseLong(events.get(1).substring("up at ".length()));
      assertThat(down).isGreaterThanOrEqualTo(200);
      assertThat(up - down).isGreaterThanOrEqualTo(200);
      assertThat(end - up).isGreaterThanOrEqualTo(200);
      assertThat(load.report()).contains("before: ").contains("sink down: ").contains("sink up again: ");
    }
  }

  @Test
  void underItsOwnLoadItStopsTheLoadAndReportsEveryThreadsCallsAndEachPhase() throws Exception {
    Set<String> made = ConcurrentHashMap.newKeySet();
    List<String> events = new ArrayList<>();

    DrillResult result = OutageDrill.once(100).runUnderLoad(3, Duration.ofNanos(100_000),
        (t, i) -> made.add("t" + t + " n" + i), new OutageDrill.Outage() {
          @Override
          public void takeDown() {
            events.add("down");
          }

          @Override
          public void bringUp() {
            events.add("up");
          }
        });

    assertThat(events).containsExactly("down", "up");
    assertThat(result.outages()).isEqualTo(1);
    assertThat(result.threads()).isEqualTo(3);
    assertThat(result.calls()).isGreaterThanOrEqualTo(300);
    Set<String> counted = new HashSet<>();
    for (int t = 0; t < 3; t++) {
      for (long i = 0; i < result.calls(t); i++) {
        counted.add("t" + t + " n" + i);
      }
    }
    assertThat(made).as("the calls made are the calls counted, per thread").isEqualTo(counted);
    assertThat(result.latency()).contains("before: ").contains("sink down: ").contains("sink up again: ");
  }

  @Test
  void readsTheSoakLengthFromTheSystemPropertyAndNamesItWhenItIsWrong() {
    String old = System.getProperty(OutageDrill.SOAK_SECONDS_PROPERTY);
    try {
      System.clearProperty(OutageDrill.SOAK_SECONDS_PROPERTY);
      assertThat(OutageDrill.fromSystemProperties(10).isSoak()).isFalse();
      System.setProperty(OutageDrill.SOAK_SECONDS_PROPERTY, "0");
      assertThat(OutageDrill.fromSystemProperties(10).isSoak()).isFalse();
      System.setProperty(OutageDrill.SOAK_SECONDS_PROPERTY, " 300 ");
      assertThat(OutageDrill.fromSystemProperties(10).soakDuration()).isEqualTo(Duration.ofMinutes(5));
      System.setProperty(OutageDrill.SOAK_SECONDS_PROPERTY, "5m");
      assertThatThrownBy(() -> OutageDrill.fromSystemProperties(10))
          .hasMessageContaining(OutageDrill.SOAK_SECONDS_PROPERTY)
          .hasMessageContaining("whole number of seconds");
    } finally {
      if (old == null) {
        System.clearProperty(OutageDrill.SOAK_SECONDS_PROPERTY);
      } else {
        System.setProperty(OutageDrill.SOAK_SECONDS_PROPERTY, old);
      }
    }
  }
}
