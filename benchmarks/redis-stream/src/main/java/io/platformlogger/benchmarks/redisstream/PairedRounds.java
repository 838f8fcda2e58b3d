package io.platformlogger.benchmarks.redisstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Main-driven companion of {@link RedisStreamThroughput} for a loaded machine: instead of one
 * benchmark after the other (minutes apart, under whatever load the machine has then), it
 * alternates short slices of the three cases round after round in one JVM and reports the median
 * of the per-round ratios to the raw-XADD anchor.
 *
 * <p>{@code java -cp benchmarks.jar io.platformlogger.benchmarks.redisstream.PairedRounds [batch
 * sizes, default 50,500] [rounds, default 12] [slice ms, default 1000]}
 */
public final class PairedRounds {
  private interface Case {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int[] sizes =
        Arrays.stream((args.length > 0 ? args[0] : "50,500").split(",")).mapToInt(Integer::parseInt).toArray();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    long sliceNanos = (args.length > 2 ? Long.parseLong(args[2]) : 1000) * 1_000_000L;
    System.out.printf("%-10s %-22s %14s %14s %10s%n", "batch", "case", "entries/s p50", "min..max", "vs raw p50");
    for (int size : sizes) {
      RedisStreamThroughput b = new RedisStreamThroughput();
      b.batchSize = size;
      b.start();
      try {
        String[] names = {"rawPipelinedXadd", "sink", "sinkWithoutDedup"};
        Case[] cases = {b::rawPipelinedXadd, b::sink, b::sinkWithoutDedup};
        // warm-up: a few slices of each
        for (int w = 0; w < 3; w++) {
          for (Case c : cases) {
            slice(c, sliceNanos);
          }
        }
        List<double[]> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          double[] rates = new double[cases.length];
          // rotate the order each round so no case always runs first
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
            ratio[r] = perRound.get(r)[i] / perRound.get(r)[0];
          }
          double[] sortedRate = rate.clone();
          Arrays.sort(sortedRate);
          System.out.printf("%-10d %-22s %14.0f %7.0f..%-7.0f %9.2fx%n", size, names[i], median(rate),
              sortedRate[0], sortedRate[rounds - 1], median(ratio));
        }
      } finally {
        b.stop();
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
