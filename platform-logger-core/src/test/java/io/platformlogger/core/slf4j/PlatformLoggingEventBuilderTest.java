package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.platformlogger.core.Level;
import io.platformlogger.core.pipeline.LogEvent;
import io.platformlogger.core.pipeline.LogEventProbe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.LoggingEventAware;

/** The fluent builder collecting into an SLF4J event, and that event becoming a LogEvent. */
class PlatformLoggingEventBuilderTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");

  private final CapturingLogger logger = new CapturingLogger();

  private LogEvent logged() {
    assertThat(logger.events).hasSize(1);
    LoggingEvent e = logger.events.get(0);
    return Slf4jEvents.event(Slf4jEvents.level(e.getLevel()), "orders", NOW, e);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(LogEvent e) {
    return (Map<String, Object>) LogEventProbe.data(e);
  }

  @Test
  void collectsKeyValuesMarkersCauseAndArgumentsIntoTheEvent() {
    Marker audit = new BasicMarkerFactory().getMarker("AUDIT");
    IllegalStateException boom = new IllegalStateException("boom");

    new PlatformLoggingEventBuilder(logger, org.slf4j.event.Level.INFO)
        .addKeyValue("order_id", 42)
        .addKeyValue("status", "new")
        .addMarker(audit)
        .setCause(boom)
        .setMessage("order {} by {}")
        .addArgument("o-1")
        .addArgument(() -> "ann")
        .addKeyValue("status", "paid")
        .log();

    LogEvent e = logged();
    assertThat(e.level()).isEqualTo(Level.INFO);
    assertThat(e.template()).isEqualTo("order {} by {}");
    assertThat(LogEventProbe.args(e)).containsExactly("o-1", "ann");
    assertThat(LogEventProbe.throwable(e)).isSameAs(boom);
    assertThat(LogEventProbe.markers(e)).containsExactly("AUDIT");
    assertThat(data(e)).containsExactly(Map.entry("order_id", 42), Map.entry("status", "paid"));
  }

  @Test
  void takesATrailingThrowableArgumentAsTheCauseWhenNoneIsSet() {
    IllegalStateException boom = new IllegalStateException("boom");

    new PlatformLoggingEventBuilder(logger, org.slf4j.event.Level.ERROR).log("failed {}", "p-1", boom);

    LogEvent e = logged();
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(LogEventProbe.args(e)).containsExactly("p-1");
    assertThat(LogEventProbe.throwable(e)).isSameAs(boom);
  }

  @Test
  void evaluatesSuppliersWhenTheyAreAdded() {
    new PlatformLoggingEventBuilder(logger, org.slf4j.event.Level.DEBUG)
        .addKeyValue("size", (Supplier<Object>) () -> 3)
        .log(() -> "computed");

    LogEvent e = logged();
    assertThat(e.template()).isEqualTo("computed");
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
                new PlatformLoggingEventBuilder(logger, org.slf4j.event.Level.WARN)
                    .addKeyValue("size", failing)
                    .addArgument(failing)
                    .setMessage(() -> {
                      throw new IllegalArgumentException();
                    })
                    .log())
        .doesNotThrowAnyException();

    LogEvent e = logged();
    assertThat(e.template()).isEqualTo("[supplier failed: java.lang.IllegalArgumentException]");
    assertThat(LogEventProbe.args(e)).containsExactly("[supplier failed: java.lang.IllegalStateException]");
    assertThat(data(e))
        .containsExactly(Map.entry("size", "[supplier failed: java.lang.IllegalStateException]"));
    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isGreaterThanOrEqualTo(before + 3);
  }

  @Test
  void aNullMessageSupplierLogsANullMessage() {
    new PlatformLoggingEventBuilder(logger, org.slf4j.event.Level.INFO).log((Supplier<String>) null);

    assertThat(logged().template()).isNull();
  }

  /** Records what the builder hands to LoggingEventAware.log; every level enabled. */
  private static final class CapturingLogger extends AbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    final List<LoggingEvent> events = new ArrayList<>();

    CapturingLogger() {
      this.name = "orders";
    }

    @Override
    public void log(LoggingEvent event) {
      events.add(event);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        org.slf4j.event.Level level, Marker marker, String msg, Object[] args, Throwable t) {
      throw new AssertionError("the builder must use log(LoggingEvent)");
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
