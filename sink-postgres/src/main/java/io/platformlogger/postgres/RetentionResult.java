package io.platformlogger.postgres;

import java.util.List;

/** What one retention run did: rows deleted and partitions dropped (their names). Immutable. */
public record RetentionResult(long deletedRows, List<String> droppedPartitions) {
  public RetentionResult {
    droppedPartitions = List.copyOf(droppedPartitions);
  }
}
