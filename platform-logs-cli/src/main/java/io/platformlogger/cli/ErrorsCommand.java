package io.platformlogger.cli;

import io.platformlogger.postgres.ErrorGroup;
import io.platformlogger.postgres.ErrorGroupQuery;
import io.platformlogger.postgres.PostgresLogStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code platform-logs errors}: the stored errors grouped by signature, as a table or JSON Lines. */
@Command(
    name = "errors",
    mixinStandardHelpOptions = true,
    description = {
      "Print the stored errors grouped by signature, as a table or as JSON.",
      "Signatures whose messages share a template (same error type and frame) are",
      "one group titled with it. Count, first/last seen, level, services, tenants,",
      "title and the latest entry as a sample; by default over the last 24 hours."
    })
final class ErrorsCommand implements Callable<Integer> {
  /** {@code --order} values. */
  enum Order {
    count(ErrorGroupQuery.Order.COUNT),
    recent(ErrorGroupQuery.Order.LAST_SEEN);

    final ErrorGroupQuery.Order store;

    Order(ErrorGroupQuery.Order store) {
      this.store = store;
    }
  }

  @ParentCommand PlatformLogs cli;
  @Mixin PostgresOptions pg;

  @Option(names = "--tenant", paramLabel = "ID", description = "only this tenant (or give --all-tenants)")
  String tenant;

  @Option(names = "--all-tenants", description = "every tenant's errors (an administrator's view)")
  boolean allTenants;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      converter = Since.class,
      description = "errors at or after: 24h (default), 7d, or 2026-01-20T10:00:00Z")
  Instant since;

  @Option(names = "--until", paramLabel = "WHEN", converter = Since.class, description = "errors before")
  Instant until;

  @Option(names = "--order", paramLabel = "ORDER", description = "count (default: most first) or recent")
  Order order = Order.count;

  @Option(names = "--limit", paramLabel = "N", description = "at most N groups, 1 to 1000 (default 50)")
  int limit = 50;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "pretty (default: an aligned table) or json (one group per line)")
  OutputFormat output = OutputFormat.pretty;

  @Override
  public Integer call() throws Exception {
    if (limit < 1 || limit > 1000) {
      throw new CliException(ExitCodes.USAGE, "--limit " + limit + ": use 1 to 1000");
    }
    ErrorGroupQuery.Builder b;
    if (tenant != null && allTenants) {
      throw new CliException(ExitCodes.USAGE, "--tenant and --all-tenants exclude each other: give one");
    } else if (allTenants) {
      b = ErrorGroupQuery.allTenants();
    } else if (tenant != null && !tenant.isBlank()) {
      b = ErrorGroupQuery.forTenant(tenant.trim());
    } else {
      throw new CliException(
          ExitCodes.USAGE, "no tenant given: add --tenant ID, or --all-tenants to read every tenant's errors");
    }
    Instant from = since != null ? since : Instant.now().minus(Duration.ofHours(24));
    QueryFilterOptions.checkRange(from, until);
    ErrorGroupQuery query = b.from(from).to(until).orderBy(order.store).limit(limit).build();
    List<ErrorGroup> groups;
    try (PostgresLogStore store = pg.open(cli)) {
      groups = store.errorGroups(query);
    } catch (SQLException e) {
      throw pg.failure(e);
    }
    if (output == OutputFormat.json) {
      ErrorTable.json(groups, cli.out);
    } else if (groups.isEmpty()) {
      cli.err.println("platform-logs: no errors since " + from);
    } else {
      ErrorTable.pretty(groups, cli.out);
    }
    cli.out.flush();
    return ExitCodes.OK;
  }
}
