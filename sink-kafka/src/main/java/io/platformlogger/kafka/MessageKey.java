package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;
import java.nio.charset.StandardCharsets;

/**
 * What a Kafka record's key is made of. Records with the same key go to the same partition, so
 * the entries of one tenant (or one trace) stay in order. An entry without the chosen field is
 * sent without a key and spread over the partitions.
 */
public enum MessageKey {
  /** The entry's {@code tenant_id} (the default): one tenant's entries stay in order. */
  TENANT,
  /** The entry's {@code trace_id}: one trace's entries stay in order. */
  TRACE,
  /** No key: records are spread over the partitions (no order across batches). */
  NONE;

  byte[] of(LogEntry entry) {
    String value;
    switch (this) {
      case TENANT:
        value = entry.tenantId();
        break;
      case TRACE:
        value = entry.traceId();
        break;
      default:
        value = null;
    }
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  /** Parses {@code tenant}, {@code trace} or {@code none}, case-insensitively. */
  static MessageKey parse(String text, String key) {
    for (MessageKey k : values()) {
      if (k.name().equalsIgnoreCase(text.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        key + " is '" + text + "': set it to tenant, trace or none");
  }
}
