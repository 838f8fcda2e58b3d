package io.platformlogger.benchmarks.callercost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerCostReportTest {
  @TempDir Path dir;

  private static String result(String cls, String method, int threads, double ns, double bytes) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"benchmark\":\"x.%s.%s\",\"threads\":%d,\"primaryMetric\":{\"score\":%s,\"scoreError\":1.0},"
            + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":%s}}}",
        cls, method, threads, ns, bytes);
  }

  private void write(String file, String... results) throws Exception {
    Files.writeString(dir.resolve(file), "[" + String.join(",", results) + "]");
  }

  @Test
  void subtractsEachLibrarysPauseAndDividesOursByEachAnchor() throws Exception {
    write("platform-logger-t1.json",
        result("P", "pause", 1, 2000, 0), result("P", "slf4jInfo", 1, 2300, 64), result("P", "slf4jDisabled", 1, 0.5, 0));
    write("log4j2-t1.json",
        result("L", "pause", 1, 2010, 0), result("L", "slf4jInfo", 1, 2610, 216), result("L", "slf4jDisabled", 1, 1.0, 0));
    write("logback-t1.json",
        result("B", "pause", 1, 1990, 0), result("B", "slf4jInfo", 1, 3190, 1000), result("B", "slf4jDisabled", 1, 2.0, 0));

    String table = CallerCostReport.table(CallerCostReport.load(dir));

    assertThat(table)
        .contains("| SLF4J fluent, 2 args + 3 key/values, 3 MDC | 1 | 300 ± 2 | 64 | 600 ± 2 | 216 | 1200 ± 2 | 1000 | 0.50× | 0.25× |")
        .contains("| disabled level (DEBUG at INFO) | 1 | 0.50 ± 1.00 | 0 | 1.00 ± 1.00 | 0 | 2.00 ± 1.00 | 0 | 0.50× | 0.25× |")
        .doesNotContain("PlatformLogger"); // not measured in this input
  }

  @Test
  void showsADashWhereAnAnchorWasNotRun() throws Exception {
    write("platform-logger-t2.json", result("P", "pause", 2, 2000, 0), result("P", "slf4jInfoClassic", 2, 2100, 40));

    String table = CallerCostReport.table(CallerCostReport.load(dir));

    assertThat(table).contains("| SLF4J classic, 2 args, 3 MDC | 2 | 100 ± 2 | 40 | – | – | – | – | – | – |");
  }

  @Test
  void comparesTheSpoolRunWithTheAnchorsWhenAskedTo() throws Exception {
    write("platform-logger-t1.json", result("P", "pause", 1, 2000, 0), result("P", "slf4jInfo", 1, 2300, 64));
    write("platform-logger-spool-t1.json", result("P", "pause", 1, 2000, 0), result("P", "slf4jInfo", 1, 2450, 96));
    write("log4j2-t1.json", result("L", "pause", 1, 2000, 0), result("L", "slf4jInfo", 1, 2600, 216));

    String table = CallerCostReport.table(CallerCostReport.load(dir), "platform-logger-spool");

    assertThat(table).contains("| SLF4J fluent, 2 args + 3 key/values, 3 MDC | 1 | 450 ± 2 | 96 | 600 ± 2 | 216 | – | – | 0.75× | – |");
  }
}
