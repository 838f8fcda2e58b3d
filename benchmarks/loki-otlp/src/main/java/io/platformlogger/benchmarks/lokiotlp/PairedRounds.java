package io.platformlogger.benchmarks.lokiotlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entries per second of the Loki and OTLP sinks against their raw clients ({@link Cases}), for a
 * loaded machine: short slices of every case alternate round after round in one JVM, in a rotating
 * order, and the report gives each case's median rate and the median of its per-round ratios to
 * its anchor (raw Loki for the Loki cases, the raw SDK exporter for the OTLP sink).
 *
 * <p>{@code java -cp benchmarks.jar io.platformlogger.benchmarks.lokiotlp.PairedRounds [batch
 * sizes, default 100,1000] [rounds, default 12] [slice ms, default 1000]}
 */
public final class PairedRounds {
  private interface Case {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int[] sizes =
        Arrays.stream((args.length > 0 ? args[0] : "100,1000").split(",")).mapToInt(Integer::parseInt).toArray();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    long sliceNanos = (args.length > 2 ? Long.parseLong(args[2]) : 1000) * 1_000_000L;
    System.out.printf("%-7s %-18s %14s %17s %12s%n", "batch", "case", "entries/s p50", "min..max", "vs anchor");
    for (int size : sizes) {
      try (Cases c = new Cases(size)) {
        String[] names = {"rawLoki", "lokiSink", "lokiSinkEncoding", "rawOtlp", "otlpSink"};
        Case[] cases = {c::rawLoki, c::lokiSink, c::lokiSinkEncoding, c::rawOtlp, c::otlpSink};
        int[] anchor = {0, 0, 0, 3, 3};
        for (int w = 0; w < 3; w++) {
          for (Case k : cases) {
            slice(k, sliceNanos);
          }
        }
        List<double[]> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          double[] rates = new double[cases.length];
          for (int k = 0; k < cases.length; k++) {
            int i = (k + r) % cases.length;
            rates[i] = slice(cases[i], sliceNanos) * size;
          }
          perRound.add(rates);
        }
        for (int i = 0; i < cases.length; i++) {
          double[] rate = new double[rounds];
          double[] ratio = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            rate[r] = perRound.get(r)[i];
            ratio[r] = perRound.get(r)[i] / perRound.get(r)[anchor[i]];
          }
          double[] sorted = rate.clone();
          Arrays.sort(sorted);
          System.out.printf("%-7d %-18s %14.0f %8.0f..%-8.0f %11.2fx%n", size, names[i], median(rate),
              sorted[0], sorted[rounds - 1], median(ratio));
        }
      }
    }
  }

  /** Batches per second over one slice. */
  private static double slice(Case c, long nanos) throws Exception {
    long start = System.nanoTime();
    long end = start + nanos;
    int n = 0;
    long now;
    do {
      c.run();
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
