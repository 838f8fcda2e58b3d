package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;

/**
 * A step of the {@link LogIngestor} between decoding and storing: adds or changes fields of an
 * entry, for example organisation or workflow metadata found by a lookup on its tenant id.
 *
 * <p>Called on the ingestor's thread, one entry at a time, in consumption order. An enricher that
 * throws does not lose the entry: it is stored as it was before that enricher, and the failure is
 * counted in {@link IngestorStats#enrichFailures()}.
 */
@FunctionalInterface
public interface LogEnricher {
  /** Returns the entry to store: {@code entry} itself or a changed copy ({@code entry.toBuilder()}). */
  LogEntry enrich(LogEntry entry) throws Exception;
}
