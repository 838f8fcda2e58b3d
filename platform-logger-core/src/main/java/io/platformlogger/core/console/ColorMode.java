package io.platformlogger.core.console;

/** Whether {@link ConsoleSink} colours the level in {@link ConsoleFormat#PRETTY} output. */
public enum ColorMode {
  /**
   * Colour only when writing to the process's standard output or error, that stream is a
   * terminal, {@code NO_COLOR} is unset or empty (https://no-color.org) and {@code TERM} is not
   * {@code dumb}.
   */
  AUTO,
  /** Always emit ANSI colour codes, for example when a CI log viewer renders them. */
  ALWAYS,
  /** Never emit ANSI colour codes. */
  NEVER
}
