package io.platformlogger.benchmarks.viewer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page's main-thread CPU profile (DevTools protocol Profiler, V8's sampling profiler): saved as
 * a .cpuprofile file that Chrome DevTools opens, and the functions with the most self time printed.
 * Layout and style work forced by a script count as that script's time; the rest shows as
 * "(program)". Used by the benchmark's thread with --profile FILE.
 */
final class CpuProfile {
  private CpuProfile() {}

  @SuppressWarnings("unchecked")
  static void report(Map<String, Object> stopAnswer, Path file) throws Exception {
    Map<String, Object> profile = (Map<String, Object>) stopAnswer.get("profile");
    Files.writeString(file, new ObjectMapper().writeValueAsString(profile));
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) profile.get("nodes");
    List<Number> samples = (List<Number>) profile.get("samples");
    List<Number> deltas = (List<Number>) profile.get("timeDeltas");
    Map<Long, String> names = new HashMap<>();
    for (Map<String, Object> n : nodes) {
      Map<String, Object> f = (Map<String, Object>) n.get("callFrame");
      String url = String.valueOf(f.get("url"));
      String name = String.valueOf(f.get("functionName"));
      names.put(((Number) n.get("id")).longValue(), (name.isEmpty() ? "(anonymous)" : name)
          + (url.isEmpty() ? "" : " " + url.substring(url.lastIndexOf('/') + 1) + ":" + (((Number) f.get("lineNumber")).intValue() + 1)));
    }
    Map<String, Double> self = new HashMap<>();
    double total = 0;
    for (int i = 0; i < samples.size(); i++) {
      double ms = (i + 1 < deltas.size() ? deltas.get(i + 1).doubleValue() : 0) / 1000.0; // each sample lasts until the next
      self.merge(names.get(samples.get(i).longValue()), ms, Double::sum);
      total += ms;
    }
    double sampled = total;
    double busy = total - self.getOrDefault("(idle)", 0.0);
    System.out.printf(Locale.ROOT, "CPU profile of the page's main thread (%s): %.0f ms sampled, %.0f ms not idle; most self time:%n", file, total, busy);
    self.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %8.0f ms  %5.1f %%  %s%n", e.getValue(), 100 * e.getValue() / sampled, e.getKey()));
  }
}
