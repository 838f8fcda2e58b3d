package io.platformlogger.core.pipeline;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.console.ConsoleSink;
import io.platformlogger.core.redact.Redactor;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints the pipeline's own reports, and entries that must not reach sinks (a sink's client
 * library logging), to stderr in the console sink's escaped one-line format. Writes directly on
 * the calling pipeline thread: these are rare, and stderr is the one place left when sinks fail.
 * Thread-safe.
 */
final class FallbackPrinter {
  private final ConsoleSink console;
  private final String service;
  private final Environment environment;

  FallbackPrinter(PrintStream out, String service, Environment environment) {
    this.console = ConsoleSink.builder().output(out).build();
    this.service = service;
    this.environment = environment;
  }

  /** A report of the pipeline's own; secrets in it (a sink's error repeating its URL) are masked. */
  void report(String message) {
    entry(
        LogEntry.builder()
            .level(Level.WARN)
            .message("platform-logger: " + Redactor.mask(message))
            .service(service)
            .environment(environment)
            .loggerName(Dispatcher.PIPELINE_LOGGER)
            .threadName(Thread.currentThread().getName())
            .build());
  }

  void entry(LogEntry e) {
    try {
      console.write(List.of(e));
    } catch (Exception | LinkageError ignored) {
      // stderr itself failed: nothing is left to tell
    }
  }
}
