package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import java.time.Instant;
import java.util.List;

/**
 * Entries with the same error within a query's range: how many, when first and last seen, the most
 * severe level, the services affected, how many tenants, and the latest entry's message, error
 * type and stack as a sample.
 *
 * <p>A group is one error signature, or several whose messages mine to one template while they
 * share the error type and top frame ({@code User 17 not found} and {@code User alice not found}:
 * the signature's masking splits them, the template {@code User <*> not found} joins them). {@link
 * #title()} is that template and {@link #sampleValues()} shows what its {@code <*>} stood for.
 * Immutable.
 *
 * @param errorSignature the signature with the most entries among {@link #errorSignatures()}
 * @param title the group's message template, {@code <*>} for the parts that vary
 * @param errorSignatures every signature merged into the group, most entries first (ties: the
 *     most recent first)
 * @param sampleValues for each {@code <*>} of the title in order, up to five distinct values seen
 *     in the newest entries
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
    String sampleStack,
    String title,
    List<String> errorSignatures,
    List<List<String>> sampleValues) {
  public ErrorGroup {
    services = List.copyOf(services);
    errorSignatures = List.copyOf(errorSignatures);
    sampleValues = sampleValues.stream().map(List::copyOf).toList();
  }
}
