package io.platformlogger.postgres;

import java.util.List;

/**
 * One message template found by {@link PostgresLogStore#patterns}: the template ({@code <*>} for
 * the parts that vary), how many sampled entries have it, how many fell in each of the report's
 * time buckets, up to five values seen for each {@code <*>}, and the newest such message (its
 * first 1 000 characters). Immutable.
 */
public record LogPattern(
    String template, long count, List<Long> bucketCounts, List<List<String>> sampleValues, String sampleMessage) {
  public LogPattern {
    bucketCounts = List.copyOf(bucketCounts);
    sampleValues = sampleValues.stream().map(List::copyOf).toList();
  }
}
