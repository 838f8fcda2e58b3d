package io.platformlogger.core.internal;

/**
 * Bounds applied when normalizing structured data values (see {@link DataValues}): the longest
 * string kept, the deepest nesting of maps and lists, and the most entries kept per map or list.
 * Immutable and thread-safe.
 *
 * @param maxStringChars strings longer than this (in UTF-16 chars) are cut; at least 1
 * @param maxDepth maps and lists nested deeper than this become {@code "[too deep]"}; the data map
 *     itself is depth 1; between 1 and {@link #MAX_DEPTH}, so normalizing and encoding can recurse
 *     safely on any thread's stack
 * @param maxEntries maps and lists larger than this keep their first entries; at least 1
 */
public record DataLimits(int maxStringChars, int maxDepth, int maxEntries) {

  /** The largest accepted {@link #maxDepth()}. */
  public static final int MAX_DEPTH = 100;

  /** 16384 chars per string, 10 levels, 1000 entries per map or list. */
  public static final DataLimits DEFAULT = new DataLimits(16_384, 10, 1_000);

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException when a bound is out of range (configuration time only)
   */
  public DataLimits {
    if (maxStringChars < 1) {
      throw new IllegalArgumentException(
          "maxStringChars must be at least 1, got " + maxStringChars);
    }
    if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "maxDepth must be between 1 and " + MAX_DEPTH + ", got " + maxDepth);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
  }

  /**
   * How many values one normalization may visit in total (100 × maxEntries), so a huge or heavily
   * shared object graph cannot keep the pipeline thread busy for ever.
   */
  long maxTotalValues() {
    return 100L * maxEntries;
  }
}
