package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes against the spool: a child JVM killed with SIGKILL at a random moment, two
 * processes on one directory, and a process that may not grow its files (ulimit -f), which makes
 * every spool write fail as on a full disk.
 */
class SpoolFaultTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> childCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:-UsePerfData", "-Xmx128m", "-cp",
        System.getProperty("java.class.path"), SpoolChild.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Starts a child whose stdout lines arrive in {@code lines}; stderr is kept in a file. */
  private Process start(List<String> command, BlockingQueue<String> lines) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(tmp.resolve("child-" + children.size() + ".err").toFile());
    Process p = pb.start();
    children.add(p);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the child died
      }
    }, "child-stdout");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private String stderrOf(int child) throws IOException {
    return Files.readString(tmp.resolve("child-" + child + ".err"));
  }

  private static String next(BlockingQueue<String> lines) throws InterruptedException {
    String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("the child said nothing for " + WAIT);
    }
    return line;
  }

  /** Runs the child until it has acknowledged {@code acks} ERROR calls, then SIGKILLs it; returns the acknowledged numbers. */
  private List<Integer> runAndKill(Path spool, Path out, boolean sinkDown, int acks) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process child = start(childCommand("log", spool.toString(), out.toString(), Boolean.toString(sinkDown)), lines);
    assertThat(next(lines)).isEqualTo("READY");
    List<Integer> acked = new ArrayList<>();
    while (acked.size() < acks) {
      String line = next(lines);
      if (line.startsWith("ACK ")) {
        acked.add(Integer.parseInt(line.substring(4)));
      }
    }
    child.destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String line;
    while ((line = lines.poll()) != null) {
      if (line.startsWith("ACK ")) {
        acked.add(Integer.parseInt(line.substring(4)));
      }
    }
    return acked;
  }

  /** Delivers what the dead child left in the spool, in this JVM, to {@code out}. */
  private static LogPipeline recover(Path spool, Path out) {
    LogPipeline p = LogPipeline.builder().config(SpoolChild.config(spool, false).build()).configuredSinks(false)
        .sink(new FileSink("store", out, 100)).build();
    assertThat(p.flush(WAIT)).isTrue();
    return p;
  }

  private static List<Integer> numbers(Path file) throws IOException {
    List<Integer> n = new ArrayList<>();
    for (LogEntry e : FileSink.read(file)) {
      if (e.message().startsWith("n")) {
        n.add(Integer.parseInt(e.message().substring(1)));
      }
    }
    return n;
  }

  @Test
  void afterKillNineANewProcessDeliversEverythingSpooledOnceAndEveryAcknowledgedError() throws Exception {
    Path spool = tmp.resolve("spool");
    int acks = ThreadLocalRandom.current().nextInt(20, 200); // a random moment: 500 to 5000 entries in
    List<Integer> acked = runAndKill(spool, tmp.resolve("child.ndjson"), true, acks);

    LogPipeline p = recover(spool, tmp.resolve("recovered.ndjson"));
    List<Integer> got = numbers(tmp.resolve("recovered.ndjson"));
    p.close();
    int last = got.isEmpty() ? -1 : got.get(got.size() - 1);
    System.out.printf("kill -9 with the sink down: %d entries acknowledged up to n%d, %d recovered (n0..n%d)%n",
        acked.size(), acked.get(acked.size() - 1), got.size(), last);
    List<Integer> prefix = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      prefix.add(i);
    }
    // In order, none twice, nothing missing before the last one: only a tail not yet spooled is lost.
    assertThat(got).isEqualTo(prefix);
    assertThat(got).containsAll(acked);
    assertThat(p.stats().sink("store").replayed()).isEqualTo(got.size());
    assertThat(p.stats().sink("store").shedByReason()).doesNotContainKey("spool_corrupt");
  }

  @Test
  void afterKillNineWithALiveSinkOnlyTheBatchInFlightCanBeStoredTwice() throws Exception {
    Path spool = tmp.resolve("spool");
    int acks = ThreadLocalRandom.current().nextInt(20, 200);
    List<Integer> acked = runAndKill(spool, tmp.resolve("child.ndjson"), false, acks);
    List<Integer> before = numbers(tmp.resolve("child.ndjson"));

    LogPipeline p = recover(spool, tmp.resolve("recovered.ndjson"));
    p.close();
    List<Integer> after = numbers(tmp.resolve("recovered.ndjson"));
    List<Integer> all = new ArrayList<>(before);
    all.addAll(after);
    int last = all.stream().mapToInt(Integer::intValue).max().orElse(-1);
    Map<Integer, AtomicInteger> counts = new HashMap<>();
    all.forEach(n -> counts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet());
    long twice = counts.values().stream().filter(c -> c.get() > 1).count();
    System.out.printf("kill -9 with a live sink: %d stored before the kill, %d after recovery, %d stored twice%n",
        before.size(), after.size(), twice);
    for (int i = 0; i <= last; i++) {
      assertThat(counts).as("n%d is stored", i).containsKey(i);
    }
    assertThat(counts.values()).allMatch(c -> c.get() <= 2);
    assertThat(twice).as("entries stored twice (the sink's maximum batch is 100)").isLessThanOrEqualTo(100);
    assertThat(counts.keySet()).containsAll(acked);
    assertThat(before).isSorted();
    assertThat(after).isSorted();
  }

  @Test
  void aSecondProcessOnTheSameSpoolDirectoryRunsInMemoryAndSaysWhy() throws Exception {
    Path spool = tmp.resolve("spool");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process holder = start(childCommand("hold", spool.toString()), lines);
    assertThat(next(lines)).isEqualTo("READY on");

    Path out = tmp.resolve("second.ndjson");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    LogPipeline p = LogPipeline.builder().config(SpoolChild.config(spool, false).build()).configuredSinks(false)
        .sink(new FileSink("store", out, 100))
        .fallbackOutput(new java.io.PrintStream(err, true, StandardCharsets.UTF_8)).build();
    PlatformLogger.on(p, "second").info("still delivered");
    assertThat(p.flush(WAIT)).isTrue();
    p.close();
    assertThat(numbersOrMessages(out)).containsExactly("still delivered");
    assertThat(p.stats().spool().state()).startsWith("memory-only: ").contains(spool.toAbsolutePath().toString())
        .contains("in use by another process").contains("give each process its own spool.dir");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("continuing in memory only");
    holder.destroyForcibly().waitFor();

    LogPipeline third = LogPipeline.builder().config(SpoolChild.config(spool, false).build()).configuredSinks(false)
        .sink(new FileSink("store", tmp.resolve("third.ndjson"), 100)).build();
    assertThat(third.stats().spool().state()).as("the lock dies with its process").isEqualTo("on");
    third.close();
  }

  private static List<String> numbersOrMessages(Path file) throws IOException {
    return FileSink.read(file).stream().map(LogEntry::message).toList();
  }

  @Test
  void whenTheDiskRefusesWritesTheProcessSaysSoDeliversEverythingAndSpoolsAgainOnceItCan() throws Exception {
    Path spool = tmp.resolve("spool");
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -f 48 && exec \"$@\"", "child"));
    cmd.addAll(childCommand("disk-full", spool.toString()));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process child = start(cmd, lines);
    String line = next(lines);
    assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String err = stderrOf(0);
    assertThat(line).as("stderr: %s", err).startsWith("DELIVERED 3000 SHED 0 SPOOLED ");
    String[] words = line.split(" ");
    long beforeRetry = Long.parseLong(words[5]);
    long total = Long.parseLong(words[7]);
    assertThat(beforeRetry).as("the first segment took some entries: %s", line).isPositive().isLessThan(1500);
    assertThat(total).as("after the retry a new segment took more: %s", line).isGreaterThan(beforeRetry);
    assertThat(Long.parseLong(words[9])).as("recoveries: %s", line).isPositive();
    assertThat(err).contains("File too large").contains("is writable again");
  }
}
