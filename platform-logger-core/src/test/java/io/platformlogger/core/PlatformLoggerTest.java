package io.platformlogger.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.RecordingSink;
import io.platformlogger.core.pipeline.TestPipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PlatformLogger API end to end through a real pipeline into a collecting sink. */
class PlatformLoggerTest {
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();
  private final RecordingSink sink = new RecordingSink("collect");
  private LogPipeline pipeline;
  private PlatformLogger log;

  @BeforeEach
  void setUp() {
    pipeline = pipelines.start(
        PlatformLoggerConfig.builder()
            .service("billing")
            .environment(Environment.STAGING)
            .version("1.2.3")
            .region("eu-west-1")
            .consoleEnabled(false)
            .shutdownHook(false),
        sink);
    log = PlatformLogger.on(pipeline, "billing");
  }

  private List<LogEntry> entries() {
    assertThat(pipeline.flush(Duration.ofSeconds(20))).isTrue();
    return sink.entries();
  }

  private LogEntry only() {
    List<LogEntry> e = entries();
    assertThat(e).hasSize(1);
    return e.get(0);
  }

  @Test
  void anEntryCarriesTheServiceDeploymentAndCallerFields() {
    log.info("order placed", Map.of("order_id", "o-1", "amount", 42.5));
    LogEntry e = only();
    assertThat(e.level()).isEqualTo(Level.INFO);
    assertThat(e.message()).isEqualTo("order placed");
    assertThat(e.data()).containsEntry("order_id", "o-1").containsEntry("amount", 42.5);
    assertThat(e.service()).isEqualTo("billing");
    assertThat(e.environment()).isEqualTo(Environment.STAGING);
    assertThat(e.version()).isEqualTo("1.2.3");
    assertThat(e.region()).isEqualTo("eu-west-1");
    assertThat(e.loggerName()).isEqualTo("billing");
    assertThat(e.threadName()).isEqualTo(Thread.currentThread().getName());
    assertThat(e.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void parametersFillPlaceholdersAndATrailingThrowableBecomesTheError() {
    log.info("order {} placed by {}", "o-1", "u-9");
    log.warn("retry {} of {}", 2, 3, new IllegalStateException("busy"));
    List<LogEntry> e = entries();
    assertThat(e.get(0).message()).isEqualTo("order o-1 placed by u-9");
    assertThat(e.get(1).message()).isEqualTo("retry 2 of 3");
    assertThat(e.get(1).errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(e.get(1).errorSignature()).isNotBlank();
  }

  @Test
  void anErrorWithAThrowableCarriesTypeStackAndSignature() {
    RuntimeException boom = new RuntimeException("card declined", new java.io.IOException("timeout"));
    log.error("payment failed", boom, Map.of("order_id", "o-1"));
    LogEntry e = only();
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.errorType()).isEqualTo("java.lang.RuntimeException");
    assertThat(e.errorStack()).contains("card declined").contains("Caused by: java.io.IOException: timeout")
        .contains("PlatformLoggerTest");
    assertThat(e.errorSignature()).isNotBlank();
    assertThat(e.data()).containsEntry("order_id", "o-1");
  }

  @Test
  void anErrorWithoutAThrowableStillGetsASignature() {
    log.error("quota exceeded for {}", "t-1");
    assertThat(only().errorSignature()).isNotBlank();
  }

  @Test
  void theFluentFormSetsTheSchemasExtraFields() {
    log.atWarn()
        .eventType("payment.retry")
        .action("checkout")
        .errorCode("PAY-42")
        .stream("events")
        .with("attempt", 3)
        .with(Map.of("gateway", "stripe"))
        .site(LogSite.of("Checkout.java", 42, "com.acme.Checkout", "pay"))
        .log("retrying {}", "o-1");
    LogEntry e = only();
    assertThat(e.message()).isEqualTo("retrying o-1");
    assertThat(e.eventType()).isEqualTo("payment.retry");
    assertThat(e.action()).isEqualTo("checkout");
    assertThat(e.errorCode()).isEqualTo("PAY-42");
    assertThat(e.stream()).isEqualTo("events");
    assertThat(e.data()).containsEntry("gateway", "stripe").containsKey("attempt");
    assertThat(e.sourceFile()).isEqualTo("Checkout.java");
    assertThat(e.sourceLine()).isEqualTo(42);
    assertThat(e.sourceClass()).isEqualTo("com.acme.Checkout");
    assertThat(e.sourceMethod()).isEqualTo("pay");
  }

  @Test
  void aFluentStatementIsLoggedOnceEvenIfLogIsCalledTwice() {
    LogStatement s = log.atInfo();
    s.log("once");
    s.log("twice");
    assertThat(entries()).extracting(LogEntry::message).containsExactly("once");
  }

  @Test
  void disabledLevelsBuildNothingAndNeverTouchTheArguments() {
    AtomicInteger toStringCalls = new AtomicInteger();
    Object arg = new Object() {
      @Override
      public String toString() {
        toStringCalls.incrementAndGet();
        return "x";
      }
    };
    PlatformLogger quiet = log.named("quiet");
    // staging: DEBUG is below the threshold
    assertThat(quiet.isDebugEnabled()).isFalse();
    quiet.debug("{}", arg);
    quiet.atDebug().with("k", arg).log("{}", arg);
    assertThat(entries()).isEmpty();
    assertThat(toStringCalls).hasValue(0);
    assertThat(quiet.atDebug()).isSameAs(log.atDebug());
  }

  @Test
  void theThreadsContextAndALoggersBoundContextAreMerged() {
    PlatformLogger requestLog =
        log.withContext(LogContext.builder().requestId("r-1").userId("bound-user").build());
    try (LogContext.Scope s =
        LogContext.with().tenantId("t-1").userId("thread-user").put("region_hint", "eu").open()) {
      requestLog.info("hello");
    }
    LogEntry e = only();
    assertThat(e.tenantId()).isEqualTo("t-1");
    assertThat(e.requestId()).isEqualTo("r-1");
    assertThat(e.userId()).as("the bound context wins").isEqualTo("bound-user");
    assertThat(e.data()).containsEntry("region_hint", "eu");
  }

  @Test
  void aMapChangedAfterTheCallDoesNotChangeTheEntry() {
    Map<String, Object> data = new HashMap<>();
    data.put("k", "before");
    log.info("m", data);
    data.put("k", "after");
    assertThat(only().data()).containsEntry("k", "before");
  }

  @Test
  void badInputNeverThrowsAndEveryEntryStillArrivesMarked() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    List<Object> cyclicList = new ArrayList<>();
    cyclicList.add(cyclicList);
    Object throwingToString = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no");
      }
    };
    char[] huge = new char[10 * 1024 * 1024];
    Arrays.fill(huge, 'x');
    String tenMegabytes = new String(huge);

