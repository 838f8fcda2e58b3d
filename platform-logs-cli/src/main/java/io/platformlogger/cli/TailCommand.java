package io.platformlogger.cli;

import io.platformlogger.core.LogEntry;
import io.platformlogger.redis.LogTail;
import io.platformlogger.redis.LogTailException;
import io.platformlogger.redis.TailFilter;
import io.platformlogger.redis.TailStart;
import io.platformlogger.redis.TailedEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code platform-logs tail}: print entries from the Redis stream, and with -f keep following. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Print the entries of the Redis stream; with -f keep following new ones.",
      "Prints all the stream holds, or from --since; like 'docker compose logs -f'."
    })
final class TailCommand implements Callable<Integer> {
  private static final Duration FOLLOW_WAIT = Duration.ofSeconds(1);

  @ParentCommand PlatformLogs cli;
  @Mixin RedisOptions redis;
  @Mixin FilterOptions filters;

  @Option(names = {"-f", "--follow"}, description = "keep printing new entries until interrupted")
  boolean follow;

  @Option(
      names = {"-n", "--lines"},
      paramLabel = "N",
      description = "of the entries already there, print only the last N matching ones")
  Integer lines;

  @Mixin EntryOutputOptions outputOptions;

  @Override
  public Integer call() throws Exception {
    if (lines != null && lines < 0) {
      throw new CliException(ExitCodes.USAGE, "--lines " + lines + " is negative: give 0 or more");
    }
    LogTail.Builder b = LogTail.builder();
    String url = redis.url(cli);
    try {
      b.uri(url);
      redis.streams(cli).forEach(s -> b.stream(s.trim()));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage() + " (set with " + redis.urlSource() + ")");
    }
    b.start(filters.since == null ? TailStart.beginning() : TailStart.since(filters.since));
    b.filter(
        TailFilter.builder()
            .levels(filters.levels)
            .services(filters.services)
            .tenants(filters.tenants)
            .grep(filters.grep)
            .build());
    EntryPrinter printer = outputOptions.printer(cli);
    try (LogTail tail = b.build()) {
      cli.running(tail);
      printHistory(tail, printer);
      if (follow) {
        follow(tail, printer);
      }
    }
    return ExitCodes.OK;
  }

  private void printHistory(LogTail tail, EntryPrinter printer) throws Exception {
    Deque<LogEntry> last = lines == null ? null : new ArrayDeque<>();
    try {
      for (List<TailedEntry> batch = tail.poll(Duration.ZERO);
          !batch.isEmpty();
          batch = tail.poll(Duration.ZERO)) {
        for (TailedEntry e : batch) {
          if (last == null) {
            printer.print(e.entry());
          } else if (lines > 0) {
            if (last.size() == lines) {
              last.removeFirst();
            }
            last.addLast(e.entry());
          }
        }
        printer.flush();
      }
    } catch (LogTailException e) {
      throw new CliException(
          ExitCodes.UNREACHABLE, e.getMessage() + " (check " + redis.urlSource() + ")");
    } catch (IllegalStateException stopped) {
      if (!cli.stopped()) {
        throw stopped;
      }
    }
    if (last != null) {
      for (LogEntry e : last) {
        printer.print(e);
      }
    }
    printer.flush();
  }

  private void follow(LogTail tail, EntryPrinter printer) throws Exception {
    boolean down = false;
    while (!cli.stopped()) {
      List<TailedEntry> batch;
      try {
        batch = tail.poll(FOLLOW_WAIT);
      } catch (LogTailException e) {
        if (!down) {
          cli.err.println("platform-logs: " + e.getMessage() + "; retrying");
          down = true;
        }
        continue;
      } catch (IllegalStateException closed) {
        break; // stop() closed the tail
      }
      if (down) {
        cli.err.println("platform-logs: reading again");
        down = false;
      }
      for (TailedEntry e : batch) {
        printer.print(e.entry());
      }
      printer.flush();
    }
  }
}
