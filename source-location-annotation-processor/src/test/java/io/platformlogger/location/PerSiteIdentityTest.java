package io.platformlogger.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.error.ErrorSignature;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.testkit.InMemorySink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "One constant per call site": the same call yields the same {@link LogSite} instance every time,
 * different calls (even on one line) yield different ones, and the per-site features (rate
 * limiting, the error signature of an ERROR without a throwable) tell sites apart by it.
 */
class PerSiteIdentityTest {
  private static final String FIXTURE = "sites/Sites.java";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static Fixtures.Compiled rewritten;
  static Fixtures.Compiled plain;
  static Map<String, Integer> lines;

  @BeforeAll
  static void compileTheFixtureWithAndWithoutTheProcessor() {
    rewritten = Fixtures.javac(dir.resolve("rewritten"), List.of(FIXTURE), List.of(), List.of(new LocationProcessor()));
    assertThat(rewritten.success).as(rewritten.diagnostics).isTrue();
    assertThat(rewritten.diagnostics).doesNotContain("platform-logger source locations");
    plain = Fixtures.javac(dir.resolve("plain"), List.of(FIXTURE), List.of(), List.of());
    assertThat(plain.success).as(plain.diagnostics).isTrue();
    lines = Fixtures.siteLines(FIXTURE);
  }

  /** Calls the static method {@code method} of the loaded fixture class. */
  private static void call(Class<?> sites, String method, Object... args) throws Exception {
    for (Method m : sites.getMethods()) {
      if (m.getName().equals(method)) {
        try {
          m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw new AssertionError(method + " threw", e.getCause());
        }
        return;
      }
    }
    throw new AssertionError("no method " + method);
  }

  /** The fixture class in a fresh class loader: its call sites' constants are not resolved yet. */
  private static Class<?> load(Fixtures.Compiled c) throws ClassNotFoundException {
    return c.loader().loadClass("sites.Sites");
  }

  private static int distinctInstances(List<LogSite> sites) {
    Set<LogSite> byIdentity = Collections.newSetFromMap(new IdentityHashMap<>());
    byIdentity.addAll(sites);
    return byIdentity.size();
  }

  @Test
  void oneCallSiteRunManyTimesHandsOverTheSameLogSiteInstanceEveryTime() throws Exception {
    SiteRecordingLogger log = new SiteRecordingLogger();
    Class<?> sites = load(rewritten);

    call(sites, "repeat", log, 1000);
    call(sites, "repeat", log, 10);

    List<LogSite> seen = log.sites();
    assertThat(seen).hasSize(1010).doesNotContainNull();
    LogSite first = seen.get(0);
    assertThat(seen).allSatisfy(s -> assertThat(s).isSameAs(first));
    assertThat(first.sourceFile()).isEqualTo("Sites.java");
    assertThat(first.sourceLine()).isEqualTo(lines.get("repeat"));
    assertThat(first.sourceClass()).isEqualTo("sites.Sites");
    assertThat(first.sourceMethod()).isEqualTo("repeat");
  }

