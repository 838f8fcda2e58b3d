package io.platformlogger.cli;

import io.platformlogger.core.redact.Redactor;
import io.platformlogger.postgres.JdbcUrls;
import io.platformlogger.postgres.PostgresLogStore;
import io.platformlogger.postgres.QueryTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import picocli.CommandLine;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/**
 * Where the PostgreSQL log table is: flags, else environment variables, else the defaults. The CLI
 * opens one plain connection per command (no pool), so an unreachable server fails fast.
 */
final class PostgresOptions {
  static final String URL_ENV = "PLATFORM_LOGS_PG_URL";
  static final String USER_ENV = "PLATFORM_LOGS_PG_USER";
  static final String PASSWORD_ENV = "PLATFORM_LOGS_PG_PASSWORD";
  static final String SCHEMA_ENV = "PLATFORM_LOGS_PG_SCHEMA";
  static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";
  static final String DEFAULT_SCHEMA = "public";
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  @Option(
      names = "--pg-url",
      paramLabel = "URL",
      description = "jdbc:postgresql://host[:port]/database (env " + URL_ENV + "; default " + DEFAULT_URL + ")")
  String url;

  @Option(names = "--pg-user", paramLabel = "USER", description = "user name (env " + USER_ENV + ")")
  String user;

  @Option(
      names = "--pg-password",
      paramLabel = "PASSWORD",
      description = "password (env " + PASSWORD_ENV + ", which keeps it out of the process list)")
  String password;

  @Option(
      names = "--schema",
      paramLabel = "SCHEMA",
      description = "schema of the platform_logs table (env " + SCHEMA_ENV + "; default " + DEFAULT_SCHEMA + ")")
  String schema;

  @Option(
      names = "--query-timeout",
      paramLabel = "DURATION",
      converter = QueryTimeout.class,
      description = "how long PostgreSQL may work on one query before it is cancelled: 500ms, 30s, 2m"
          + " (default 5s)")
  Duration queryTimeout = PostgresLogStore.DEFAULT_QUERY_TIMEOUT;

  private String resolvedUrl;
  private String resolvedSchema;

  /** Checks the settings (nothing contacted yet) and returns a store reading through them. */
  PostgresLogStore open(PlatformLogs cli) throws CliException {
    resolvedUrl = pick(url, cli.env(URL_ENV), DEFAULT_URL);
    resolvedSchema = pick(schema, cli.env(SCHEMA_ENV), DEFAULT_SCHEMA);
    if (!resolvedUrl.startsWith("jdbc:postgresql:")) {
      throw new CliException(
          ExitCodes.USAGE,
          urlSource() + " is '" + Redactor.mask(resolvedUrl) + "': write a JDBC URL such as"
              + " jdbc:postgresql://localhost:5432/postgres");
    }
    try {
      JdbcUrls.check(urlSource(), resolvedUrl);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE, e.getMessage() + " (--pg-user / " + USER_ENV + ", --pg-password / " + PASSWORD_ENV + ")");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    try {
      ds.setURL(resolvedUrl);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE,
          urlSource() + " is '" + Redactor.mask(resolvedUrl) + "', which pgjdbc cannot parse: write"
              + " jdbc:postgresql://host[:port]/database");
    }
    String u = pick(user, cli.env(USER_ENV), null);
    String p = pick(password, cli.env(PASSWORD_ENV), null);
    if (u != null) {
      ds.setUser(u);
    }
    if (p != null) {
      ds.setPassword(p);
    }
    ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
    ds.setApplicationName("platform-logs");
    try {
      return PostgresLogStore.of(ds, resolvedSchema).setQueryTimeout(queryTimeout);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE, schemaSource() + ": " + e.getMessage());
    }
  }

  /** Turns a failed read into a message that says what to check, and its exit code. */
  CliException failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = "PostgreSQL at " + hostPart();
    if (e instanceof QueryTimeoutException) {
      return new CliException(
          ExitCodes.TIMEOUT,
          where + " cancelled the query after --query-timeout " + queryTimeout.toMillis() + " ms"
              + ": narrow --since/--until or the filters, or raise --query-timeout");
    }
    if (state.startsWith("08")) {
      return new CliException(
          ExitCodes.UNREACHABLE,
          "cannot connect to " + where + ": " + e.getMessage() + cause(e) + " (check " + urlSource() + ")");
    }
    if (state.startsWith("28")) {
      return new CliException(
          ExitCodes.UNREACHABLE,
          where + " refused the login: " + e.getMessage() + " (check --pg-user / " + USER_ENV
              + " and --pg-password / " + PASSWORD_ENV + ")");
    }
    if (state.equals("3D000")) {
      return new CliException(
          ExitCodes.NOT_FOUND,
          where + " has no such database: " + e.getMessage() + " (check " + urlSource() + ")");
    }
    if (state.equals("42P01") || state.equals("3F000")) {
      return new CliException(
          ExitCodes.NOT_FOUND,
          "no log table " + resolvedSchema + ".platform_logs in " + where + " (check "
              + schemaSource() + "; the PostgreSQL sink creates the table on its first write)");
    }
    return new CliException(
        ExitCodes.FAILURE, "reading " + where + " failed: " + e.getMessage() + " (SQLState " + state + ")");
  }

  /** pgjdbc's "The connection attempt failed." hides the reason (an unknown host, say) in the cause. */
  private static String cause(SQLException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root == e || e.getMessage() == null || !e.getMessage().startsWith("The connection attempt failed")) {
      return "";
    }
    String m = root.getMessage();
    return " (" + root.getClass().getSimpleName() + (m == null ? "" : ": " + m) + ")";
  }

  private String hostPart() {
    String rest = resolvedUrl.substring("jdbc:postgresql:".length());
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
    }
    int q = rest.indexOf('?');
    rest = q < 0 ? rest : rest.substring(0, q);
    int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
    return at < 0 ? rest : rest.substring(at + 1); // never user:password@
  }

  String urlSource() {
    return url != null ? "--pg-url" : URL_ENV + " / --pg-url";
  }

  private String schemaSource() {
    return schema != null ? "--schema" : SCHEMA_ENV + " / --schema";
  }

  private static String pick(String flag, String env, String fallback) {
    if (flag != null) {
      return flag.trim();
    }
    return env != null ? env : fallback;
  }

  /** Parses {@code --query-timeout}: a positive duration such as 500ms, 30s or 2m. */
  static final class QueryTimeout implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = Since.duration(value);
      if (d == null || d.toMillis() < 1) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a timeout: write a positive duration such as 500ms, 30s or 2m");
      }
      return d;
    }
  }
}
