package io.platformlogger.benchmarks.support;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cases measured for a loaded machine: instead of one benchmark after the other (minutes apart,
 * under whatever load the machine has then), short slices of every case alternate round after
 * round in one JVM, in an order that rotates each round so no case always runs first. Each case is
 * reported by its median rate and the median of its per-round ratios to its anchor. Driven by a
 * benchmark's main thread; the cases run on it.
 */
public final class AlternatingSlices {
  private static final int WARM_UP_ROUNDS = 3;

  /** One batch of a case; it returns when the batch is done. */
  public interface Batch {
    void run() throws Exception;
  }

  /** A case: its name in the report, the index of its anchor among the cases (its own for an anchor), its batch. */
  public record Case(String name, int anchor, Batch batch) {}

  /** The command line the mains share: {@code [batch sizes, comma-separated] [rounds, default 12] [slice ms, default 1000]}. */
  public record Settings(List<Integer> batchSizes, int rounds, long sliceMillis) {
    public static Settings parse(String[] args, String defaultSizes) {
      List<Integer> sizes = Arrays.stream((args.length > 0 ? args[0] : defaultSizes).split(",")).map(Integer::valueOf).toList();
      return new Settings(sizes, args.length > 1 ? Integer.parseInt(args[1]) : 12, args.length > 2 ? Long.parseLong(args[2]) : 1000);
    }
  }

  private AlternatingSlices() {}

  public static void printHeader() {
    System.out.printf(Locale.ROOT, "%-7s %-18s %14s %17s %12s%n", "batch", "case", "entries/s p50", "min..max", "vs anchor");
  }

  /** Warms up, runs the rounds and prints one row a case: entries/s (batches/s × batchSize). */
  public static void measure(Settings settings, int batchSize, List<Case> cases) throws Exception {
    long sliceNanos = settings.sliceMillis() * 1_000_000L;
    for (int w = 0; w < WARM_UP_ROUNDS; w++) {
      for (Case c : cases) {
        slice(c.batch(), sliceNanos);
      }
    }
    int rounds = settings.rounds();
    double[][] rates = new double[rounds][cases.size()]; // [round][case], entries/s
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < cases.size(); k++) {
        int i = (k + r) % cases.size();
        rates[r][i] = slice(cases.get(i).batch(), sliceNanos) * batchSize;
      }
    }
    for (int i = 0; i < cases.size(); i++) {
      double[] rate = new double[rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        rate[r] = rates[r][i];
        ratio[r] = rates[r][i] / rates[r][cases.get(i).anchor()];
      }
      double[] sorted = rate.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "%-7d %-18s %14.0f %8.0f..%-8.0f %11.2fx%n", batchSize, cases.get(i).name(), median(rate),
          sorted[0], sorted[rounds - 1], median(ratio));
    }
  }

  /** Batches per second over one slice. */
  private static double slice(Batch batch, long nanos) throws Exception {
    long start = System.nanoTime();
    long end = start + nanos;
    int n = 0;
    long now;
    do {
      batch.run();
      n++;
      now = System.nanoTime();
    } while (now < end);
    return n / ((now - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
