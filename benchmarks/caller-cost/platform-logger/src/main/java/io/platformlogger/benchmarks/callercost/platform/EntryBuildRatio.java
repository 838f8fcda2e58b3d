package io.platformlogger.benchmarks.callercost.platform;

import io.platformlogger.core.LogEntry;
import java.util.Arrays;

/**
 * The main-driven companion of {@link EntryBuildCost} for a loaded machine: both factories in one
 * JVM, rounds alternating off/on (and which goes first), so load that comes and goes hits both
 * alike, timed by the thread's CPU time. Prints, per case, the median ns per build of each and the
 * median of the per-round ratios.
 *
 * <p>Run: {@code java -cp benchmarks/caller-cost/platform-logger/target/benchmarks.jar
 * io.platformlogger.benchmarks.callercost.platform.EntryBuildRatio [rounds] [builds per round]}.
 */
public final class EntryBuildRatio {
  private EntryBuildRatio() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    EntryBuildCost off = new EntryBuildCost();
    off.redaction = "off";
    off.setUp();
    EntryBuildCost on = new EntryBuildCost();
    on.redaction = "on";
    on.setUp();
    String[] cases = {"typical", "longText", "longProse", "longProseFreshValue", "withSecrets"};
    for (String c : cases) {
      for (int warm = 0; warm < 5; warm++) {
        time(off, c, perRound);
        time(on, c, perRound);
      }
      double[] offNs = new double[rounds];
      double[] onNs = new double[rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        if (r % 2 == 0) {
          offNs[r] = time(off, c, perRound);
          onNs[r] = time(on, c, perRound);
        } else {
          onNs[r] = time(on, c, perRound);
          offNs[r] = time(off, c, perRound);
        }
        ratio[r] = onNs[r] / offNs[r];
      }
      System.out.printf("[entry-build] %-19s off %7.1f ns  on %7.1f ns  on/off %.3f (median of %d rounds; ratio quartiles %.3f-%.3f)%n",
          c, median(offNs), median(onNs), median(ratio), rounds, quantile(ratio, 0.25), quantile(ratio, 0.75));
    }
  }

  private static long sink;

  /**
   * Where every built entry goes, as the dispatcher hands it to a batch: an entry that escapes.
   * Reading only {@code e.message()} let the JIT scalar-replace the entry and its arrays when
   * redaction is off (nothing else sees the entry then), a saving production never gets, since
   * every entry built there reaches a sink; the "off" side then looked 60-90 B and some ns cheaper.
   */
  private static final LogEntry[] KEPT = new LogEntry[1024];

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  /** Thread CPU time per build: time spent descheduled on a loaded machine does not count. */
  private static double time(EntryBuildCost b, String c, int n) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      LogEntry e =
          c.equals("typical") ? b.typical()
              : c.equals("longText") ? b.longText()
              : c.equals("longProse") ? b.longProse()
              : c.equals("longProseFreshValue") ? b.longProseFreshValue()
              : b.withSecrets();
      KEPT[i & (KEPT.length - 1)] = e;
      sink += e.message().length();
    }
    return (CPU.getCurrentThreadCpuTime() - start) / (double) n;
  }

  private static double median(double[] v) {
    return quantile(v, 0.5);
  }

  private static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  }
}
