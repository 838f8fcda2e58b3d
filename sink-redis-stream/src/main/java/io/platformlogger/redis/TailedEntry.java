package io.platformlogger.redis;

import io.platformlogger.core.LogEntry;
import java.util.Objects;

/**
 * One entry delivered by {@link LogTail}: the stream it came from, its stream id (such as {@code
 * 1764540000000-0}, usable as a {@link TailStart#afterId} to resume) and the decoded entry.
 * Immutable.
 */
public record TailedEntry(String stream, String streamId, LogEntry entry) {
  public TailedEntry {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(entry, "entry");
  }
}
