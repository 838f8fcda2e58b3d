package io.platformlogger.benchmarks.patterns;

import io.platformlogger.core.error.ErrorSignature;
import io.platformlogger.core.patterns.MinerSettings;
import io.platformlogger.core.patterns.TemplateMiner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures {@link TemplateMiner} side by side with the error-signature generalizer (grouping by
 * {@link ErrorSignature#compute} of the message alone, which hashes the generalized text) in one
 * run: grouping accuracy per labelled system, leave-one-system-out choice of the miner's settings,
 * throughput of {@code templatesOf}, the cost of crafted worst-case inputs, and the template cap
 * under a million distinct messages. Prints Markdown tables for docs/patterns.md.
 *
 * <p>Arguments: {@code --data DIR} (default {@code ../shared/data/loghub-dev} next to the
 * repository), {@code --rounds N} timed rounds per throughput figure (default 9).
 */
public final class PatternsBenchmark {
  private static final double[] SIMILARITIES = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9};
  private static final int[] MERGE_MIN_VALUES = {3, 4, 5, 8};
  private static final int[] DEPTHS = {3, 4, 5};

  private PatternsBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path data = null;
    int rounds = 9;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (known: --data DIR, --rounds N)");
      }
    }
    if (data == null) {
      data = defaultData();
    }
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("no labelled data at " + data + ": pass --data DIR (a directory of <System>/<System>_2k.log_structured.csv)");
    }
    List<LabelledLog> logs = LabelledLog.readAll(data);
    System.out.printf(Locale.ROOT, "# TemplateMiner benchmark%n%nJDK %s, %d cores, load %s, data %s%n%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), load(), data);
    accuracy(logs);
    leaveOneOut(logs);
    throughput(logs, rounds);
    worstCases();
    memory();
    System.out.printf(Locale.ROOT, "%nload at the end: %s%n", load());
  }

  // ---- grouping accuracy ----

  static void accuracy(List<LabelledLog> logs) {
    System.out.println("## Grouping accuracy (GA)\n");
    System.out.println("| system | lines | true templates | generalizer GA | miner GA | miner templates |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    double sumGeneralizer = 0;
    double sumMiner = 0;
    for (LabelledLog log : logs) {
      List<String> signatures = new ArrayList<>(log.messages().size());
      for (String m : log.messages()) {
        signatures.add(ErrorSignature.compute(null, m, null));
      }
      List<String> templates = TemplateMiner.templatesOf(log.messages());
      double g = GroupingAccuracy.of(log.eventIds(), signatures);
      double t = GroupingAccuracy.of(log.eventIds(), templates);
      sumGeneralizer += g;
      sumMiner += t;
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %d |%n", log.system(), log.messages().size(),
          log.eventIds().stream().distinct().count(), g, t, templates.stream().distinct().count());
    }
    System.out.printf(Locale.ROOT, "| **mean** | | | **%.3f** | **%.3f** | |%n%n",
        sumGeneralizer / logs.size(), sumMiner / logs.size());
    // The miner depends on the order of its input; the same lines shuffled show how much.
    StringBuilder shuffled = new StringBuilder();
    for (long seed = 1; seed <= 3; seed++) {
      double sum = 0;
      for (LabelledLog log : logs) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < log.messages().size(); i++) {
          order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<String> messages = new ArrayList<>(order.size());
        List<String> ids = new ArrayList<>(order.size());
        for (int i : order) {
          messages.add(log.messages().get(i));
          ids.add(log.eventIds().get(i));
        }
        sum += GroupingAccuracy.of(ids, TemplateMiner.templatesOf(messages));
      }
      shuffled.append(String.format(Locale.ROOT, "%s%.3f", seed == 1 ? "" : ", ", sum / logs.size()));
    }
    System.out.println("Miner mean GA with each system's lines shuffled (seeds 1, 2, 3): " + shuffled + "\n");
  }

  /**
   * For each system: the settings (similarity, mergeMinValues, depth) with the best mean GA on the
   * other systems, and the GA they reach on the held-out one. Shows how much choosing settings on
   * the visible systems flatters them.
   */
  static void leaveOneOut(List<LabelledLog> logs) {
    List<MinerSettings> grid = new ArrayList<>();
    for (double s : SIMILARITIES) {
      for (int m : MERGE_MIN_VALUES) {
        for (int d : DEPTHS) {
          MinerSettings base = MinerSettings.DEFAULTS;
          grid.add(new MinerSettings(base.maxClusters(), base.maxTokens(), s, d, base.maxChildren(), m));
        }
      }
    }
    double[][] ga = new double[grid.size()][logs.size()];
    for (int c = 0; c < grid.size(); c++) {
      for (int l = 0; l < logs.size(); l++) {
        LabelledLog log = logs.get(l);
        ga[c][l] = GroupingAccuracy.of(log.eventIds(), TemplateMiner.templatesOf(log.messages(), grid.get(c)));
      }
    }
    System.out.println("## Leave one system out\n");
    System.out.println("Settings chosen on the other systems (best mean GA over a grid of " + grid.size()
        + " settings: similarity, mergeMinValues, depth), GA on the held-out system.\n");
    System.out.println("| held out | chosen similarity / mergeMinValues / depth | held-out GA | shipped defaults GA |");
    System.out.println("|---|---|---:|---:|");
    int shipped = grid.indexOf(MinerSettings.DEFAULTS);
    double sumHeldOut = 0;
    for (int out = 0; out < logs.size(); out++) {
      int best = -1;
      double bestMean = -1;
      for (int c = 0; c < grid.size(); c++) {
        double sum = 0;
        for (int l = 0; l < logs.size(); l++) {
          if (l != out) {
            sum += ga[c][l];
          }
        }
        if (sum > bestMean + 1e-12) { // ties keep the earlier (lower) setting
          best = c;
          bestMean = sum;
        }
      }
      MinerSettings chosen = grid.get(best);
      sumHeldOut += ga[best][out];
      System.out.printf(Locale.ROOT, "| %s | %.2f / %d / %d | %.3f | %s |%n", logs.get(out).system(), chosen.similarity(),
          chosen.mergeMinValues(), chosen.depth(), ga[best][out], shipped >= 0 ? String.format(Locale.ROOT, "%.3f", ga[shipped][out]) : "-");
    }
    System.out.printf(Locale.ROOT, "| **mean** | | **%.3f** | |%n%n", sumHeldOut / logs.size());
  }

  // ---- speed ----

  static void throughput(List<LabelledLog> logs, int rounds) {
    List<String> dev = new ArrayList<>();
    logs.forEach(l -> dev.addAll(l.messages()));
    List<String> repeated = new ArrayList<>(100_000);
    while (repeated.size() < 100_000) {
      repeated.addAll(dev.subList(0, Math.min(dev.size(), 100_000 - repeated.size())));
    }
    System.out.println("## Throughput, one thread (messages/s, median of " + rounds + " rounds after 3 warm-up rounds)\n");
    System.out.println("| input | generalizer (ErrorSignature.compute) | TemplateMiner.templatesOf | ratio |");
    System.out.println("|---|---:|---:|---:|");
    for (List<String> input : List.of(dev, repeated)) {
      double[] g = new double[rounds];
      double[] m = new double[rounds];
      for (int r = -3; r < rounds; r++) {
        long t0 = System.nanoTime();
        int sink = 0;
        for (String s : input) {
          sink += ErrorSignature.compute(null, s, null).charAt(0);
        }
        long t1 = System.nanoTime();
        sink += TemplateMiner.templatesOf(input).size();
        long t2 = System.nanoTime();
        if (sink == 42) {
          System.out.print(""); // keeps the work observable
        }
        if (r >= 0) {
          g[r] = input.size() / ((t1 - t0) / 1e9);
          m[r] = input.size() / ((t2 - t1) / 1e9);
        }
      }
      double gm = median(g);
      double mm = median(m);
      System.out.printf(Locale.ROOT, "| %s (%d lines) | %,.0f | %,.0f | %.1f× |%n",
          input == dev ? "development lines" : "repeated development lines", input.size(), gm, mm, mm / gm);
    }
    System.out.println();
  }

  /** Crafted 1 000-character inputs: each call's mean and slowest time. */
  static void worstCases() {
    String[][] inputs = {
      {"digits", "7".repeat(1000)},
      {"hex", "deadbeef0123456789abcdef".repeat(42).substring(0, 1000)},
      {"digits and dots", "1.2.3.4.".repeat(125)},
      {"separators", "=:,;()[]{}|/@#&?".repeat(63).substring(0, 1000)},
      {"key=value pairs", "k1=v2,".repeat(167).substring(0, 1000)},
      {"unbalanced quotes", "'a \"b `c ".repeat(112).substring(0, 1000)},
      {"500 short tokens", "a ".repeat(500)},
      {"500 numbers", "1 ".repeat(500)},
      {"mixed id-like", "ord_8f3KsA92-".repeat(77).substring(0, 1000)},
      {"one long word", "x".repeat(1000)},
    };
    System.out.println("## Crafted 1 000-character inputs (µs per call over 2 000 calls: mean / 99th percentile / slowest)\n");
    System.out.println("The slowest single call includes whatever the machine did meanwhile (GC, other processes on a");
    System.out.println("loaded machine); the mean and 99th percentile are the cost of the input.\n");
    System.out.println("| input | generalizer mean / p99 / max | miner mean / p99 / max |");
    System.out.println("|---|---:|---:|");
    for (String[] input : inputs) {
      String s = input[1];
      double[] g = time(() -> ErrorSignature.compute(null, s, null));
      TemplateMiner miner = new TemplateMiner();
      double[] m = time(() -> miner.add(s));
      System.out.printf(Locale.ROOT, "| %s | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f |%n",
          input[0], g[0], g[1], g[2], m[0], m[1], m[2]);
    }
    System.out.println();
  }

  /** Mean, 99th percentile and slowest of 2 000 timed calls after 2 000 warm-up calls, in µs. */
  private static double[] time(Runnable call) {
    for (int i = 0; i < 2_000; i++) {
      call.run();
    }
    long[] t = new long[2_000];
    long total = 0;
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      call.run();
      t[i] = System.nanoTime() - t0;
      total += t[i];
    }
    Arrays.sort(t);
    return new double[] {total / t.length / 1e3, t[t.length * 99 / 100] / 1e3, t[t.length - 1] / 1e3};
  }

  /** A million distinct random messages through one miner with the default cap. */
  static void memory() {
    TemplateMiner miner = new TemplateMiner();
    Random random = new Random(1);
    int maxSize = 0;
    long t0 = System.nanoTime();
    StringBuilder sb = new StringBuilder(120);
    for (int i = 0; i < 1_000_000; i++) {
      sb.setLength(0);
      int words = 1 + random.nextInt(16);
      for (int w = 0; w < words; w++) {
        int len = 2 + random.nextInt(9);
        for (int c = 0; c < len; c++) {
          sb.append((char) ('a' + random.nextInt(26)));
        }
        sb.append(random.nextInt(4) == 0 ? " " + i + " " : " ");
      }
      miner.add(sb.toString());
      if ((i & 0xfff) == 0) {
        maxSize = Math.max(maxSize, miner.size());
      }
    }
    long t1 = System.nanoTime();
    maxSize = Math.max(maxSize, miner.size());
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    System.out.println("## One million distinct random messages, one miner, default settings\n");
    System.out.printf(Locale.ROOT, "cap %,d templates; largest size seen %,d; %,.0f messages/s; heap in use after GC %,d MB (the whole JVM)%n",
        miner.settings().maxClusters(), maxSize, 1_000_000 / ((t1 - t0) / 1e9), used >> 20);
    if (maxSize > miner.settings().maxClusters()) {
      throw new AssertionError("the miner grew past its cap: " + maxSize);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** ../shared/data/loghub-dev next to the repository holding the working directory. */
  private static Path defaultData() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("platform-logger-core"))) {
        return p.resolve("../shared/data/loghub-dev").normalize();
      }
    }
    return dir.resolve("../shared/data/loghub-dev").normalize();
  }
}
