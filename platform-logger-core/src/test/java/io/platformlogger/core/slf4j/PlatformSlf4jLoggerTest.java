package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.sink.LogSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.DefaultLoggingEvent;
import org.slf4j.spi.NOPLoggingEventBuilder;

/**
 * SLF4J calls end to end: {@code LoggerFactory.getLogger} → this provider → a real pipeline
 * installed as the process-wide one → a collecting sink.
 */
class PlatformSlf4jLoggerTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123Z");

  private final List<LogPipeline> built = new ArrayList<>();
  private LogPipeline previous;
  private LogPipeline pipeline;
  private Collecting sink;

  @BeforeEach
  void installPipeline() {
    sink = new Collecting();
    pipeline = build(Level.TRACE, sink, null);
    previous = PlatformLoggers.install(pipeline);
  }

  @AfterEach
  void restore() {
    PlatformLoggers.install(previous);
    for (LogPipeline p : built) {
      p.close(Duration.ofSeconds(5));
    }
    MDC.clear();
  }

  private LogPipeline build(Level level, Collecting into, String quietPrefix) {
    PlatformLoggerConfig.Builder config =
        PlatformLoggerConfig.builder()
            .service("orders")
            .environment(Environment.DEVELOPMENT)
            .level(level)
            .consoleEnabled(false)
            .shutdownHook(false);
    if (quietPrefix != null) {
      config.loggerLevel(quietPrefix, Level.ERROR);
    }
    LogPipeline p =
        LogPipeline.builder()
            .config(config.build())
            .configuredSinks(false)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .sink(into, Level.TRACE)
            .build();
    built.add(p);
    return p;
  }

  private List<LogEntry> entries() {
    return entries(pipeline, sink);
  }

  private static List<LogEntry> entries(LogPipeline p, Collecting s) {
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    return s.snapshot();
  }

  private LogEntry only() {
    List<LogEntry> e = entries();
    assertThat(e).hasSize(1);
    return e.get(0);
  }

  @Test
  void routesEveryLevelToTheLevelOfTheSameName() {
    Logger log = LoggerFactory.getLogger("com.acme.Levels");

    log.trace("at {}", "trace");
    log.debug("at {}", "debug");
    log.info("at {}", "info");
    log.warn("at {}", "warn");
    log.error("at {}", "error");

    List<LogEntry> e = entries();
    assertThat(e).extracting(LogEntry::level)
        .containsExactly(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);
    assertThat(e).extracting(LogEntry::message)
        .containsExactly("at trace", "at debug", "at info", "at warn", "at error");
    assertThat(e).extracting(LogEntry::loggerName).containsOnly("com.acme.Levels");
    assertThat(e).extracting(LogEntry::timestamp).containsOnly(NOW);
  }

  @Test
  void fillsPlaceholdersWithTheArgumentsOfEveryArity() {
    Logger log = LoggerFactory.getLogger("com.acme.Format");

    log.info("plain {}");
    log.info("order {} placed", 42);
    log.info("order {} placed by {}", 42, "ann");
    log.info("{} {} {}", "a", 1, true);

    assertThat(entries()).extracting(LogEntry::message)
        .containsExactly("plain {}", "order 42 placed", "order 42 placed by ann", "a 1 true");
  }

  @Test
  void takesATrailingThrowableAsTheEntrysError() {
    Logger log = LoggerFactory.getLogger("com.acme.Errors");
    IllegalStateException boom = new IllegalStateException("boom");

    log.error("payment {} failed", "p-1", boom);
    log.warn("retrying", new IllegalArgumentException("bad"));

    List<LogEntry> e = entries();
    assertThat(e.get(0).message()).isEqualTo("payment p-1 failed");
    assertThat(e.get(0).errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(e.get(0).errorStack()).contains("boom");
    assertThat(e.get(1).message()).isEqualTo("retrying");
    assertThat(e.get(1).errorType()).isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void recordsAMarkerAndTheMarkersItReferences() {
    Logger log = LoggerFactory.getLogger("com.acme.Markers");
    Marker security = MarkerFactory.getDetachedMarker("SECURITY");
    security.add(MarkerFactory.getDetachedMarker("AUDIT"));

    log.info(security, "login by {}", "ann");

    LogEntry e = only();
    assertThat(e.markers()).containsExactly("SECURITY", "AUDIT");
    assertThat(e.message()).isEqualTo("login by ann");
  }

  @Test
  void mdcValuesLandInTheEntry() {
    Logger log = LoggerFactory.getLogger("com.acme.Mdc");
    MDC.put("tenant_id", "t-42");
    MDC.put("userId", "u-7");
    MDC.put("order", "o-1");

    log.info("placed");

    LogEntry e = only();
    assertThat(e.tenantId()).isEqualTo("t-42");
    assertThat(e.userId()).isEqualTo("u-7");
    assertThat(e.data()).containsEntry("order", "o-1");
  }

  @Test
  void aLogContextScopeAndTheMdcFillTheSameEntry() {
    Logger log = LoggerFactory.getLogger("com.acme.Scope");
    MDC.put("order", "o-1");

    try (LogContext.Scope s = LogContext.with().requestId("r-1").open()) {
      MDC.put("tenant_id", "t-42");
      log.info("inside");
    }
    log.info("outside");

    List<LogEntry> e = entries();
    assertThat(e.get(0).requestId()).isEqualTo("r-1");
    assertThat(e.get(0).tenantId()).isEqualTo("t-42");
    assertThat(e.get(0).data()).containsEntry("order", "o-1");
    assertThat(e.get(1).requestId()).isNull();
    assertThat(e.get(1).tenantId()).isNull();
    assertThat(e.get(1).data()).containsEntry("order", "o-1");
  }

  @Test
  void fluentKeyValuesLandInDataWithMarkersCauseAndArguments() {
    Logger log = LoggerFactory.getLogger("com.acme.Fluent");
    IllegalStateException boom = new IllegalStateException("boom");

    log.atWarn()
        .addKeyValue("order_id", 42)
        .addKeyValue("status", "new")
        .addMarker(MarkerFactory.getMarker("BILLING"))
        .setCause(boom)
        .setMessage("order {} by {}")
        .addArgument("o-1")
        .addArgument(() -> "ann")
        .addKeyValue("status", "paid")
        .log();

    LogEntry e = only();
    assertThat(e.level()).isEqualTo(Level.WARN);
    assertThat(e.message()).isEqualTo("order o-1 by ann");
    assertThat(e.data().keySet()).containsExactly("order_id", "status");
    assertThat(String.valueOf(e.data().get("order_id"))).isEqualTo("42");
    assertThat(e.data()).containsEntry("status", "paid");
    assertThat(e.markers()).containsExactly("BILLING");
    assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void statementsThatLogWhileBeingBuiltLeaveTheOuterStatementIntact() {
    Logger log = LoggerFactory.getLogger("com.acme.Fluent");
    Object chatty = new Object() {
      @Override
      public String toString() { // formatted on the pipeline's thread: its own statement goes to stderr only
        log.atInfo().addKeyValue("inner", "to-string").log("from toString");
        return "chatty";
      }
    };

    log.atInfo()
        .addKeyValue("order_id", "o-1")
        .addArgument(() -> {
          log.atInfo().addKeyValue("inner", "supplier").log("from a supplier");
          return "ann";
        })
        .addArgument(chatty)
        .addKeyValue("status", "paid")
        .log("order by {} with {}");
    log.atInfo().log("after");

    List<LogEntry> entries = entries();
    assertThat(entries).extracting(LogEntry::message)
        .containsExactly("from a supplier", "order by ann with chatty", "after");
    assertThat(entries.get(0).data()).containsExactly(java.util.Map.entry("inner", "supplier"));
    assertThat(entries.get(1).data())
        .containsExactly(java.util.Map.entry("order_id", "o-1"), java.util.Map.entry("status", "paid"));
    assertThat(entries.get(2).data()).isEmpty();
  }

  @Test
  void eachFluentStatementKeepsTheMdcOfItsOwnCall() {
    Logger log = LoggerFactory.getLogger("com.acme.Fluent");

    MDC.put("order", "o-1");
    log.atInfo().addKeyValue("step", 1).log("first");
    MDC.put("order", "o-2"); // right after the call, before the pipeline has built the first entry
    log.atInfo().log("second");
    MDC.remove("order");
    log.atInfo().log("third");

    List<LogEntry> entries = entries();
    assertThat(entries).extracting(e -> e.data().get("order")).containsExactly("o-1", "o-2", null);
    assertThat(entries).extracting(e -> e.data().get("step")).containsExactly(1L, null, null);
  }

  @Test
  void fluentKeyValuesOverrideMdcExtrasOfTheSameName() {
    Logger log = LoggerFactory.getLogger("com.acme.Fluent");
    MDC.put("status", "from-mdc");

    log.atInfo().addKeyValue("status", "from-call").log("x");

    assertThat(only().data()).containsEntry("status", "from-call");
  }

  @Test
  void disabledLevelsBuildNothing() {
    Collecting warnSink = new Collecting();
    LogPipeline warnOnly = build(Level.WARN, warnSink, null);
    PlatformLoggers.install(warnOnly);
    Logger log = LoggerFactory.getLogger("com.acme.Disabled");

    assertThat(log.isTraceEnabled()).isFalse();
    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(log.isInfoEnabled()).isFalse();
    assertThat(log.isWarnEnabled()).isTrue();
    assertThat(log.atDebug()).isSameAs(NOPLoggingEventBuilder.singleton());
    assertThat(log.atInfo()).isSameAs(NOPLoggingEventBuilder.singleton());
    log.trace("t");
    log.debug("d {}", 1);
    log.info("i {} {}", 1, 2);
    log.atInfo().addKeyValue("k", "v").log("fluent");
    log.warn("w");

    assertThat(entries(warnOnly, warnSink)).extracting(LogEntry::message).containsExactly("w");
  }

  @Test
  void perLoggerLevelsApply() {
    Collecting s = new Collecting();
    LogPipeline p = build(Level.INFO, s, "com.acme.noisy");
    PlatformLoggers.install(p);

    LoggerFactory.getLogger("com.acme.noisy.Client").info("hidden");
    LoggerFactory.getLogger("com.acme.noisy.Client").error("shown");
    LoggerFactory.getLogger("com.acme.Quiet").info("also shown");

    assertThat(entries(p, s)).extracting(LogEntry::message).containsExactly("shown", "also shown");
  }

  @Test
  void aLoggerFollowsTheProcessWidePipelineWhenItIsReplaced() {
    Logger log = LoggerFactory.getLogger("com.acme.Switch");
    Collecting errorSink = new Collecting();
    LogPipeline errorOnly = build(Level.ERROR, errorSink, null);
    Collecting infoSink = new Collecting();
    LogPipeline info = build(Level.INFO, infoSink, null);

    PlatformLoggers.install(errorOnly);
    assertThat(log.isInfoEnabled()).isFalse();
    log.info("dropped");
    log.error("to error-only");

    PlatformLoggers.install(info);
    assertThat(log.isInfoEnabled()).isTrue();
    log.info("to info");

    assertThat(entries(errorOnly, errorSink)).extracting(LogEntry::message).containsExactly("to error-only");
    assertThat(entries(info, infoSink)).extracting(LogEntry::message).containsExactly("to info");
  }

  @Test
  void aFailureWhileBuildingTheEventIsSwallowedAndCounted() {
    PlatformSlf4jLogger log = (PlatformSlf4jLogger) LoggerFactory.getLogger("com.acme.Broken");
    DefaultLoggingEvent broken =
        new DefaultLoggingEvent(org.slf4j.event.Level.INFO, log) {
          @Override
          public Object[] getArgumentArray() {
            throw new IllegalStateException("broken event");
          }
        };
    broken.setMessage("never built");
    long before = PlatformSlf4jServiceProvider.internalErrors();

    assertThatCode(() -> log.log(broken)).doesNotThrowAnyException();
    log.info("still works");

    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isGreaterThan(before);
    assertThat(entries()).extracting(LogEntry::message).containsExactly("still works");
  }

  /** Collects every stored entry; written from the sink's thread, read after a flush. */
  /** Keeps every entry written; also used by {@link Slf4jConformanceTest}. */
  static final class Collecting implements LogSink {
    private final List<LogEntry> stored = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "collect";
    }

    @Override
    public void write(List<LogEntry> batch) {
      stored.addAll(batch);
    }

    List<LogEntry> snapshot() {
      synchronized (stored) {
        return stored.stream().collect(Collectors.toList());
      }
    }

    @Override
    public void close() {}
  }
}