    // Each call returns normally (an exception here fails the test) and yields exactly one entry.
    log.info("nul\0byte");
    log.info("lone \uD800 surrogate");
    log.info(tenMegabytes);
    log.info("cyclic", cyclic);
    log.info("cyclic list {}", cyclicList);
    log.info("throws {}", throwingToString);
    log.info("throwing value", Map.of("v", throwingToString));
    log.info(null);
    log.info(null, (Map<String, ?>) null);
    log.info("nulls {} {}", null, null);
    log.error(null, (Throwable) null);
    log.error(null, (Throwable) null, null);
    log.atInfo().with(null, null).cause(null).eventType(null).log(null);
    log.withContext(null).info("null context");
    log.info("null args", (Object[]) null);

    List<LogEntry> e = entries();
    assertThat(e).hasSize(15);
    assertThat(e.get(0).message()).doesNotContain("\0").startsWith("nul").endsWith("byte");
    assertThat(e.get(0).sanitized()).isNotEmpty();
    assertThat(e.get(1).message()).doesNotContain("\uD800").startsWith("lone ").endsWith(" surrogate");
    assertThat(e.get(1).sanitized()).isNotEmpty();
    assertThat(e.get(2).message().length()).isLessThan(100_000);
    assertThat(e.get(2).message()).startsWith("xxxx");
    assertThat(e.get(2).sanitized()).isNotEmpty();
    assertThat(e.get(3).message()).isEqualTo("cyclic");
    assertThat(e.get(3).data()).containsKey("self");
    assertThat(e.get(3).sanitized()).isNotEmpty();
    assertThat(e.get(4).message()).startsWith("cyclic list ");
    assertThat(e.get(5).message()).startsWith("throws [toString() failed");
    assertThat(e.get(5).sanitized()).contains("tostring_failed");
    assertThat(e.get(6).message()).isEqualTo("throwing value");
    assertThat(String.valueOf(e.get(6).data().get("v"))).contains("toString() failed");
    assertThat(e.get(6).sanitized()).contains("tostring_failed");
    assertThat(e.get(7).message()).isEqualTo("null");
    assertThat(e.get(8).message()).isEqualTo("null");
    assertThat(e.get(8).data()).isEmpty();
    assertThat(e.get(9).message()).isEqualTo("nulls null null");
    assertThat(e.get(10).message()).isEqualTo("null");
    assertThat(e.get(10).level()).isEqualTo(Level.ERROR);
    assertThat(e.get(10).errorType()).isNull();
    assertThat(e.get(11).message()).isEqualTo("null");
    assertThat(e.get(11).level()).isEqualTo(Level.ERROR);
    assertThat(e.get(11).data()).isEmpty();
    assertThat(e.get(12).message()).isEqualTo("null");
    assertThat(e.get(12).data()).isEmpty();
    assertThat(e.get(12).eventType()).isNull();
    assertThat(e.get(13).message()).isEqualTo("null context");
    assertThat(e.get(14).message()).isEqualTo("null args");
    for (LogEntry entry : e.subList(3, 15)) {
      if (entry != e.get(3) && entry != e.get(5) && entry != e.get(6)) {
        assertThat(entry.sanitized()).as("nothing to repair in %s", entry.message()).isEmpty();
      }
    }
    assertThat(e).extracting(LogEntry::service).containsOnly("billing");
  }

  @Test
  void aThrowableWhoseMethodsThrowStillProducesAnEntry() {
    RuntimeException nasty = new RuntimeException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("getMessage exploded");
      }

      @Override
      public String toString() {
        throw new IllegalStateException("toString exploded");
      }
    };
    long swallowedBefore = PlatformLogger.internalErrors();
    log.error("with a nasty throwable", nasty); // an exception here fails the test
    LogEntry e = only();
    assertThat(e.message()).isEqualTo("with a nasty throwable");
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.errorType()).isEqualTo(nasty.getClass().getName());
    assertThat(e.errorStack()).isEqualTo("[stack trace unavailable: java.lang.IllegalStateException]");
    assertThat(PlatformLogger.internalErrors()).as("nothing swallowed: the pipeline handled it").isEqualTo(swallowedBefore);
  }

  @Test
  void aFailureInsideALoggingCallIsCountedInsteadOfThrown() {
    java.time.Clock broken = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        throw new IllegalStateException("clock broken");
      }
    };
    try (LogPipeline p = LogPipeline.builder()
        .config(PlatformLoggerConfig.builder().service("billing").consoleEnabled(false).shutdownHook(false).build())
        .configuredSinks(false)
        .clock(broken)
        .build()) {
      PlatformLogger onBroken = PlatformLogger.on(p, "billing");
      long before = PlatformLogger.internalErrors();
      onBroken.info("not built: the clock throws");
      assertThat(PlatformLogger.internalErrors()).isEqualTo(before + 1);
      LogStatement s = onBroken.atWarn();
      s.with("k", 1).log("nor this");
      assertThat(PlatformLogger.internalErrors()).isEqualTo(before + 2);
    }
  }

  @Test
  void everyTextIsRepairedBeforeItReachesASinkSoItsJsonNeedsNoSecondPass() throws Exception {
    PlatformLogger dirty = PlatformLogger.on(pipeline, "bill\0ing").named("com.acme\0Billing");
    Thread t = new Thread(() -> dirty.atWarn()
        .with("k\0ey", "va\uD800lue")
        .action("pa\0y")
        .site(LogSite.of("Bill\0.java", 7, "com.acme.Bi\uDC00ll", "ch\0arge"))
        .log("nul\0 and lone \uD800"), "worker\0-1");
    t.start();
    t.join();

    LogEntry e = only();
    for (String text : new String[] {e.message(), e.service(), e.loggerName(), e.threadName(), e.action(),
        e.sourceFile(), e.sourceClass(), e.sourceMethod()}) {
      assertThat(text).doesNotContain("\0", "\uD800", "\uDC00").contains("\uFFFD");
    }
    assertThat(e.data()).containsOnlyKeys("k\uFFFDey").containsValue("va\uFFFDlue");
    assertThat(e.sanitized()).contains("message_nul_replaced", "logger_name_nul_replaced", "thread_name_nul_replaced",
        "service_nul_replaced", "source_class_invalid_surrogate_replaced", "key_nul_replaced");
    // The encoder trusts what the pipeline built; a copy it does not trust encodes the same.
    LogEntry untrusted = e.toBuilder().build();
    assertThat(io.platformlogger.core.json.LogEntryJson.encode(e))
        .isEqualTo(io.platformlogger.core.json.LogEntryJson.encode(untrusted));
  }
}
