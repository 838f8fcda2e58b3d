package io.platformlogger.cli;

import io.platformlogger.core.redact.Redactor;
import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.console.ConsoleSink;
import io.platformlogger.core.pipeline.LogPipeline;
import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code platform-logs} command line: {@code tail} follows the Redis stream; {@code query},
 * {@code export}, {@code errors} and {@code patterns} read PostgreSQL. One instance runs
 * one command at a time; {@link #stop()} may be called from any thread (a shutdown hook, a test)
 * and ends a running {@code tail -f} cleanly.
 */
@Command(
    name = "platform-logs",
    mixinStandardHelpOptions = true,
    versionProvider = PlatformLogs.Version.class,
    subcommands = {
      TailCommand.class, QueryCommand.class, ExportCommand.class, ErrorsCommand.class, PatternsCommand.class
    },
    description = "Watch and search platform-logger entries from the terminal.",
    footer = {
      "",
      "Exit codes: 0 done, 1 unexpected failure,",
      "            2 bad command line (nothing contacted),",
      "            3 server unreachable or login refused,",
      "            4 no such database, schema or log table."
    })
public final class PlatformLogs implements Runnable {
  final PrintStream out;
  final PrintStream err;
  final Map<String, String> env;
  final boolean terminal;
  private volatile boolean stopped;
  private volatile AutoCloseable running;

  @Spec CommandSpec spec;

  /**
   * @param env the environment variables to read settings from (System.getenv() in production)
   * @param terminal whether {@code out} is an interactive terminal (decides colour in auto mode)
   */
  public PlatformLogs(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.env = Map.copyOf(env);
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    LogPipeline quiet = quietLogging();
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PlatformLogs cli = new PlatformLogs(out, System.err, System.getenv(), isTerminal());
    Runtime.getRuntime().addShutdownHook(new Thread(cli::stop, "platform-logs-stop"));
    int code = cli.execute(args);
    out.flush();
    quiet.close();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never calls System.exit. */
  public int execute(String... args) {
    CommandLine cl = new CommandLine(this);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("platform-logs: " + Redactor.mask(ex.getMessage()));
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof CliException) {
            // Last line of defence: a message repeating a URL or a server's error never shows a password.
            err.println("platform-logs: " + Redactor.mask(ex.getMessage()));
            return ((CliException) ex).exitCode();
          }
          err.println("platform-logs: unexpected failure: " + Redactor.mask(String.valueOf(ex)));
          return ExitCodes.FAILURE;
        });
    try {
      return cl.execute(args);
    } finally {
      // The command closed what it ran; the shutdown hook's stop() must not close it again
      // (a second close makes Lettuce warn "Connection is already closed" on standard error).
      running = null;
    }
  }

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** Ends a running {@code tail -f}; idempotent. */
  public void stop() {
    stopped = true;
    AutoCloseable r = running;
    if (r != null) {
      try {
        r.close();
      } catch (Exception e) {
        // stopping anyway
      }
    }
  }

  boolean stopped() {
    return stopped;
  }

  void running(AutoCloseable resource) {
    running = resource;
    if (stopped) {
      stop();
    }
  }

  String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * Lettuce and Netty log through SLF4J, which is platform-logger itself: keep their chatter off
   * standard output (where the entries go) and show only their warnings, on standard error.
   */
  private static LogPipeline quietLogging() {
    LogPipeline p =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .service("platform-logs")
                    .level(Level.WARN)
                    .consoleEnabled(false)
                    .shutdownHook(false)
                    .build())
            .configuredSinks(false)
            .sink(ConsoleSink.builder().output(System.err).build(), Level.WARN)
            .fallbackOutput(System.err)
            .build();
    PlatformLoggers.install(p);
    return p;
  }

  /** Whether standard output is a terminal (JDK 22+ tells apart a redirected console). */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method m = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(m.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PlatformLogs.class.getPackage().getImplementationVersion();
      return new String[] {"platform-logs " + (v == null ? "(development build)" : v)};
    }
  }
}
