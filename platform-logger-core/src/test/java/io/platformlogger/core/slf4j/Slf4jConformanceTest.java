package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Where SLF4J's contract has corners: typed argument arrays, bridges that pass a caller boundary
 * (real jcl-over-slf4j, jul-to-slf4j and log4j-to-slf4j jars), and the opt-in runtime caller
 * lookup ({@code location.runtime}).
 */
class Slf4jConformanceTest {
  private final List<LogPipeline> built = new ArrayList<>();
  private LogPipeline previous;
  private final PlatformSlf4jLoggerTest.Collecting sink = new PlatformSlf4jLoggerTest.Collecting();
  private LogPipeline pipeline;

  private void install(boolean locationRuntime) {
    pipeline =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .service("orders")
                    .environment(Environment.DEVELOPMENT)
                    .level(Level.TRACE)
                    .consoleEnabled(false)
                    .shutdownHook(false)
                    .locationRuntime(locationRuntime)
                    .build())
            .configuredSinks(false)
            .sink(sink, Level.TRACE)
            .build();
    built.add(pipeline);
    previous = PlatformLoggers.install(pipeline);
  }

  @AfterEach
  void restore() {
    PlatformLoggers.install(previous);
    built.forEach(p -> p.close(Duration.ofSeconds(5)));
  }

  /** The line of the statement that calls this. */
  private static int here() {
    return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
  }

  private List<LogEntry> entries() {
    assertThat(pipeline.flush(Duration.ofSeconds(20))).isTrue();
    return sink.snapshot();
  }

  @Test
  void aTypedArrayAsTheArgumentsFormatsAsSlf4jDoes() {
    install(false);
    Logger log = LoggerFactory.getLogger("com.acme.Arrays");
    Integer[] numbers = {1, 2};
    log.info("{} {}", (Object[]) numbers);
    log.info("{} and {} of {}", new String[] {"a", "b", "c"});
    log.info("nested {} {}", new Object[] {new int[] {1, 2}, new Integer[] {3}});

    assertThat(entries()).extracting(LogEntry::message)
        .containsExactly(
            MessageFormatter.arrayFormat("{} {}", numbers).getMessage(),
            "a and b of c",
            MessageFormatter.arrayFormat("nested {} {}", new Object[] {new int[] {1, 2}, new Integer[] {3}}).getMessage());
    assertThat(entries().get(0).message()).isEqualTo("1 2");
    assertThat(entries()).allSatisfy(e -> assertThat(e.sanitized()).doesNotContain("entry_build_failed"));
  }

  @Test
  void ourLoggerIsLocationAwareSoBridgesPassTheirCallerBoundary() {
    install(true);
    assertThat(LoggerFactory.getLogger("com.acme.Bridge")).isInstanceOf(LocationAwareLogger.class);
    Log jcl = LogFactory.getLog("com.acme.Bridge");
    jcl.info("through commons-logging {}", new IllegalStateException("boom")); int line = here();

    LogEntry e = entries().get(0);
    assertThat(e.message()).isEqualTo("through commons-logging {}");
    assertThat(e.errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(e.loggerName()).isEqualTo("com.acme.Bridge");
    assertThat(e.sourceClass()).isEqualTo(Slf4jConformanceTest.class.getName());
    assertThat(e.sourceMethod()).isEqualTo("ourLoggerIsLocationAwareSoBridgesPassTheirCallerBoundary");
    assertThat(e.sourceFile()).isEqualTo("Slf4jConformanceTest.java");
    assertThat(e.sourceLine()).isEqualTo(line);
  }

  /** Routes java.util.logging to SLF4J for the test, as an application does, and back. */
  private static <T extends Throwable> void throughJul(ThrowingRunnable<T> calls) throws T {
    java.util.logging.Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
    java.util.logging.Handler[] handlers = root.getHandlers();
    java.util.logging.Level rootLevel = root.getLevel();
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    root.setLevel(java.util.logging.Level.ALL);
    try {
      calls.run();
    } finally {
      SLF4JBridgeHandler.uninstall();
      root.setLevel(rootLevel);
      for (java.util.logging.Handler h : handlers) {
        root.addHandler(h);
      }
    }
  }

  private interface ThrowingRunnable<T extends Throwable> {
    void run() throws T;
  }

  @Test
  void julThroughSlf4jBridgeHandlerKeepsLevelMessageErrorAndTheCallersLocation() {
    install(true);
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("com.acme.Jul");
    int[] lines = new int[3];
    throughJul(() -> {
      jul.fine("fine detail"); lines[0] = here();
      jul.log(java.util.logging.Level.WARNING, "order {0} late by {1} s", new Object[] {7, 30}); lines[1] = here();
      jul.log(java.util.logging.Level.SEVERE, "payment failed", new IllegalStateException("declined")); lines[2] = here();
    });

    List<LogEntry> e = entries();
    assertThat(e).extracting(LogEntry::level).containsExactly(Level.DEBUG, Level.WARN, Level.ERROR);
    assertThat(e).extracting(LogEntry::message).containsExactly("fine detail", "order 7 late by 30 s", "payment failed");
    assertThat(e).extracting(LogEntry::loggerName).containsOnly("com.acme.Jul");
    assertThat(e.get(0).errorType()).isNull();
    assertThat(e.get(2).errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(e.get(2).errorStack()).contains("declined");
    assertThat(e).extracting(LogEntry::sourceClass).containsOnly(Slf4jConformanceTest.class.getName());
    assertThat(e).extracting(LogEntry::sourceMethod).allSatisfy(m -> assertThat(m).startsWith("lambda$julThroughSlf4jBridgeHandler"));
    assertThat(e).extracting(LogEntry::sourceFile).containsOnly("Slf4jConformanceTest.java");
    assertThat(e).extracting(LogEntry::sourceLine).containsExactly(lines[0], lines[1], lines[2]);
  }

  @Test
  void log4jApiThroughLog4jToSlf4jKeepsLevelMessageErrorAndTheCallersLocation() {
    install(true);
    org.apache.logging.log4j.Logger log4j = org.apache.logging.log4j.LogManager.getLogger("com.acme.Log4j");
    log4j.debug("order {} packed", 7); int debug = here();
    log4j.warn("order {} late by {} s", 7, 30); int warn = here();
    log4j.error("payment failed", new IllegalStateException("declined")); int error = here();
    log4j.atInfo().log("fluent {}", "call"); int fluent = here();

    List<LogEntry> e = entries();
    assertThat(e).extracting(LogEntry::level).containsExactly(Level.DEBUG, Level.WARN, Level.ERROR, Level.INFO);
    assertThat(e).extracting(LogEntry::message)
        .containsExactly("order 7 packed", "order 7 late by 30 s", "payment failed", "fluent call");
    assertThat(e).extracting(LogEntry::loggerName).containsOnly("com.acme.Log4j");
    assertThat(e.get(1).errorType()).isNull();
    assertThat(e.get(2).errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(e.get(2).errorStack()).contains("declined");
    assertThat(e).extracting(LogEntry::sourceClass).containsOnly(Slf4jConformanceTest.class.getName());
    assertThat(e).extracting(LogEntry::sourceMethod).containsOnly("log4jApiThroughLog4jToSlf4jKeepsLevelMessageErrorAndTheCallersLocation");
    assertThat(e).extracting(LogEntry::sourceLine).containsExactly(debug, warn, error, fluent);
  }

  @Test
  void theRuntimeLookupFindsTheCallerOfClassicAndFluentCalls() {
    install(true);
    Logger log = LoggerFactory.getLogger("com.acme.Runtime");
    log.info("classic {}", 1); int classic = here();
    log.atWarn().addKeyValue("k", "v").log("fluent"); int fluent = here();

    List<LogEntry> e = entries();
    assertThat(e).extracting(LogEntry::sourceClass).containsOnly(Slf4jConformanceTest.class.getName());
    assertThat(e).extracting(LogEntry::sourceMethod).containsOnly("theRuntimeLookupFindsTheCallerOfClassicAndFluentCalls");
    assertThat(e).extracting(LogEntry::sourceLine).containsExactly(classic, fluent);
  }

  @Test
  void withoutTheRuntimeLookupNoStackIsWalkedAndNoSiteGuessed() {
    install(false);
    LoggerFactory.getLogger("com.acme.Runtime").info("classic");
    LogFactory.getLog("com.acme.Bridge").warn("bridged");
    throughJul(() -> java.util.logging.Logger.getLogger("com.acme.Jul").info("bridged from jul"));
    org.apache.logging.log4j.LogManager.getLogger("com.acme.Log4j").info("bridged from log4j");
    assertThat(entries()).extracting(LogEntry::message)
        .containsExactly("classic", "bridged", "bridged from jul", "bridged from log4j");
    assertThat(entries()).extracting(LogEntry::sourceClass).containsExactly(null, null, null, null);
  }
}
