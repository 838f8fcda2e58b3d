package io.platformlogger.core.internal;

/** TEMPORARY stand-in until the real one is merged. */
public record DataLimits(int maxStringChars, int maxDepth, int maxEntries) {
  public static final DataLimits DEFAULT = new DataLimits(16384, 10, 1000);
}
