package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import java.time.Instant;
import java.util.List;

/**
 * Entries sharing an error signature within a query's range: how many, when first and last seen,
 * the most severe level, the services affected, how many tenants, and the latest entry's message,
 * error type and stack as a sample. Immutable.
 */
public record ErrorGroup(
    String errorSignature,
    long count,
    Instant firstSeen,
    Instant lastSeen,
    Level level,
    List<String> services,
    long tenantCount,
    String sampleMessage,
    String sampleErrorType,
    String sampleStack) {
  public ErrorGroup {
    services = List.copyOf(services);
  }
}
