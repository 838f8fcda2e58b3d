package io.platformlogger.cli;

import io.platformlogger.core.Level;
import io.platformlogger.postgres.LogQuery;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/** The filters of the PostgreSQL commands ({@code query}, {@code export}). */
final class QueryFilterOptions {
  @Option(
      names = "--level",
      split = ",",
      paramLabel = "LEVEL",
      converter = Converters.LevelConverter.class,
      description = "only these levels, e.g. error,warn")
  List<Level> levels = List.of();

  @Option(
      names = "--service",
      split = ",",
      paramLabel = "NAME",
      description = "only these services (repeat or separate with commas)")
  List<String> services = List.of();

  @Option(
      names = "--tenant",
      split = ",",
      paramLabel = "ID",
      description = "only these tenants (repeat or separate with commas; or give --all-tenants)")
  List<String> tenants = List.of();

  @Option(names = "--all-tenants", description = "every tenant's entries (an administrator's view)")
  boolean allTenants;

  @Option(
      names = "--search",
      paramLabel = "TEXT",
      description = "full-text search of message and error type, web-search syntax: \"connection refused\" -timeout")
  String search;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      converter = Since.class,
      description = "entries at or after: 10m, 2h, 7d back from now, or 2026-01-20T10:00:00Z")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      converter = Since.class,
      description = "entries before: 10m, 2h back from now, or an ISO-8601 time")
  Instant until;

  @Option(names = "--trace", paramLabel = "ID", description = "only this trace id")
  String trace;

  @Option(names = "--oldest-first", description = "oldest entries first (default: newest first)")
  boolean oldestFirst;

  /** The query these options describe; a contradiction is a usage error, found before connecting. */
  LogQuery.Builder builder() throws CliException {
    LogQuery.Builder b;
    List<String> ids = new java.util.ArrayList<>();
    for (String t : tenants) {
      if (!t.isBlank()) {
        ids.add(t.trim());
      }
    }
    if (!ids.isEmpty() && allTenants) {
      throw new CliException(ExitCodes.USAGE, "--tenant and --all-tenants exclude each other: give one");
    } else if (allTenants) {
      b = LogQuery.allTenants();
    } else if (!ids.isEmpty()) {
      b = LogQuery.forTenants(ids);
    } else {
      throw new CliException(
          ExitCodes.USAGE, "no tenant given: add --tenant ID, or --all-tenants to read every tenant's entries");
    }
    checkRange(since, until);
    b.levels(levels.toArray(new Level[0]));
    for (String s : services) {
      if (!s.isBlank()) {
        b.service(s.trim());
      }
    }
    b.traceId(trace).text(search).from(since).to(until);
    if (oldestFirst) {
      b.oldestFirst();
    }
    return b;
  }

  static void checkRange(Instant since, Instant until) throws CliException {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new CliException(
          ExitCodes.USAGE,
          "--since (" + since + ") is not before --until (" + until + "): swap them or widen the range");
    }
  }
}
