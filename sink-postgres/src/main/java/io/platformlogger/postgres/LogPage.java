package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.util.List;

/**
 * One page of a {@link LogQuery}: its entries, whether more follow and the opaque cursor that
 * reads the next page ({@code null} when there is none). Immutable.
 */
public record LogPage(List<LogEntry> entries, boolean hasMore, String nextCursor) {
  public LogPage {
    entries = List.copyOf(entries);
  }
}
