package io.platformlogger.core.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.sink.LogSink;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The helpers the rewritten bytecode calls, called directly as that bytecode does. */
class SiteCallsTest {
  private static final LogSite SITE = LogSite.of("Checkout.java", 42, "com.acme.Checkout", "pay");

  private final List<LogEntry> stored = Collections.synchronizedList(new ArrayList<>());
  private LogPipeline pipeline;
  private LogPipeline previous;

  @BeforeEach
  void install() {
    LogSink sink = new LogSink() {
      @Override
      public String name() {
        return "collecting";
      }

      @Override
      public void write(List<LogEntry> batch) {
        stored.addAll(batch);
      }

      @Override
      public void close() {}
    };
    pipeline = LogPipeline.builder()
        .config(PlatformLoggerConfig.builder().service("checkout").environment(Environment.DEVELOPMENT)
            .level(Level.INFO).consoleEnabled(false).shutdownHook(false).build())
        .configuredSinks(false)
        .sink(sink, Level.TRACE)
        .build();
    previous = PlatformLoggers.install(pipeline);
  }

  @AfterEach
  void restore() {
    PlatformLoggers.install(previous);
    pipeline.close(Duration.ofSeconds(5));
  }

  private List<LogEntry> entries() {
    assertThat(pipeline.flush(Duration.ofSeconds(20))).isTrue();
    return new ArrayList<>(stored);
  }

  private static void assertAtSite(LogEntry e) {
    assertThat(e.sourceFile()).isEqualTo("Checkout.java");
    assertThat(e.sourceLine()).isEqualTo(42);
    assertThat(e.sourceClass()).isEqualTo("com.acme.Checkout");
    assertThat(e.sourceMethod()).isEqualTo("pay");
  }

  @Test
  void slf4jCallsOnOurLoggerCarryTheSiteAndHandleArgumentsAsThePlainCallDoes() {
    Logger log = LoggerFactory.getLogger("checkout");
    Slf4jCalls.warn(log, "failed {}", "o-1", new IllegalStateException("boom"), SITE);
    Slf4jCalls.info(log, "paid {} {} {}", new Object[] {1, 2, new IllegalArgumentException("x")}, SITE);
    Slf4jCalls.info(log, "one {}", new IllegalStateException("kept as argument"), SITE);
    Slf4jCalls.debug(log, "below the threshold", SITE);
    log.info("one {}", new IllegalStateException("kept as argument")); // the same call, not rewritten

    List<LogEntry> e = entries();
    assertThat(e).extracting(LogEntry::message).containsExactly("failed o-1", "paid 1 2 {}", "one {}", "one {}");
    assertThat(e).extracting(LogEntry::errorType).containsExactly("java.lang.IllegalStateException",
        "java.lang.IllegalArgumentException", "java.lang.IllegalStateException", "java.lang.IllegalStateException");
    e.subList(0, 3).forEach(SiteCallsTest::assertAtSite);
    assertThat(e.get(3).sourceLine()).isNull();
  }

  @Test
  void theFluentApiOfOurLoggerCarriesTheSite() {
    Logger log = LoggerFactory.getLogger("checkout");
    FluentCalls.log(log.atInfo().addKeyValue("order_id", "o-1"), "paid", SITE);
    FluentCalls.log(log.atDebug(), "disabled level: the no-op builder", SITE);

    List<LogEntry> e = entries();
    assertThat(e).hasSize(1);
    assertThat(e.get(0).data()).containsEntry("order_id", "o-1");
    assertAtSite(e.get(0));
  }

  @Test
  void platformLoggerCallsCarryTheSite() {
    PlatformLogger log = PlatformLoggers.createLogger("checkout");
    PlatformLoggerCalls.error(log, "payment failed", new RuntimeException("x"), Map.of("order_id", "o-1"), SITE);
    PlatformLoggerCalls.atWarn(log, SITE).with("attempt", 3).log("retrying");

    List<LogEntry> e = entries();
    assertThat(e).extracting(LogEntry::message).containsExactly("payment failed", "retrying");
    e.forEach(SiteCallsTest::assertAtSite);
  }

  @Test
  void anyOtherProvidersLoggerGetsThePlainCall() {
    List<String> calls = new ArrayList<>();
    Logger other = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
          calls.add(method.getName() + Arrays.toString(args));
          return method.getReturnType() == boolean.class ? true : null;
        });

    Slf4jCalls.error(other, "failed {}", "o-1", SITE);
    Slf4jCalls.info(other, "many {} {} {}", new Object[] {1, 2, 3}, SITE);

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).isEqualTo("error[failed {}, o-1]");
    assertThat(calls.get(1)).startsWith("info[many {} {} {}, [Ljava.lang.Object;");
  }

  @Test
  void theBootstrapMakesTheSiteFromTheConstantsArguments() {
    LogSite site = LogSites.site(MethodHandles.lookup(), "site", LogSite.class, "Checkout.java", 42, "com.acme.Checkout", "pay");
    assertThat(site).isEqualTo(SITE);
    assertThat(site.toString()).isEqualTo("com.acme.Checkout.pay(Checkout.java:42)");
  }
}
