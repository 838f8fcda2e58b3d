package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.pipeline.LogEventProbe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;

/** The fluent builder collecting a statement straight into the LogCall it logs. */
class PlatformLoggingEventBuilderTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");

  private final List<LogCall> events = new ArrayList<>();
  private final PlatformLoggingEventBuilder.Target target = statement -> events.add(statement.fill(LogEventProbe.capture(statement.level(), "orders", NOW)));

  private LogCall logged() {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(LogCall e) {
    return (Map<String, Object>) LogEventProbe.data(e);
  }

  @Test
  void collectsKeyValuesMarkersCauseAndArgumentsIntoTheEvent() {
    Marker audit = new BasicMarkerFactory().getMarker("AUDIT");
    IllegalStateException boom = new IllegalStateException("boom");

    PlatformLoggingEventBuilder.start(target, Level.INFO)
        .addKeyValue("order_id", 42)
        .addKeyValue("status", "new")
        .addMarker(audit)
        .setCause(boom)
        .setMessage("order {} by {}")
        .addArgument("o-1")
        .addArgument(() -> "ann")
        .addKeyValue("status", "paid")
        .log();

    LogCall e = logged();
    assertThat(LogEventProbe.level(e)).isEqualTo(Level.INFO);
    assertThat(LogEventProbe.template(e)).isEqualTo("order {} by {}");
    assertThat(LogEventProbe.args(e)).containsExactly("o-1", "ann");
    assertThat(LogEventProbe.throwable(e)).isSameAs(boom);
    assertThat(LogEventProbe.markers(e)).containsExactly("AUDIT");
    assertThat(data(e)).containsExactly(Map.entry("order_id", 42), Map.entry("status", "paid"));
  }

  @Test
  void takesATrailingThrowableArgumentAsTheCauseWhenNoneIsSet() {
    IllegalStateException boom = new IllegalStateException("boom");

    PlatformLoggingEventBuilder.start(target, Level.ERROR).log("failed {}", "p-1", boom);

    LogCall e = logged();
    assertThat(LogEventProbe.level(e)).isEqualTo(Level.ERROR);
    assertThat(LogEventProbe.args(e)).containsExactly("p-1");
    assertThat(LogEventProbe.throwable(e)).isSameAs(boom);
  }

  @Test
  void evaluatesSuppliersWhenTheyAreAdded() {
    PlatformLoggingEventBuilder.start(target, Level.DEBUG)
        .addKeyValue("size", (Supplier<Object>) () -> 3)
        .log(() -> "computed");

    LogCall e = logged();
    assertThat(LogEventProbe.template(e)).isEqualTo("computed");
    assertThat(data(e)).containsExactly(Map.entry("size", 3));
  }

  @Test
  void aThrowingSupplierBecomesAPlaceholderInsteadOfThrowing() {
    Supplier<Object> failing = () -> {
      throw new IllegalStateException("supplier bug");
    };
    long before = PlatformSlf4jServiceProvider.internalErrors();

    assertThatCode(
            () ->
                PlatformLoggingEventBuilder.start(target, Level.WARN)
                    .addKeyValue("size", failing)
                    .addArgument(failing)
                    .setMessage(() -> {
                      throw new IllegalArgumentException();
                    })
                    .log())
        .doesNotThrowAnyException();

    LogCall e = logged();
    assertThat(LogEventProbe.template(e)).isEqualTo("[supplier failed: java.lang.IllegalArgumentException]");
    assertThat(LogEventProbe.args(e)).containsExactly("[supplier failed: java.lang.IllegalStateException]");
    assertThat(data(e))
        .containsExactly(Map.entry("size", "[supplier failed: java.lang.IllegalStateException]"));
    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isGreaterThanOrEqualTo(before + 3);
  }

  @Test
  void aNullMessageSupplierLogsANullMessage() {
    PlatformLoggingEventBuilder.start(target, Level.INFO).log((Supplier<String>) null);

    assertThat(LogEventProbe.template(logged())).isNull();
  }

  @Test
  void argumentsAddedBeforeTheLogCallComeFirst() {
    PlatformLoggingEventBuilder.start(target, Level.INFO).addArgument("a").log("{} {} {}", "b", "c");

    assertThat(LogEventProbe.args(logged())).containsExactly("a", "b", "c");
  }

  @Test
  void keepsAnExplicitCauseAndATrailingThrowableArgumentAsAnArgument() {
    IllegalStateException cause = new IllegalStateException("cause");
    IllegalArgumentException arg = new IllegalArgumentException("arg");

    PlatformLoggingEventBuilder.start(target, Level.WARN).setCause(cause).log("failed {}", arg);

    assertThat(LogEventProbe.throwable(logged())).isSameAs(cause);
    assertThat(LogEventProbe.args(logged())).containsExactly(arg);
  }

  @Test
  void carriesTheCallSiteTheRewrittenCodeSets() {
    LogSite site = LogSite.of("Orders.java", 12, "com.acme.Orders", "place");
    PlatformLoggingEventBuilder b = PlatformLoggingEventBuilder.start(target, Level.INFO);
    b.site(site);
    b.log("placed");

    assertThat(LogEventProbe.site(logged())).isSameAs(site);
  }

  @Test
  void aStatementWithoutKeyValuesOrMarkersCarriesNone() {
    PlatformLoggingEventBuilder.start(target, Level.INFO).log("plain");

    assertThat(LogEventProbe.data(logged())).isNull();
    assertThat(LogEventProbe.markers(logged())).isNull();
    assertThat(LogEventProbe.args(logged())).isEmpty();
  }

  @Test
  void theThreadsBuilderIsReusedAndCarriesNothingOverFromTheLastStatement() {
    Marker audit = new BasicMarkerFactory().getMarker("AUDIT");
    PlatformLoggingEventBuilder first = PlatformLoggingEventBuilder.start(target, Level.WARN);
    first.addKeyValue("order_id", 42).addMarker(audit).setCause(new IllegalStateException("boom"))
        .addArgument("o-1").log("first {}");
    PlatformLoggingEventBuilder second = PlatformLoggingEventBuilder.start(target, Level.INFO);
    second.log("second");

    assertThat(second).isSameAs(first);
    assertThat(events).hasSize(2);
    LogCall e = events.get(1);
    assertThat(LogEventProbe.level(e)).isEqualTo(Level.INFO);
    assertThat(LogEventProbe.template(e)).isEqualTo("second");
    assertThat(LogEventProbe.args(e)).isEmpty();
    assertThat(LogEventProbe.data(e)).isNull();
    assertThat(LogEventProbe.markers(e)).isNull();
    assertThat(LogEventProbe.throwable(e)).isNull();
    assertThat(data(events.get(0))).containsExactly(Map.entry("order_id", 42)); // the first event kept its own
  }

  @Test
  void aStatementLoggedWhileAnotherIsBeingBuiltGetsItsOwnBuilder() {
    PlatformLoggingEventBuilder outer = PlatformLoggingEventBuilder.start(target, Level.INFO);
    outer.addKeyValue("order_id", 42)
        .addArgument(() -> {
          // a supplier that logs: it runs on this thread while the outer statement is open
          PlatformLoggingEventBuilder inner = PlatformLoggingEventBuilder.start(target, Level.DEBUG);
          assertThat(inner).isNotSameAs(outer);
          inner.addKeyValue("nested", true).log("inner {}", "i-1");
          return "ann";
        })
        .addKeyValue("status", "paid")
        .log("outer {} {}", "o-1");

    assertThat(events).hasSize(2);
    LogCall inner = events.get(0);
    assertThat(LogEventProbe.template(inner)).isEqualTo("inner {}");
    assertThat(LogEventProbe.args(inner)).containsExactly("i-1");
    assertThat(data(inner)).containsExactly(Map.entry("nested", true));
    LogCall outerEvent = events.get(1);
    assertThat(LogEventProbe.level(outerEvent)).isEqualTo(Level.INFO);
    assertThat(LogEventProbe.template(outerEvent)).isEqualTo("outer {} {}");
    assertThat(LogEventProbe.args(outerEvent)).containsExactly("ann", "o-1");
    assertThat(data(outerEvent)).containsExactly(Map.entry("order_id", 42), Map.entry("status", "paid"));
  }

  @Test
  void aBuilderLogsOnceAndALaterLogIsIgnoredAndCounted() {
    long errorsBefore = PlatformSlf4jServiceProvider.internalErrors();
    PlatformLoggingEventBuilder b = PlatformLoggingEventBuilder.start(target, Level.INFO);
    b.log("once");
    b.log("twice");

    assertThat(LogEventProbe.template(logged())).isEqualTo("once");
    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isEqualTo(errorsBefore + 1);
  }

  @Test
  void aThreadsBuilderUsedFromAnotherThreadIsIgnoredAndCounted() throws InterruptedException {
    long errorsBefore = PlatformSlf4jServiceProvider.internalErrors();
    PlatformLoggingEventBuilder mine = PlatformLoggingEventBuilder.start(target, Level.INFO);
    Thread other = new Thread(() -> mine.log("from elsewhere"));
    other.start();
    other.join();

    assertThat(events).isEmpty();
    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isEqualTo(errorsBefore + 1);
    mine.log("from its own thread"); // still open: its own thread may finish the statement
    assertThat(LogEventProbe.template(logged())).isEqualTo("from its own thread");
  }

  @Test
  void aBuilderLeftOpenIsNeverReusedAndLaterStatementsStillLog() {
    PlatformLoggingEventBuilder abandoned = PlatformLoggingEventBuilder.start(target, Level.INFO);
    abandoned.addKeyValue("left", "open");
    PlatformLoggingEventBuilder next = PlatformLoggingEventBuilder.start(target, Level.INFO);
    next.log("next");
    abandoned.log("abandoned at last");

    assertThat(next).isNotSameAs(abandoned);
    assertThat(events).hasSize(2);
    assertThat(LogEventProbe.data(events.get(0))).isNull();
    assertThat(data(events.get(1))).containsExactly(Map.entry("left", "open"));
  }

  @Test
  void aTrailingThrowableIsTheCauseAlsoWhenKeyValuesShareTheArgumentsArray() {
    IllegalStateException boom = new IllegalStateException("boom");
    PlatformLoggingEventBuilder.start(target, Level.ERROR)
        .addKeyValue("order_id", 42)
        .log("failed {} for {}", "p-1", "ann", boom);

    LogCall e = logged();
    assertThat(LogEventProbe.args(e)).containsExactly("p-1", "ann");
    assertThat(LogEventProbe.throwable(e)).isSameAs(boom);
    assertThat(data(e)).containsExactly(Map.entry("order_id", 42));
  }

  @Test
  void whatIsAddedToABuilderAfterItsLogNeverReachesTheThreadsNextStatement() {
    PlatformLoggingEventBuilder first = PlatformLoggingEventBuilder.start(target, Level.INFO);
    first.log("first");
    first.addKeyValue("stale", 1).addArgument("stale").setCause(new IllegalStateException("stale"));
    first.log("stale message {}", "x"); // ignored: it already logged
    PlatformLoggingEventBuilder.start(target, Level.INFO).log();

    assertThat(events).hasSize(2);
    LogCall next = events.get(1);
    assertThat(LogEventProbe.template(next)).isNull();
    assertThat(LogEventProbe.args(next)).isEmpty();
    assertThat(LogEventProbe.data(next)).isNull();
    assertThat(LogEventProbe.throwable(next)).isNull();
  }
}
