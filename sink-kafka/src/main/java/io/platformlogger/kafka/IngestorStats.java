package io.platformlogger.kafka;

/**
 * A snapshot of a {@link LogIngestor}'s counters. Immutable.
 *
 * @param consumed records read from Kafka
 * @param stored entries the target sink stored (a record re-read after a restart counts again)
 * @param deadLettered records sent to the dead-letter topic (undecodable, or rejected by the sink
 *     for good)
 * @param skipped records that could be neither stored nor dead-lettered (the dead-letter topic
 *     refused them for good, or after its bounded retries): logged at ERROR and committed
 * @param enrichFailures times an enricher threw (the entry was stored without that enrichment)
 * @param sinkRetries failed sink writes that were retried
 * @param commits offset commits made
 * @param commitFailures commits refused (a rebalance took the partitions; their records are read
 *     again and the idempotent sink keeps one copy)
 * @param lastError the last failure, or null
 */
public record IngestorStats(
    long consumed,
    long stored,
    long deadLettered,
    long skipped,
    long enrichFailures,
    long sinkRetries,
    long commits,
    long commitFailures,
    String lastError) {}
