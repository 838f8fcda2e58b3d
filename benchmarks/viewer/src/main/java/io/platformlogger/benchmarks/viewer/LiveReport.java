package io.platformlogger.benchmarks.viewer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the live side: per 10 s window, the page's frame lag (log time of the oldest entry a frame
 * added → that frame's rows built) beside the plain WebSocket reader's lag (log time → message
 * read), the trend of the page's lag over the run, long tasks, and the ring and DOM at the end.
 */
final class LiveReport {
  private LiveReport() {}

  /**
   * frames: [wall ms, new entries, oldest lag, newest lag, ring size, DOM rows, draw ms]; anchor: [wall ms,
   * lag]; longTasks: [start, duration]; end: the page's liveSummary().
   */
  static void print(long startMs, int written, List<List<Number>> frames, List<long[]> anchor,
      List<List<Number>> longTasks, Map<String, Object> end) {
    System.out.println("| seconds | page frames | entries drawn | draw ms p50 / max | page lag p50 ms | page lag p99 ms | page lag max ms | reader entries | reader lag p50 ms (anchor) | reader lag p99 ms | reader lag max ms |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    long drawn = 0;
    int maxDom = 0;
    int maxRing = 0;
    long lastMs = Math.max(frames.stream().mapToLong(f -> f.get(0).longValue()).max().orElse(startMs),
        anchor.stream().mapToLong(x -> x[0]).max().orElse(startMs));
    for (int w = 0; startMs + w * 10_000L <= lastMs; w++) { // the whole run, also when the writer fell behind
      long from = startMs + w * 10_000L;
      long to = from + 10_000L;
      long[] lag = frames.stream().filter(f -> in(f.get(0).longValue(), from, to)).mapToLong(f -> f.get(2).longValue()).toArray();
      long entries = frames.stream().filter(f -> in(f.get(0).longValue(), from, to)).mapToLong(f -> f.get(1).longValue()).sum();
      long[] draw = frames.stream().filter(f -> in(f.get(0).longValue(), from, to)).mapToLong(f -> Math.round(f.get(6).doubleValue() * 1000)).toArray();
      long[] ref = anchor.stream().filter(x -> in(x[0], from, to)).mapToLong(x -> x[1]).toArray();
      drawn += entries;
      System.out.printf(Locale.ROOT, "| %d–%d | %d | %,d | %.1f / %.1f | %.0f | %.0f | %.0f | %,d | %.0f | %.0f | %.0f |%n", w * 10, w * 10 + 10,
          lag.length, entries, ms(draw, 50) / 1000, ms(draw, 100) / 1000, ms(lag, 50), ms(lag, 99), ms(lag, 100), ref.length, ms(ref, 50), ms(ref, 99), ms(ref, 100));
    }
    for (List<Number> f : frames) {
      maxRing = Math.max(maxRing, f.get(4).intValue());
      maxDom = Math.max(maxDom, f.get(5).intValue());
    }
    // least-squares slope of the frame lag over the run: a page that falls behind shows a growing lag
    double n = frames.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (List<Number> f : frames) {
      double x = (f.get(0).longValue() - startMs) / 1000.0;
      double y = f.get(2).doubleValue();
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double maxTask = longTasks.stream().mapToDouble(t -> t.get(1).doubleValue()).max().orElse(0);
    System.out.printf(Locale.ROOT, "written %,d, drawn %,d, read by the plain reader %,d; page lag trend %+.1f ms per minute%n",
        written, drawn, anchor.size(), slope * 60);
    System.out.printf(Locale.ROOT, "long tasks: %d (longest %.0f ms); ring at the end %s of %s (%s dropped), most ever %d; DOM rows at most %d; JS heap %.1f MB%n",
        longTasks.size(), maxTask, end.get("ringSize"), end.get("capacity"), end.get("dropped"), maxRing, maxDom,
        ((Number) end.get("heap")).doubleValue() / 1e6);
    // When they came says what they were: at the start (connecting, first draws) or all along.
    StringBuilder when = new StringBuilder();
    for (List<Number> t : longTasks.subList(0, Math.min(20, longTasks.size()))) {
      when.append(String.format(Locale.ROOT, " %.1f s: %.0f ms;", t.get(0).doubleValue() / 1e3, t.get(1).doubleValue()));
    }
    if (when.length() > 0) {
      System.out.println("long tasks, seconds after the live run began:" + when);
    }
  }

  private static boolean in(long t, long from, long to) {
    return t >= from && t < to;
  }

  private static double ms(long[] values, int pct) {
    return Percentile.of(values, pct);
  }
}
