package io.platformlogger.cli;

/** The exit codes of {@code platform-logs}, documented in docs/cli.md. */
final class ExitCodes {
  /** Done (for {@code tail -f}: stopped by the user). */
  static final int OK = 0;
  /** An unexpected failure; the message says what happened. */
  static final int FAILURE = 1;
  /** Bad command line: unknown option, malformed filter, URL or time. Nothing was contacted. */
  static final int USAGE = 2;
  /** A server could not be reached (or refused to answer). */
  static final int UNREACHABLE = 3;
  /** The server answered but what to read is not there: no such database, schema or log table. */
  static final int NOT_FOUND = 4;
  /** PostgreSQL cancelled the query after {@code --query-timeout}: narrow it or raise the timeout. */
  static final int TIMEOUT = 5;

  private ExitCodes() {}
}
