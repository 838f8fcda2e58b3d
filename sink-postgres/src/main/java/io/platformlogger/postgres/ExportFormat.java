package io.platformlogger.postgres;

/** Formats of {@link PostgresLogStore#export}. */
public enum ExportFormat {
  /** One JSON object per line, exactly as docs/schema.md describes. */
  JSON_LINES,
  /**
   * RFC 4180 CSV with a header row of the JSON field names; {@code data}, {@code markers} and
   * {@code sanitized} as JSON text; CRLF line ends.
   */
  CSV
}
