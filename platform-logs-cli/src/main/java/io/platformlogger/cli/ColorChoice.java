package io.platformlogger.cli;

/** {@code --color}: auto colours only a terminal without {@code NO_COLOR}. */
enum ColorChoice {
  auto,
  always,
  never;

  /** Whether to colour {@code output} (JSON never is). */
  boolean on(PlatformLogs cli, OutputFormat output) {
    switch (this) {
      case always:
        return output == OutputFormat.pretty;
      case never:
        return false;
      default:
        return output == OutputFormat.pretty
            && cli.terminal
            && cli.env("NO_COLOR") == null
            && !"dumb".equals(cli.env("TERM"));
    }
  }
}
