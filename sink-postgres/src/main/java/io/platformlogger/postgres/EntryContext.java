package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.util.List;

/**
 * One entry with the entries just before and after it (both lists oldest first), from the same
 * service and instance, or from the same trace or request — see {@link ContextScope}. Immutable.
 */
public record EntryContext(List<LogEntry> before, LogEntry entry, List<LogEntry> after) {
  public EntryContext {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }
}
