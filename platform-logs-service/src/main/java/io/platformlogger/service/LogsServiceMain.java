package io.platformlogger.service;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone service: {@code java -jar platform-logs-service-<version>-all.jar}, configured by
 * flags or the {@code PLATFORM_LOGS_*} environment variables (a flag wins). Prints one line {@code
 * platform-logs-service listening on http://host:port} when ready and runs until SIGTERM or
 * SIGINT, on which it stops gracefully (streams closed with 1001). Exit codes: 0 stopped, 1 failed
 * while running, 2 bad setting, 3 PostgreSQL or Redis not reachable (the message names which).
 */
@Command(
    name = "platform-logs-service",
    mixinStandardHelpOptions = true,
    versionProvider = LogsServiceMain.Version.class,
    sortOptions = false,
    description = {
      "The platform-logs HTTP API and WebSocket stream over the PostgreSQL and Redis the sinks write.",
      "Every option can be given as the environment variable shown in brackets."
    })
public final class LogsServiceMain implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  @Option(names = "--host", defaultValue = "${env:PLATFORM_LOGS_HOST:-0.0.0.0}",
      description = "address to bind [PLATFORM_LOGS_HOST] (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "${env:PLATFORM_LOGS_PORT:-8080}",
      description = "port, 0 for a free one [PLATFORM_LOGS_PORT] (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--pg-url", defaultValue = "${env:PLATFORM_LOGS_PG_URL}",
      description = "jdbc:postgresql://host:5432/db [PLATFORM_LOGS_PG_URL] (required)")
  String pgUrl;

  @Option(names = "--pg-user", defaultValue = "${env:PLATFORM_LOGS_PG_USER}",
      description = "PostgreSQL user [PLATFORM_LOGS_PG_USER]")
  String pgUser;

  @Option(names = "--pg-password", defaultValue = "${env:PLATFORM_LOGS_PG_PASSWORD}",
      description = "PostgreSQL password [PLATFORM_LOGS_PG_PASSWORD]; prefer the variable")
  String pgPassword;

  @Option(names = "--schema", defaultValue = "${env:PLATFORM_LOGS_PG_SCHEMA:-public}",
      description = "schema the PostgreSQL sink writes [PLATFORM_LOGS_PG_SCHEMA] (default: ${DEFAULT-VALUE})")
  String schema;

  @Option(names = "--redis-url", defaultValue = "${env:PLATFORM_LOGS_REDIS_URL}",
      description = "redis://host:6379 [PLATFORM_LOGS_REDIS_URL] (required)")
  String redisUrl;

  @Option(names = "--stream", defaultValue = "${env:PLATFORM_LOGS_STREAM:-platform:logs}",
      description = "Redis stream key [PLATFORM_LOGS_STREAM] (default: ${DEFAULT-VALUE})")
  String stream;

  @Option(names = "--api-keys", defaultValue = "${env:PLATFORM_LOGS_API_KEYS}",
      description = "comma-separated <sha256>:<tenant> or <sha256>:* (admin) [PLATFORM_LOGS_API_KEYS] (required)")
  String apiKeys;

  @Option(names = "--cors-origins", defaultValue = "${env:PLATFORM_LOGS_CORS_ORIGINS}",
      description = "comma-separated origins allowed by CORS [PLATFORM_LOGS_CORS_ORIGINS] (default: none, CORS off)")
  String corsOrigins;

  @Option(names = "--signing-secret", defaultValue = "${env:PLATFORM_LOGS_SIGNING_SECRET}",
      description = "base64 or hex, at least 32 bytes, the same on every replica; signs cursors and stream tokens"
          + " [PLATFORM_LOGS_SIGNING_SECRET] (default: random per start)")
  String signingSecret;

  @Option(names = "--export-max-rows", defaultValue = "${env:PLATFORM_LOGS_EXPORT_MAX_ROWS:-1000000}",
      description = "most rows one export writes [PLATFORM_LOGS_EXPORT_MAX_ROWS] (default: ${DEFAULT-VALUE})")
  long exportMaxRows;

  @Option(names = "--export-timeout", defaultValue = "${env:PLATFORM_LOGS_EXPORT_TIMEOUT_SECONDS:-300}",
      description = "seconds PostgreSQL may work on one export [PLATFORM_LOGS_EXPORT_TIMEOUT_SECONDS] (default: ${DEFAULT-VALUE})")
  long exportTimeoutSeconds;

  @Option(names = "--query-timeout", defaultValue = "${env:PLATFORM_LOGS_QUERY_TIMEOUT_MILLIS:-5000}",
      description = "milliseconds PostgreSQL may work on one read (a page, an entry, context, histogram,"
          + " aggregates, patterns) before it is cancelled (503)"
          + " [PLATFORM_LOGS_QUERY_TIMEOUT_MILLIS] (default: ${DEFAULT-VALUE})")
  long queryTimeoutMillis;

  @Option(names = "--ping-interval", defaultValue = "${env:PLATFORM_LOGS_PING_INTERVAL_SECONDS:-15}",
      description = "seconds between pings of a WebSocket stream that is idle or whose client sent nothing"
          + " [PLATFORM_LOGS_PING_INTERVAL_SECONDS] (default: ${DEFAULT-VALUE})")
  long pingIntervalSeconds;

  @Option(names = "--stream-max-missed-pings", defaultValue = "${env:PLATFORM_LOGS_STREAM_MAX_MISSED_PINGS:-3}",
      description = "pings in a row a stream client may leave unanswered before it is dropped as vanished"
          + " [PLATFORM_LOGS_STREAM_MAX_MISSED_PINGS] (default: ${DEFAULT-VALUE})")
  int streamMaxMissedPings;

  private final CountDownLatch stop = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new LogsServiceMain());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> e instanceof LogsServiceException l
        ? (l.dependency() == null ? USAGE : UNREACHABLE) : FAILURE);
    cl.setExecutionExceptionHandler((e, c, parsed) -> {
      c.getErr().println("platform-logs-service: " + e.getMessage());
      return c.getExitCodeExceptionMapper().getExitCode(e);
    });
    cl.setParameterExceptionHandler((e, args2) -> {
      e.getCommandLine().getErr().println("platform-logs-service: " + e.getMessage());
      e.getCommandLine().getErr().println("see --help");
      return USAGE;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    LogsService.Builder b = LogsService.builder();
    if (pgUrl == null || pgUrl.isBlank()) {
      throw new LogsServiceException(null, "no PostgreSQL URL: set --pg-url or PLATFORM_LOGS_PG_URL to jdbc:postgresql://host:5432/db", null);
    }
    if (redisUrl == null || redisUrl.isBlank()) {
      throw new LogsServiceException(null, "no Redis URL: set --redis-url or PLATFORM_LOGS_REDIS_URL to redis://host:6379", null);
    }
    if (apiKeys == null || apiKeys.isBlank()) {
      throw new LogsServiceException(null, "no API keys: set --api-keys or PLATFORM_LOGS_API_KEYS to <sha256>:<tenant>,<sha256>:* (admin)", null);
    }
    try {
      List<ApiKey> keys = new ArrayList<>();
      for (String k : apiKeys.split(",")) {
        if (!k.isBlank()) {
          keys.add(ApiKey.parse(k.trim()));
        }
      }
      List<String> origins = new ArrayList<>();
      if (corsOrigins != null) {
        for (String o : corsOrigins.split(",")) {
          if (!o.isBlank()) {
            origins.add(o.trim());
          }
        }
      }
      ServiceSettings.Limits d = ServiceSettings.Limits.defaults();
      ServiceSettings settings = new ServiceSettings(host, port, origins, new ServiceSettings.Limits(
          exportMaxRows, Duration.ofSeconds(exportTimeoutSeconds), d.streamBufferMessages(),
          d.streamTokenTtl(), Duration.ofSeconds(pingIntervalSeconds), Duration.ofMillis(queryTimeoutMillis),
          streamMaxMissedPings));
      b.jdbc(new JdbcSettings(pgUrl, pgUser, pgPassword, schema)).redisUri(redisUrl).stream(stream)
          .apiKeys(keys).settings(settings);
      if (signingSecret != null && !signingSecret.isBlank()) {
        b.signingSecret(secret(signingSecret.trim()));
      }
    } catch (IllegalArgumentException e) {
      throw new LogsServiceException(null, e.getMessage(), e);
    }
    LogsService service = b.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stop.countDown();
    }, "platform-logs-service-stop"));
    System.out.println("platform-logs-service listening on http://" + host + ":" + service.port());
    System.out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  private static byte[] secret(String s) {
    byte[] b;
    if (s.matches("[0-9a-fA-F]+") && s.length() % 2 == 0) {
      b = HexFormat.of().parseHex(s);
    } else {
      try {
        b = Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--signing-secret is neither hex nor base64: give at least 32 random bytes in either");
      }
    }
    if (b.length < 32) {
      throw new IllegalArgumentException("--signing-secret has " + b.length + " bytes: give at least 32");
    }
    return b;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = LogsServiceMain.class.getPackage().getImplementationVersion();
      return new String[] {"platform-logs-service " + (v == null ? "(development build)" : v)};
    }
  }
}
