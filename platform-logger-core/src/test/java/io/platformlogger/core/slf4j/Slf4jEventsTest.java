package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.pipeline.LogEventProbe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class Slf4jEventsTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123456789Z");

  @Test
  void mapsEachSlf4jLevelToTheLevelOfTheSameName() {
    assertThat(Slf4jEvents.level(org.slf4j.event.Level.TRACE)).isEqualTo(Level.TRACE);
    assertThat(Slf4jEvents.level(org.slf4j.event.Level.DEBUG)).isEqualTo(Level.DEBUG);
    assertThat(Slf4jEvents.level(org.slf4j.event.Level.INFO)).isEqualTo(Level.INFO);
    assertThat(Slf4jEvents.level(org.slf4j.event.Level.WARN)).isEqualTo(Level.WARN);
    assertThat(Slf4jEvents.level(org.slf4j.event.Level.ERROR)).isEqualTo(Level.ERROR);
  }

  @Test
  void passesTheTemplateAndArgumentsUnformatted() {
    LogCall e = Slf4jEvents.message(LogEventProbe.capture(Level.INFO, "orders", NOW), "order {} placed by {}", new Object[] {42, "ann"}, null);

    assertThat(LogEventProbe.level(e)).isEqualTo(Level.INFO);
    assertThat(LogEventProbe.loggerName(e)).isEqualTo("orders");
    assertThat(LogEventProbe.template(e)).isEqualTo("order {} placed by {}");
    assertThat(LogEventProbe.args(e)).containsExactly(42, "ann");
    assertThat(LogEventProbe.throwable(e)).isNull();
    assertThat(LogEventProbe.timestamp(e)).isEqualTo(NOW);
  }

  @Test
  void takesATrailingThrowableAsTheThrowableAndRemovesItFromTheArguments() {
    IllegalStateException boom = new IllegalStateException("boom");

    LogCall e = Slf4jEvents.message(LogEventProbe.capture(Level.ERROR, "pay", NOW), "payment {} failed", new Object[] {"p-1", boom}, null);

    assertThat(LogEventProbe.args(e)).containsExactly("p-1");
    assertThat(LogEventProbe.throwable(e)).isSameAs(boom);
  }

  @Test
  void takesASoleThrowableArgumentAsTheThrowableEvenWithAPlaceholderForIt() {
    IllegalStateException boom = new IllegalStateException("boom");

    LogCall e = Slf4jEvents.message(LogEventProbe.capture(Level.WARN, "pay", NOW), "failed: {}", new Object[] {boom}, null);

    assertThat(LogEventProbe.args(e)).isEmpty();
    assertThat(LogEventProbe.throwable(e)).isSameAs(boom);
    assertThat(LogEventProbe.template(e)).isEqualTo("failed: {}");
  }

  @Test
  void keepsEveryArgumentWhenTheThrowableIsGivenExplicitly() {
    IllegalStateException cause = new IllegalStateException("cause");
    IllegalArgumentException argument = new IllegalArgumentException("argument");

    LogCall e = Slf4jEvents.message(LogEventProbe.capture(Level.ERROR, "pay", NOW), "bad {}", new Object[] {argument}, cause);

    assertThat(LogEventProbe.args(e)).containsExactly(argument);
    assertThat(LogEventProbe.throwable(e)).isSameAs(cause);
  }

  @Test
  void leavesArgumentsThatAreNotThrowablesAlone() {
    LogCall e = Slf4jEvents.message(LogEventProbe.capture(Level.DEBUG, "x", NOW), "a {} b {} c {}", new Object[] {1, null, "z"}, null);

    assertThat(LogEventProbe.args(e)).containsExactly(1, null, "z");
    assertThat(LogEventProbe.throwable(e)).isNull();
  }

  @Test
  void capturesTheCurrentContextAndThread() {
    try (LogContext.Scope s = LogContext.with().tenantId("t-42").put("order", "o-1").open()) {
      LogCall e = Slf4jEvents.message(LogEventProbe.capture(Level.INFO, "x", NOW), "m", null, null);

      assertThat(LogEventProbe.context(e)).isEqualTo(s.context());
      assertThat(LogEventProbe.threadName(e)).isEqualTo(Thread.currentThread().getName());
    }
  }

  @Test
  void keepsKeyValuesInInsertionOrderWithTheLastValueOfARepeatedKey() {
    Map<String, Object> data =
        Slf4jEvents.data(
            List.of(
                new KeyValuePair("order_id", 42),
                new KeyValuePair("status", "new"),
                new KeyValuePair("amount", 9.5),
                new KeyValuePair("status", "paid")));

    assertThat(data).containsExactly(Map.entry("order_id", 42), Map.entry("status", "paid"), Map.entry("amount", 9.5));
  }

  @Test
  void hasNoDataWithoutKeyValues() {
    assertThat(Slf4jEvents.data(null)).isNull();
    assertThat(Slf4jEvents.data(List.of())).isNull();
  }
}
