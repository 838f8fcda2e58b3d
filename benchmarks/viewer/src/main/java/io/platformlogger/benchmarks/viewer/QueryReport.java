package io.platformlogger.benchmarks.viewer;

import java.util.List;
import java.util.Locale;

/** Prints the query side's table: page (click → rows painted) against fetch (request → JSON parsed). */
final class QueryReport {
  /** One filter's timings in microseconds, one per run. */
  record Row(String name, long rows, long[] pageMicros, long[] fetchMicros) {}

  private QueryReport() {}

  static void print(List<Row> rows, long longTasks, double longTaskMax) {
    System.out.println("| query (first page) | rows | page p50 ms | page p95 ms | fetch p50 ms (anchor) | fetch p95 ms | page ÷ fetch p50 | page ÷ fetch p95 |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      double p50 = pct(r.pageMicros(), 50);
      double p95 = pct(r.pageMicros(), 95);
      double f50 = pct(r.fetchMicros(), 50);
      double f95 = pct(r.fetchMicros(), 95);
      System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.2f× | %.2f× |%n",
          r.name(), r.rows(), p50, p95, f50, f95, p50 / f50, p95 / f95);
    }
    System.out.printf(Locale.ROOT, "long tasks during the query runs: %d (longest %.0f ms)%n", longTasks, longTaskMax);
  }

  private static double pct(long[] micros, int pct) {
    return Percentile.of(micros, pct) / 1000.0;
  }
}
