package io.platformlogger.cli;

import io.platformlogger.core.Level;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The filters every reading command shares. */
final class FilterOptions {
  @Option(
      names = "--level",
      split = ",",
      paramLabel = "LEVEL",
      converter = Converters.LevelConverter.class,
      description = "only these levels, e.g. error,warn")
  List<Level> levels = List.of();

  @Option(names = "--service", split = ",", paramLabel = "NAME", description = "only these services")
  List<String> services = List.of();

  @Option(names = "--tenant", split = ",", paramLabel = "ID", description = "only these tenant ids")
  List<String> tenants = List.of();

  @Option(
      names = "--grep",
      paramLabel = "REGEX",
      converter = Converters.RegexConverter.class,
      description = "only entries whose message contains a match (Java regex)")
  Pattern grep;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      converter = Since.class,
      description = "start at a time: 10m, 2h, 7d back from now, or 2026-01-20T10:00:00Z")
  Instant since;
}
