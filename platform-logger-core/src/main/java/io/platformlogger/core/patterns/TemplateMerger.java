package io.platformlogger.core.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The miner's second pass: finds templates of equal length that are equal, or equal but for one
 * position in which at least {@code minValues} of them differ or one of them already has {@code
 * <*>}, and hands each such set to a merge function, into the oldest (the oldest with {@code <*>}
 * there, if any). Sets are found through a hash of the template with the position
 * left out (prefix and suffix hashes, so linear in tokens), and checked token by token before a
 * merge. Repeated until nothing merges (at most a few rounds). Deterministic for a given iteration
 * order of the templates. Called by {@link TemplateMiner} under its lock.
 */
final class TemplateMerger {
  private static final int MAX_ROUNDS = 4;

  /**
   * Shortest template merged on one differing position: in shorter ones that position is too
   * large a part of the message ({@code Starting <x>}, {@code Stopping <x>}) to decide by counting.
   */
  static final int MIN_TOKENS = 4;

  private final int minValues;

  TemplateMerger(int minValues) {
    this.minValues = minValues;
  }

  /** Merges into the oldest of each set; {@code merge.accept(target, source)} does the work. */
  void merge(Collection<Template> templates, BiConsumer<Template, Template> merge) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean merged = false;
      for (List<Template> set : candidateSets(templates)) {
        merged |= mergeSet(set, merge);
      }
      if (!merged) {
        return;
      }
    }
  }

  /** Sets of templates sharing a skeleton key, in first-seen order. */
  private static Collection<List<Template>> candidateSets(Collection<Template> templates) {
    Map<Key, List<Template>> sets = new LinkedHashMap<>();
    for (Template t : templates) {
      if (t.isMerged()) {
        continue;
      }
      String[] tokens = t.tokens;
      int n = tokens.length;
      long[] prefix = new long[n + 1];
      for (int i = 0; i < n; i++) {
        prefix[i + 1] = prefix[i] * 1_000_003L + tokens[i].hashCode();
      }
      sets.computeIfAbsent(new Key(n, -1, prefix[n]), k -> new ArrayList<>()).add(t);
      long suffix = 0;
      long power = 1;
      for (int i = n - 1; i >= 0; i--) {
        // skeleton without position i: prefix[0..i) and suffix (i..n), mixed with i
        if (n >= MIN_TOKENS) {
          long h = prefix[i] * 0x9E3779B97F4A7C15L + suffix * 31 + i;
          sets.computeIfAbsent(new Key(n, i, h), k -> new ArrayList<>()).add(t);
        }
        suffix += power * tokens[i].hashCode();
        power *= 1_000_003L;
      }
    }
    return sets.values();
  }

  private boolean mergeSet(List<Template> set, BiConsumer<Template, Template> merge) {
    if (set.size() < 2) {
      return false;
    }
    int position = differingPosition(set);
    if (position == -2) {
      return false;
    }
    // The target: the oldest template that already has <*> at the position (the position is a
    // proven variable, so one more value needs no count), else the oldest when enough differ.
    Template target = null;
    if (position >= 0) {
      for (Template t : set) {
        Template current = t.current();
        if (current.tokens[position] == TokenMasker.WILDCARD && (target == null || current.id < target.id)) {
          target = current;
        }
      }
    }
    if (target == null) {
      if (position >= 0 && liveCount(set) < minValues) {
        return false;
      }
      for (Template t : set) {
        Template current = t.current();
        if (target == null || current.id < target.id) {
          target = current;
        }
      }
    }
    boolean merged = false;
    for (Template t : set) {
      Template current = t.current();
      if (current != target && current.tokens.length == target.tokens.length
          && equalExcept(current.tokens, target.tokens, position)) {
        merge.accept(target, current);
        merged = true;
      }
    }
    return merged;
  }

  /** -1 when all templates are equal, the one position where they differ, or -2 for neither. */
  private static int differingPosition(List<Template> set) {
    String[] first = set.get(0).tokens;
    int position = -1;
    for (Template t : set) {
      for (int i = 0; i < first.length; i++) {
        if (!first[i].equals(t.tokens[i])) {
          if (position == -1) {
            position = i;
          } else if (position != i) {
            return -2;
          }
        }
      }
    }
    return position;
  }

  private static int liveCount(List<Template> set) {
    return (int) set.stream().map(Template::current).distinct().count();
  }

  private static boolean equalExcept(String[] a, String[] b, int position) {
    if (position < 0) {
      return Arrays.equals(a, b);
    }
    for (int i = 0; i < a.length; i++) {
      if (i != position && !a[i].equals(b[i])) {
        return false;
      }
    }
    return true;
  }

  private record Key(int length, int position, long hash) {}
}
