package io.platformlogger.cli;

import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.LogPage;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogStore;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code platform-logs query}: one page of stored entries from PostgreSQL; when more follow, the
 * cursor of the next page goes to standard error as {@code next-cursor: C}, so standard output
 * holds entries only.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Print one page of the entries stored in PostgreSQL, newest first.",
      "When more follow, standard error ends with 'next-cursor: C':",
      "pass --cursor C (and the same filters) for the next page."
    })
final class QueryCommand implements Callable<Integer> {
  static final String NEXT_CURSOR = "next-cursor: ";

  @ParentCommand PlatformLogs cli;
  @Mixin PostgresOptions pg;
  @Mixin QueryFilterOptions filters;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "entries per page, 1 to " + LogQuery.MAX_PAGE_SIZE + " (default 100)")
  int limit = 100;

  @Option(names = "--cursor", paramLabel = "C", description = "the next-cursor a previous page printed")
  String cursor;

  @Mixin EntryOutputOptions outputOptions;

  @Override
  public Integer call() throws Exception {
    if (limit < 1 || limit > LogQuery.MAX_PAGE_SIZE) {
      throw new CliException(
          ExitCodes.USAGE, "--limit " + limit + ": use 1 to " + LogQuery.MAX_PAGE_SIZE + " and page with --cursor");
    }
    LogQuery query = filters.builder().pageSize(limit).build();
    EntryPrinter printer = outputOptions.printer(cli);
    LogPage page;
    try (PostgresLogStore store = pg.open(cli)) {
      page = store.query(query, cursor == null || cursor.isBlank() ? null : cursor.trim());
    } catch (IllegalArgumentException badCursor) {
      throw new CliException(
          ExitCodes.USAGE,
          "--cursor '" + cursor + "' is not a cursor this command printed: copy the value after '"
              + NEXT_CURSOR.trim() + "', or leave --cursor out for the first page");
    } catch (SQLException e) {
      throw pg.failure(e);
    }
    for (LogEntry e : page.entries()) {
      printer.print(e);
    }
    printer.flush();
    if (page.hasMore()) {
      cli.err.println(NEXT_CURSOR + page.nextCursor());
    }
    return ExitCodes.OK;
  }
}
