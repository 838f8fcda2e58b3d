package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLogger;

/**
 * Calls made by other threads while SLF4J is still binding this provider are queued by SLF4J
 * (substitute loggers) and replayed once it is bound: every one of them must arrive. Binding
 * happens once per JVM, so the test runs in a fresh child JVM ({@link #main}).
 */
class Slf4jInitializationReplayTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 300;
  private static final Pattern MESSAGE = Pattern.compile("\"message\":\"(w[0-9]+-[0-9]+)\"");

  /**
   * The child: the main thread starts SLF4J's initialization while worker threads, released the
   * moment it is under way, log through whatever {@code LoggerFactory} hands them. Prints how
   * many calls went through substitute loggers on stderr; the entries go to the console as JSON.
   */
  public static void main(String[] args) throws Exception {
    Field state = LoggerFactory.class.getDeclaredField("INITIALIZATION_STATE");
    state.setAccessible(true);
    Field ongoingValue = LoggerFactory.class.getDeclaredField("ONGOING_INITIALIZATION");
    ongoingValue.setAccessible(true);
    int ongoing = ongoingValue.getInt(null);
    AtomicInteger substituted = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  // Released once initialization has begun, or at once if it is already over: a
                  // worker the scheduler starts late must still log, not spin for ever waiting for
                  // a state that has passed (SLF4J's states: 0 uninitialized, 1 ongoing, then more).
                  while (state.getInt(null) < ongoing) {
                    Thread.onSpinWait();
                  }
                } catch (IllegalAccessException e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < PER_THREAD; i++) {
                  Logger log = LoggerFactory.getLogger("worker." + id + "." + (i % 10));
                  if (log instanceof SubstituteLogger) {
                    substituted.incrementAndGet();
                  }
                  log.info("w{}-{}", id, i);
                }
              },
              "worker-" + t);
      w.start();
      workers.add(w);
    }
    LoggerFactory.getILoggerFactory(); // binds the provider on this thread
    for (Thread w : workers) {
      w.join();
    }
    System.err.println("SUBSTITUTED " + substituted.get());
    System.exit(0); // the shutdown hook delivers what is still buffered
  }

  @Test
  void callsMadeWhileSlf4jIsBindingAreReplayedAndAllArrive(@TempDir Path dir) throws Exception {
    // The race is the point; a child where no worker caught the initialization proves nothing,
    // so such a run is repeated (rare: binding takes milliseconds, a call microseconds).
    for (int attempt = 1; ; attempt++) {
      Path out = dir.resolve("out-" + attempt + ".ndjson");
      Path err = dir.resolve("err-" + attempt + ".txt");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  java,
                  "-cp", System.getProperty("java.class.path"),
                  "-Dplatform-logger.service=replay-child",
                  "-Dplatform-logger.console.enabled=true",
                  "-Dplatform-logger.console.format=json",
                  "-Dplatform-logger.console.color=never",
                  "-Dplatform-logger.level=info",
                  Slf4jInitializationReplayTest.class.getName())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly(); // never leave a child spinning after the test gave up on it
        throw new AssertionError("the child JVM did not finish in 60 s: " + Files.readString(err, StandardCharsets.UTF_8));
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(stderr).isZero();
      Matcher m = Pattern.compile("SUBSTITUTED ([0-9]+)").matcher(stderr);
      assertThat(m.find()).as(stderr).isTrue();
      int substituted = Integer.parseInt(m.group(1));
      // SLF4J warns "A number (N) of logging calls ... intercepted" when it queued N > 0 for replay.
      Matcher q = Pattern.compile("A number \\(([0-9]+)\\) of logging calls").matcher(stderr);
      int queued = q.find() ? Integer.parseInt(q.group(1)) : 0;
      if ((substituted == 0 || queued == 0) && attempt < 5) {
        continue;
      }
      assertThat(substituted).as("calls that went through SLF4J's substitute loggers").isPositive();
      assertThat(queued).as("calls SLF4J queued for replay: " + stderr).isPositive();
      System.out.println("[replay] attempt " + attempt + ": " + substituted + " of " + THREADS * PER_THREAD
          + " calls went through substitute loggers");

      Set<String> arrived = new HashSet<>();
      List<String> wrongThread = new ArrayList<>();
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        Matcher e = MESSAGE.matcher(line);
        if (e.find()) {
          arrived.add(e.group(1));
          String worker = e.group(1).substring(1, e.group(1).indexOf('-'));
          if (!line.contains("\"thread_name\":\"worker-" + worker + "\"")) {
            wrongThread.add(line); // a replayed call keeps the thread that made it
          }
        }
      }
      assertThat(wrongThread).isEmpty();
      Set<String> expected = new HashSet<>();
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < PER_THREAD; i++) {
          expected.add("w" + t + "-" + i);
        }
      }
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(arrived);
      // SLF4J itself queues only what its substitute loggers recorded ("A number (N) of logging
      // calls ... intercepted"): a substitute logger that SLF4J creates after it began fixing
      // them up (a thread that read the old state an instant before) is a NOP logger for good
      // (SubstituteLogger.delegate(), SLF4J 2.0.17), so those calls never reach any provider.
      // Everything SLF4J queued and everything logged directly must arrive: at most the
      // substituted calls SLF4J did not queue may be missing.
      assertThat(missing)
          .as("entries lost (" + substituted + " calls were substituted, SLF4J queued " + queued + ")")
          .hasSizeLessThanOrEqualTo(substituted - queued);
      return;
    }
  }
}
