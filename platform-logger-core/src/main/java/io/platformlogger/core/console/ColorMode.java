package io.platformlogger.core.console;

/** Whether the console sink colours its output. */
public enum ColorMode {
  /** Colour only on a terminal, and never when {@code NO_COLOR} is set or {@code TERM=dumb}. */
  AUTO,
  ALWAYS,
  NEVER
}
