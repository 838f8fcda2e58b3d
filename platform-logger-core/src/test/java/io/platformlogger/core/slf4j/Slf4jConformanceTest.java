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
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Where SLF4J's contract has corners: typed argument arrays, bridges that pass a caller boundary
 * (a real jcl-over-slf4j jar), and the opt-in runtime caller lookup ({@code location.runtime}).
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
    assertThat(entries()).extracting(LogEntry::sourceClass).containsExactly(null, null);
  }
}
