package io.platformlogger.cli;

import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PatternQuery;
import io.platformlogger.postgres.PatternReport;
import io.platformlogger.postgres.PostgresLogStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code platform-logs patterns}: the message templates of the entries the filters select, mined
 * from the newest of them, with counts and a trend; the table goes to standard output, a one-line
 * summary of the sample to standard error.
 */
@Command(
    name = "patterns",
    mixinStandardHelpOptions = true,
    description = {
      "Print the message patterns of the stored entries the filters select:",
      "templates with <*> for the parts that vary, most entries first, with a",
      "trend over time and sample values. The newest --sample entries are mined."
    })
final class PatternsCommand implements Callable<Integer> {
  @ParentCommand PlatformLogs cli;
  @Mixin PostgresOptions pg;
  @Mixin QueryFilterOptions filters;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "mine the newest N matching entries, 1 to " + PatternQuery.MAX_SAMPLE + " (default 100000)")
  int sample = 100_000;

  @Option(
      names = "--bucket",
      paramLabel = "WIDTH",
      converter = PatternTable.BucketConverter.class,
      description = "width of a trend bucket: 30s, 5m, 1h, 1d (default: chosen for at most 60 buckets)")
  Duration bucket;

  @Option(names = "--limit", paramLabel = "N", description = "at most N patterns, 1 to 1000 (default 50)")
  int limit = 50;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "pretty (default: a table with sample values) or json (one pattern per line)")
  OutputFormat output = OutputFormat.pretty;

  @Override
  public Integer call() throws Exception {
    if (filters.oldestFirst) {
      throw new CliException(ExitCodes.USAGE, "--oldest-first does not apply to patterns: the newest entries are mined");
    }
    if (sample < 1 || sample > PatternQuery.MAX_SAMPLE) {
      throw new CliException(ExitCodes.USAGE, "--sample " + sample + ": use 1 to " + PatternQuery.MAX_SAMPLE);
    }
    if (limit < 1 || limit > 1000) {
      throw new CliException(ExitCodes.USAGE, "--limit " + limit + ": use 1 to 1000");
    }
    LogQuery filter = filters.builder().build();
    PatternQuery query = PatternQuery.of(filter).sampleSize(sample).bucket(bucket).limit(limit).build();
    PatternReport report;
    try (PostgresLogStore store = pg.open(cli)) {
      report = store.patterns(query);
    } catch (IllegalArgumentException tooManyBuckets) {
      throw new CliException(ExitCodes.USAGE, "--bucket " + PatternTable.duration(bucket) + ": "
          + tooManyBuckets.getMessage().replaceFirst("^bucket \\S+ ", ""));
    } catch (SQLException e) {
      throw pg.failure(e);
    }
    if (output == OutputFormat.json) {
      PatternTable.json(report, cli.out);
    } else if (report.patterns().isEmpty()) {
      cli.err.println("platform-logs: no entries match");
    } else {
      PatternTable.pretty(report, cli.out);
    }
    cli.out.flush();
    if (report.sampled() > 0) {
      cli.err.println(PatternTable.summary(report));
    }
    return ExitCodes.OK;
  }
}
