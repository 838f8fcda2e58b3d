package io.platformlogger.core.console;

/** How the console sink prints entries. */
public enum ConsoleFormat {
  /** One human-readable line per entry, coloured on a terminal. */
  PRETTY,
  /** One JSON object per line, for containers and log collectors. */
  JSON
}
