package io.platformlogger.benchmarks.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy (GA) as the log-parsing benchmarks define it: a line is correct when the set
 * of lines in its predicted group equals exactly the set of lines with its true template; GA is
 * the share of correct lines.
 */
final class GroupingAccuracy {
  private GroupingAccuracy() {}

  /** GA of {@code predicted} group keys against {@code truth} ids, both one per line, in order. */
  static double of(List<String> truth, List<?> predicted) {
    if (truth.size() != predicted.size()) {
      throw new IllegalArgumentException(truth.size() + " labels for " + predicted.size() + " predictions");
    }
    Map<Object, List<Integer>> byTruth = new HashMap<>();
    Map<Object, List<Integer>> byPrediction = new HashMap<>();
    for (int i = 0; i < truth.size(); i++) {
      byTruth.computeIfAbsent(truth.get(i), k -> new ArrayList<>()).add(i);
      byPrediction.computeIfAbsent(predicted.get(i), k -> new ArrayList<>()).add(i);
    }
    int correct = 0;
    for (int i = 0; i < truth.size(); i++) {
      // both lists hold ascending line numbers, so equal sets are equal lists
      if (byTruth.get(truth.get(i)).equals(byPrediction.get(predicted.get(i)))) {
        correct++;
      }
    }
    return truth.isEmpty() ? 1.0 : (double) correct / truth.size();
  }
}
