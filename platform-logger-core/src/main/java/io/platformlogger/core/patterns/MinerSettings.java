package io.platformlogger.core.patterns;

/**
 * How a {@link TemplateMiner} groups messages and how much it may hold. One configuration serves
 * every kind of log: {@link #DEFAULTS} was chosen on labelled logs of eight different systems and
 * checked system by system against the others (docs/patterns.md); there is no per-system tuning to
 * do.
 *
 * @param maxClusters the most templates held at once; past it the least recently used one is
 *     dropped (its handles keep their last text). Bounds memory with {@link #maxTokens}.
 * @param maxTokens the most tokens of a message compared; the rest of a longer message becomes one
 *     trailing {@code <*>}
 * @param similarity the share of a template's positions a message must match (a {@code <*>} matches
 *     anything) to join it, in (0, 1]
 * @param depth the depth of the prefix tree: the root, a level for the token count, then {@code
 *     depth - 2} levels keyed by the leading tokens
 * @param maxChildren the most distinct tokens a tree level keeps; later ones share a {@code <*>}
 *     branch, so a position that varies without digits cannot grow the tree without bound
 * @param mergeMinValues templates that differ in a single position are merged into one with {@code
 *     <*>} there when at least this many of them exist (evidence that the position is a variable,
 *     not two different constant words)
 */
public record MinerSettings(
    int maxClusters, int maxTokens, double similarity, int depth, int maxChildren, int mergeMinValues) {

  /** The configuration {@link TemplateMiner#templatesOf} uses. */
  public static final MinerSettings DEFAULTS = new MinerSettings(10_000, 64, 0.75, 4, 100, 4);

  /** Checks every value; the exception names the setting and its allowed range. */
  public MinerSettings {
    require(maxClusters >= 1, "maxClusters must be at least 1, was " + maxClusters);
    require(maxTokens >= 2 && maxTokens <= TokenMasker.MAX_INPUT_CHARS,
        "maxTokens must be between 2 and " + TokenMasker.MAX_INPUT_CHARS + ", was " + maxTokens);
    require(similarity > 0 && similarity <= 1, "similarity must be in (0, 1], was " + similarity);
    require(depth >= 3 && depth <= 16, "depth must be between 3 and 16, was " + depth);
    require(maxChildren >= 1, "maxChildren must be at least 1, was " + maxChildren);
    require(mergeMinValues >= 2, "mergeMinValues must be at least 2, was " + mergeMinValues);
  }

  /** These settings with another cap on templates. */
  public MinerSettings withMaxClusters(int max) {
    return new MinerSettings(max, maxTokens, similarity, depth, maxChildren, mergeMinValues);
  }

  /** These settings with another similarity threshold. */
  public MinerSettings withSimilarity(double threshold) {
    return new MinerSettings(maxClusters, maxTokens, threshold, depth, maxChildren, mergeMinValues);
  }

  /** These settings with another {@link #mergeMinValues}. */
  public MinerSettings withMergeMinValues(int min) {
    return new MinerSettings(maxClusters, maxTokens, similarity, depth, maxChildren, min);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("MinerSettings: " + message);
    }
  }
}
