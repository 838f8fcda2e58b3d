package io.platformlogger.cli;

import picocli.CommandLine.Option;

/**
 * {@code --output} and {@code --color}, shared by the commands that print entries ({@code tail},
 * {@code query}) as a picocli mixin, and the printer they configure.
 */
final class EntryOutputOptions {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "pretty (default) or json (one entry per line)")
  OutputFormat output = OutputFormat.pretty;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description = "auto (default: only on a terminal, never with NO_COLOR set), always, never")
  ColorChoice color = ColorChoice.auto;

  /** A printer to the CLI's standard output in the chosen format and colour. */
  EntryPrinter printer(PlatformLogs cli) {
    return new EntryPrinter(cli.out, output, color.on(cli, output));
  }
}
