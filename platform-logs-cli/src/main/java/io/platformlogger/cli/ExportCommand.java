package io.platformlogger.cli;

import io.platformlogger.postgres.ExportFormat;
import io.platformlogger.postgres.PostgresLogStore;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code platform-logs export}: every matching stored entry, streamed to standard output. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Stream every matching stored entry to standard output as JSON Lines or CSV.",
      "CSV is RFC 4180 (header row, CRLF). Usage: platform-logs export ... > file"
    })
final class ExportCommand implements Callable<Integer> {
  /** {@code --format} values. */
  enum Format {
    json(ExportFormat.JSON_LINES),
    csv(ExportFormat.CSV);

    final ExportFormat store;

    Format(ExportFormat store) {
      this.store = store;
    }
  }

  @ParentCommand PlatformLogs cli;
  @Mixin PostgresOptions pg;
  @Mixin QueryFilterOptions filters;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json (default, one entry per line) or csv")
  Format format = Format.json;

  @Override
  public Integer call() throws Exception {
    var query = filters.builder().build();
    long n;
    try (PostgresLogStore store = pg.open(cli)) {
      // On a terminal, what anyone logged must not drive or reorder it; to a file, bytes unchanged.
      java.io.OutputStream target = cli.terminal ? new TerminalSafeOutput(cli.out) : cli.out;
      n = store.export(query, format.store, target);
      target.flush();
    } catch (SQLException e) {
      throw pg.failure(e);
    }
    if (cli.out.checkError()) {
      // PrintStream swallows write errors; an export cut short must not look complete.
      throw new CliException(
          ExitCodes.FAILURE,
          "writing standard output failed after " + n + " entries (closed pipe or full disk?):"
              + " the export is incomplete");
    }
    cli.err.println("platform-logs: exported " + n + (n == 1 ? " entry" : " entries"));
    return ExitCodes.OK;
  }
}
