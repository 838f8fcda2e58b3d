package io.platformlogger.testkit;

import io.platformlogger.core.LogEntry;
import java.util.List;

/**
 * Entry points for AssertJ-style assertions on log entries:
 *
 * <pre>{@code
 * LogAssertions.assertThat(sink.entries())
 *     .hasSize(2)
 *     .noneHaveLevel(Level.ERROR)
 *     .containsMessage("order placed");
 * LogAssertions.assertThat(sink.entries().get(0)).hasLevel(Level.INFO).hasTenantId("t-1");
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class LogAssertions {
  private LogAssertions() {}

  /** Assertions on a list of entries, in their order. */
  public static LogEntriesAssert assertThat(List<LogEntry> entries) {
    return new LogEntriesAssert(entries);
  }

  /** Assertions on one entry. */
  public static LogEntryAssert assertThat(LogEntry entry) {
    return new LogEntryAssert(entry);
  }
}
