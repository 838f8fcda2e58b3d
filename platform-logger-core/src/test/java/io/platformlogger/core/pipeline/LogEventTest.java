package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The captured call's compact layout: one array for key/values and arguments, rarely set fields aside. */
class LogEventTest {
  private static LogEvent event() {
    return new LogEvent(Level.INFO, "io.acme.Orders", Instant.parse("2026-12-07T03:00:00.123456789Z"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(LogEvent e) {
    return (Map<String, Object>) e.data();
  }

  @Test
  void keyValuesAndArgumentsHandedOverInOneArrayComeOutApart() {
    LogEvent e = event().handOverMessage("order {} by {}", new Object[] {"order_id", 42, "status", "paid", "o-1", "ann"}, 2);

    assertThat(e.template()).isEqualTo("order {} by {}");
    assertThat(e.args()).containsExactly("o-1", "ann");
    assertThat(data(e)).containsExactly(Map.entry("order_id", 42), Map.entry("status", "paid"));
  }

  @Test
  void keyValuesHandedOverLaterKeepTheArgumentsThatTravelledWithTheFirst() {
    LogEvent e = event().handOverMessage("order {}", new Object[] {"order_id", 42, "o-1"}, 1);
    e.handOverKeyValues(new Object[] {"status", "paid"}, 1);

    assertThat(e.args()).containsExactly("o-1");
    assertThat(data(e)).containsExactly(Map.entry("status", "paid"));
  }

  @Test
  void aMapAndFlatKeyValuesMergeWithTheLaterValueWinning() {
    LogEvent e = event().data(Map.of("status", "new"));
    e.handOverMessage("x", new Object[] {"status", "paid", "order_id", 7}, 2);

    assertThat(data(e)).containsExactly(Map.entry("status", "paid"), Map.entry("order_id", 7));
  }

  @Test
  void rarelySetFieldsReadBackAndCanBeClearedAgain() {
    LogEvent e = event();
    assertThat(e.throwable()).isNull();
    assertThat(e.service()).isNull();
    assertThat(e.suppressedBefore()).isZero();

    IllegalStateException boom = new IllegalStateException("boom");
    e.throwable(boom).service("billing").eventType("order.placed").action("place").errorCode("E1").stream("audit");
    e.suppressedBefore(3);
    assertThat(e.throwable()).isSameAs(boom);
    assertThat(e.service()).isEqualTo("billing");
    assertThat(e.eventType()).isEqualTo("order.placed");
    assertThat(e.action()).isEqualTo("place");
    assertThat(e.errorCode()).isEqualTo("E1");
    assertThat(e.stream()).isEqualTo("audit");
    assertThat(e.suppressedBefore()).isEqualTo(3);

    e.throwable(null).service(null);
    assertThat(e.throwable()).isNull();
    assertThat(e.service()).isNull();
  }

  @Test
  void theTimestampKeepsItsNanoseconds() {
    LogEvent e = event();

    assertThat(LogEventProbe.timestamp(e)).isEqualTo(Instant.parse("2026-12-07T03:00:00.123456789Z"));
  }
}
