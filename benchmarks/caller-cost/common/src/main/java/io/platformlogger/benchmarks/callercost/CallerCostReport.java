package io.platformlogger.benchmarks.callercost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the JMH JSON results of one run.sh run into the Markdown table of docs/benchmarks.md:
 * caller cost (the paced benchmark minus the same library's {@code pause}), bytes allocated per
 * call, and our ratio to each anchor.
 *
 * <p>Usage: {@code CallerCostReport <results-dir> [ours]}; the directory holds {@code
 * <library>-t<threads>.json} files with library {@code platform-logger} (spool off, like the
 * anchors), {@code platform-logger-spool} (spool on), {@code log4j2} or {@code logback}; {@code
 * ours} picks which of ours the table compares (default {@code platform-logger}).
 */
public final class CallerCostReport {
  static final String OURS = "platform-logger";
  static final List<String> ANCHORS = List.of("log4j2", "logback");

  /** One measured case: mean ns/op, its error, and bytes allocated per op (-1 if unknown). */
  record Score(double nanos, double error, double bytes) {}

  private CallerCostReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: CallerCostReport <results-dir> [ours]");
      System.exit(2);
    }
    System.out.print(table(load(Path.of(args[0])), args.length > 1 ? args[1] : OURS));
  }

  /** library → threads → benchmark method → score. */
  static Map<String, Map<Integer, Map<String, Score>>> load(Path dir) throws IOException {
    Map<String, Map<Integer, Map<String, Score>>> all = new LinkedHashMap<>();
    ObjectMapper mapper = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().matches(".+-t\\d+\\.json")).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String library = name.substring(0, name.lastIndexOf("-t"));
      for (JsonNode result : mapper.readTree(file.toFile())) {
        String benchmark = result.get("benchmark").asText();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        int threads = result.get("threads").asInt();
        JsonNode primary = result.get("primaryMetric");
        JsonNode secondary = result.path("secondaryMetrics");
        JsonNode alloc = secondary.has("gc.alloc.rate.norm")
            ? secondary.get("gc.alloc.rate.norm")
            : secondary.path("·gc.alloc.rate.norm");
        Score score =
            new Score(
                primary.get("score").asDouble(),
                primary.path("scoreError").asDouble(Double.NaN),
                alloc.isMissingNode() ? -1 : alloc.get("score").asDouble());
        all.computeIfAbsent(library, k -> new LinkedHashMap<>())
            .computeIfAbsent(threads, k -> new LinkedHashMap<>())
            .put(method, score);
      }
    }
    return all;
  }

  /** The caller cost of {@code method}: paced methods have their library's pause subtracted. */
  static Score callerCost(Map<String, Score> byMethod, String method) {
    Score s = byMethod.get(method);
    if (s == null) {
      return null;
    }
    if (method.endsWith("Disabled")) {
      return s;
    }
    Score pause = byMethod.get("pause");
    if (pause == null) {
      return null;
    }
    double bytes = s.bytes() < 0 ? -1 : Math.max(0, s.bytes() - Math.max(0, pause.bytes()));
    return new Score(s.nanos() - pause.nanos(), s.error() + pause.error(), bytes);
  }

  static String table(Map<String, Map<Integer, Map<String, Score>>> all) {
    return table(all, OURS);
  }

  /** The table comparing {@code oursLibrary} (one of our result sets) with the anchors. */
  static String table(Map<String, Map<Integer, Map<String, Score>>> all, String oursLibrary) {
    StringBuilder out = new StringBuilder();
    out.append("| call | threads | ours ns | ours B | Log4j 2 ns | Log4j 2 B | Logback ns | Logback B | ours ÷ Log4j 2 | ours ÷ Logback |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    Map<Integer, Map<String, Score>> ours = all.getOrDefault(oursLibrary, Map.of());
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"SLF4J fluent, 2 args + 3 key/values, 3 MDC", "slf4jInfo", "slf4jInfo"});
    cases.add(new String[] {"SLF4J classic, 2 args, 3 MDC", "slf4jInfoClassic", "slf4jInfoClassic"});
    cases.add(new String[] {"PlatformLogger, 2 args + 3 data, scope open", "platformLoggerInfo", "slf4jInfo"});
    cases.add(new String[] {"disabled level (DEBUG at INFO)", "slf4jDisabled", "slf4jDisabled"});
    for (int threads : ours.keySet().stream().sorted().toList()) {
      for (String[] c : cases) {
        Score mine = callerCost(ours.get(threads), c[1]);
        if (mine == null) {
          continue;
        }
        out.append("| ").append(c[0]).append(" | ").append(threads).append(" | ");
        out.append(nanos(mine)).append(" | ").append(bytes(mine)).append(" | ");
        List<String> ratios = new ArrayList<>();
        for (String anchor : ANCHORS) {
          Map<String, Score> theirs = all.getOrDefault(anchor, Map.of()).get(threads);
          Score other = theirs == null ? null : callerCost(theirs, c[2]);
          out.append(other == null ? "–" : nanos(other)).append(" | ");
          out.append(other == null ? "–" : bytes(other)).append(" | ");
          ratios.add(other == null || other.nanos() <= 0 ? "–" : String.format(Locale.ROOT, "%.2f×", mine.nanos() / other.nanos()));
        }
        out.append(String.join(" | ", ratios)).append(" |\n");
      }
    }
    return out.toString();
  }

  private static String nanos(Score s) {
    return String.format(Locale.ROOT, s.nanos() < 10 ? "%.2f ± %.2f" : "%.0f ± %.0f", s.nanos(), s.error());
  }

  private static String bytes(Score s) {
    return s.bytes() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", s.bytes());
  }
}