  @Test
  void threadsRacingToTheFirstRunOfASiteAllGetTheSameInstance() throws Exception {
    // A fresh class loader: the site's constant is not resolved yet when the threads start.
    Class<?> sites = load(rewritten);
    SiteRecordingLogger log = new SiteRecordingLogger();
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          call(sites, "repeat", log, 100);
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failures).isEmpty();
    assertThat(log.sites()).hasSize(400).doesNotContainNull();
    assertThat(distinctInstances(log.sites())).isEqualTo(1);
  }

  @Test
  void twoCallsOnOneLineAreTwoSitesThatDescribeTheSamePlace() throws Exception {
    SiteRecordingLogger log = new SiteRecordingLogger();

    call(load(rewritten), "twoOnOneLine", log, 3);

    List<LogSite> seen = log.sites();
    assertThat(seen).hasSize(6).doesNotContainNull();
    LogSite left = seen.get(0);
    LogSite right = seen.get(1);
    assertThat(right).isNotSameAs(left).isEqualTo(left);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)).isSameAs(i % 2 == 0 ? left : right);
    }
    assertThat(left.sourceLine()).isEqualTo(lines.get("pair"));
  }

  @Test
  void twoSitesWithTheSameLoggerAndTemplateHaveDifferentInstancesAndPlaces() throws Exception {
    SiteRecordingLogger log = new SiteRecordingLogger();
    Class<?> sites = load(rewritten);

    call(sites, "floodHere", log, 1);
    call(sites, "floodThere", log, 1);

    LogSite here = log.sites().get(0);
    LogSite there = log.sites().get(1);
    assertThat(there).isNotSameAs(here).isNotEqualTo(here);
    assertThat(here.sourceLine()).isEqualTo(lines.get("flood-here"));
    assertThat(there.sourceLine()).isEqualTo(lines.get("flood-there"));
  }

  @Test
  void aCallInAFinallyBlockIsOneSitePerCopyThatJavacCompiles() throws Exception {
    SiteRecordingLogger log = new SiteRecordingLogger();
    Class<?> sites = load(rewritten);

    call(sites, "withFinally", log, false);
    call(sites, "withFinally", log, false);
    call(sites, "withFinally", log, true);

    List<LogSite> seen = log.sites();
    assertThat(seen).hasSize(4).doesNotContainNull();
    LogSite normalPath = seen.get(0);
    LogSite afterCatch = seen.get(3);
    assertThat(seen.get(1)).isSameAs(normalPath);
    assertThat(seen.get(2).sourceLine()).isEqualTo(lines.get("catch"));
    // Same place, same line; a different copy of the finally block, so a different site.
    assertThat(afterCatch).isNotSameAs(normalPath).isEqualTo(normalPath);
    assertThat(normalPath.sourceLine()).isEqualTo(lines.get("finally"));
  }

  @Test
  void withoutTheProcessorNoCallCarriesASite() throws Exception {
    SiteRecordingLogger log = new SiteRecordingLogger();

    call(load(plain), "repeat", log, 3);

    assertThat(log.sites()).hasSize(3).containsOnlyNulls();
  }

  // --- what the per-site features make of it, through a real pipeline

  /** Runs {@code body} with a capturing pipeline (rate limit per site when max > 0) installed. */
  private static List<LogEntry> logged(int maxPerSite, PipelineBody body) throws Exception {
    PlatformLoggerConfig.Builder config =
        PlatformLoggerConfig.builder()
            .service("test")
            .environment(Environment.DEVELOPMENT)
            .level(Level.TRACE)
            .consoleEnabled(false)
            .shutdownHook(false);
    if (maxPerSite > 0) {
      // A window far longer than the test: which entries get through never depends on timing.
      config.rateLimit(maxPerSite, Duration.ofDays(1));
    }
    InMemorySink sink = new InMemorySink();
    LogPipeline pipeline =
        LogPipeline.builder().config(config.build()).configuredSinks(false).sink(sink, Level.TRACE).build();
    LogPipeline previous = PlatformLoggers.install(pipeline);
    try {
      body.run(pipeline);
      assertThat(pipeline.flush(WAIT)).as("flushed within %s", WAIT).isTrue();
      return sink.entries();
    } finally {
      PlatformLoggers.install(previous);
      pipeline.close(WAIT);
    }
  }

  interface PipelineBody {
    void run(LogPipeline pipeline) throws Exception;
  }

  private static List<String> messages(List<LogEntry> entries) {
    return entries.stream().map(LogEntry::message).collect(Collectors.toList());
  }

  @Test
  void theRateLimitLimitsOneSiteWithoutLimitingAnotherThatSharesItsLoggerAndTemplate() throws Exception {
    Logger log = LoggerFactory.getLogger("sites");
    Class<?> sites = load(rewritten);
    List<LogEntry> entries = logged(2, p -> {
      call(sites, "floodHere", log, 5);
      call(sites, "floodThere", log, 5);
      assertThat(p.stats().rateLimited()).isEqualTo(6);
    });

    assertThat(messages(entries)).containsExactly("flood 0", "flood 1", "flood 0", "flood 1");
    assertThat(entries).extracting(LogEntry::sourceLine).containsExactly(
        lines.get("flood-here"), lines.get("flood-here"), lines.get("flood-there"), lines.get("flood-there"));
  }

  @Test
  void withoutTheProcessorTheSameTwoPlacesShareOneLimit() throws Exception {
    Logger log = LoggerFactory.getLogger("sites");
    Class<?> sites = load(plain);
    List<LogEntry> entries = logged(2, p -> {
      call(sites, "floodHere", log, 5);
      call(sites, "floodThere", log, 5);
    });

    assertThat(messages(entries)).containsExactly("flood 0", "flood 1");
  }

  @Test
  void twoCallsOnOneLineAreLimitedSeparately() throws Exception {
    Logger log = LoggerFactory.getLogger("sites");
    Class<?> sites = load(rewritten);
    List<LogEntry> entries = logged(2, p -> call(sites, "twoOnOneLine", log, 5));

    assertThat(messages(entries)).containsExactly("pair 0", "pair 0", "pair 1", "pair 1");
  }

  @Test
  void platformLoggerCallsAreLimitedPerSiteToo() throws Exception {
    Class<?> sites = load(rewritten);
    List<LogEntry> entries = logged(2, p -> {
      PlatformLogger log = PlatformLogger.on(p, "sites");
      call(sites, "platformFloodHere", log, 5);
      call(sites, "platformFloodThere", log, 5);
    });

    assertThat(entries).extracting(LogEntry::sourceLine).containsExactly(
        lines.get("platform-flood-here"), lines.get("platform-flood-here"),
        lines.get("platform-flood-there"), lines.get("platform-flood-there"));
  }

  @Test
  void anErrorWithoutAThrowableIsSignedWithItsSiteSoTheSameMessageInTwoPlacesIsTwoGroups() throws Exception {
    Logger log = LoggerFactory.getLogger("sites");
    Class<?> sites = load(rewritten);
    List<LogEntry> entries = logged(0, p -> {
      call(sites, "chargeFailed", log, "o-1");
      call(sites, "chargeFailed", log, "o-2");
      call(sites, "refundFailed", log, "o-3");
    });

    assertThat(entries).hasSize(3).allSatisfy(e -> assertThat(e.errorType()).isNull());
    String charge = entries.get(0).errorSignature();
    String refund = entries.get(2).errorSignature();
    assertThat(entries.get(1).errorSignature()).isEqualTo(charge);
    assertThat(refund).isNotEqualTo(charge);
    assertThat(charge).isEqualTo(signatureAt("chargeFailed", "charge"));
    assertThat(refund).isEqualTo(signatureAt("refundFailed", "refund"));
  }

  @Test
  void withoutTheProcessorTheSameMessageInTwoPlacesIsOneGroup() throws Exception {
    Logger log = LoggerFactory.getLogger("sites");
    Class<?> sites = load(plain);
    List<LogEntry> entries = logged(0, p -> {
      call(sites, "chargeFailed", log, "o-1");
      call(sites, "refundFailed", log, "o-3");
    });

    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).errorSignature())
        .isEqualTo(entries.get(1).errorSignature())
        .isEqualTo(ErrorSignature.compute(null, "sites: payment failed for {}", null));
  }

  /** The signature the pipeline documents for an ERROR without a throwable logged at a site. */
  private static String signatureAt(String method, String site) {
    StackTraceElement frame = new StackTraceElement("sites.Sites", method, "Sites.java", lines.get(site));
    return ErrorSignature.compute(null, "sites: payment failed for {}", new StackTraceElement[] {frame});
  }
}
