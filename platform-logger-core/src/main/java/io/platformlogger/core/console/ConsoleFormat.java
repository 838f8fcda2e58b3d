package io.platformlogger.core.console;

/** How {@link ConsoleSink} renders an entry. */
public enum ConsoleFormat {
  /**
   * One human-readable line per entry (time, level, service, logger, message, data, context,
   * source, error), with the error stack on marked continuation lines. See {@link ConsoleSink}.
   */
  PRETTY,
  /** One compact JSON object per line, the schema's JSON encoding; for log shippers. */
  JSON
}
