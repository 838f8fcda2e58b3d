package io.platformlogger.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SinkPropertiesTest {
  private static SinkProperties props(Map<String, String> p) {
    return new SinkProperties("demo", p, Set.of("a", "b", "c"));
  }

  @Test
  void anUnknownKeyIsNamedWithTheAcceptedOnes() {
    assertThatThrownBy(() -> props(Map.of("x", "1")))
        .hasMessage("sink.demo.x is not a known setting; accepted: [a, b, c]");
  }

  @Test
  void valuesAreReadOrDefaultedAndBadOnesNameTheFullKey() {
    SinkProperties p = props(Map.of("a", " 5s ", "b", "1_000", "c", "x=1, y = 2"));
    assertThat(p.duration("a", Duration.ZERO, false)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.number("b", 1, 5_000, 7)).isEqualTo(1_000);
    assertThat(p.pairs("c")).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
    assertThat(props(Map.of()).bool("a", true)).isTrue();
    assertThat(props(Map.of("a", "0")).duration("a", Duration.ofDays(1), true)).isZero();

    assertThatThrownBy(() -> props(Map.of("a", "0")).duration("a", Duration.ofDays(1), false))
        .hasMessageStartingWith("sink.demo.a '0' is not a positive duration");
    assertThatThrownBy(() -> props(Map.of("b", "9")).number("b", 1, 5, 1))
        .hasMessage("sink.demo.b '9' is not accepted; accepted: a whole number from 1 to 5");
    assertThatThrownBy(() -> props(Map.of("c", "yes")).bool("c", false))
        .hasMessage("sink.demo.c 'yes' is not accepted; accepted: true, false");
    assertThatThrownBy(() -> props(Map.of("c", "x=1,x=2")).pairs("c"))
        .hasMessage("sink.demo.c names 'x' twice: keep one");
    assertThatThrownBy(() -> props(Map.of()).required("a", "set it to 1"))
        .hasMessage("sink.demo.a is required: set it to 1");
  }
}
