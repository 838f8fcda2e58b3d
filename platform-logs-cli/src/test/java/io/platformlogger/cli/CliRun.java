package io.platformlogger.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One in-process run of the CLI with captured standard output and error. */
final class CliRun {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PlatformLogs cli;
  int exitCode = -1;

  CliRun(Map<String, String> env, boolean terminal) {
    cli =
        new PlatformLogs(
            new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8),
            env,
            terminal);
  }

  static CliRun run(String... args) {
    return run(Map.of(), args);
  }

  static CliRun run(Map<String, String> env, String... args) {
    CliRun r = new CliRun(env, false);
    r.exitCode = r.cli.execute(args);
    return r;
  }

  /** Starts a long-running command (tail -f) on another thread. */
  CompletableFuture<Integer> start(String... args) {
    return CompletableFuture.supplyAsync(() -> exitCode = cli.execute(args));
  }

  String out() {
    synchronized (outBytes) {
      return outBytes.toString(StandardCharsets.UTF_8);
    }
  }

  String err() {
    synchronized (errBytes) {
      return errBytes.toString(StandardCharsets.UTF_8);
    }
  }
}
