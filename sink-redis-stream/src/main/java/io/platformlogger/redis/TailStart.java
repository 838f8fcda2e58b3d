package io.platformlogger.redis;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a {@link LogTail} starts: after the newest entry at start ({@link #now()}), after a given
 * stream id, from a time, or from the beginning of the stream. Immutable.
 */
public final class TailStart {
  private static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}(-\\d{1,20})?");

  private final String afterId; // null: resolve "now" on first connection

  private TailStart(String afterId) {
    this.afterId = afterId;
  }

  /** Only entries added after the tail first connects. */
  public static TailStart now() {
    return new TailStart(null);
  }

  /** Everything the stream still holds. */
  public static TailStart beginning() {
    return new TailStart("0-0");
  }

  /**
   * Entries after this stream id (exclusive), as delivered in {@link TailedEntry#streamId()}.
   *
   * @throws IllegalArgumentException when the id is not {@code <milliseconds>[-<sequence>]}
   */
  public static TailStart afterId(String streamId) {
    if (streamId == null || !STREAM_ID.matcher(streamId).matches()) {
      throw new IllegalArgumentException(
          "'" + streamId + "' is not a stream id: use <milliseconds>-<sequence>, such as 1764540000000-0");
    }
    return new TailStart(streamId.contains("-") ? streamId : streamId + "-0");
  }

  /**
   * Entries added to the stream at or after this instant (stream ids carry the Redis server's
   * clock at XADD, which is at or just after the entry's own timestamp).
   */
  public static TailStart since(Instant time) {
    Objects.requireNonNull(time, "time");
    long ms = time.toEpochMilli();
    return new TailStart(ms <= 0 ? "0-0" : (ms - 1) + "-18446744073709551615");
  }

  /** The exclusive start id, or null for "now". */
  String afterIdOrNull() {
    return afterId;
  }

  @Override
  public String toString() {
    return afterId == null ? "now" : "after " + afterId;
  }
}
