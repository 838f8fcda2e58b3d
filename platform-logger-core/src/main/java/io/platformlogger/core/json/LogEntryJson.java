package io.platformlogger.core.json;

import io.platformlogger.core.LogEntry;

/**
 * The one JSON encoding of a {@link LogEntry} shared by every sink (field names in docs/schema.md),
 * written and read with jackson-core's streaming API. Thread-safe.
 */
public final class LogEntryJson {
  private LogEntryJson() {}

  /** Encodes one entry as a compact JSON object (no trailing newline). */
  public static String encode(LogEntry entry) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Encodes one entry as UTF-8 JSON bytes. */
  public static byte[] encodeBytes(LogEntry entry) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Decodes what {@link #encode} wrote; unknown fields are ignored. */
  public static LogEntry decode(String json) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Decodes UTF-8 JSON bytes. */
  public static LogEntry decode(byte[] json) {
    throw new UnsupportedOperationException("TODO");
  }
}
