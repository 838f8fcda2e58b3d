package io.platformlogger.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Where the Redis stream is: flags, else environment variables, else the defaults. */
final class RedisOptions {
  static final String URL_ENV = "PLATFORM_LOGS_REDIS_URL";
  static final String STREAM_ENV = "PLATFORM_LOGS_STREAM";
  static final String DEFAULT_URL = "redis://localhost:6379";

  @Option(
      names = "--redis-url",
      paramLabel = "URL",
      description = "redis://[user:password@]host[:port][/db] (env " + URL_ENV + "; default " + DEFAULT_URL + ")")
  String url;

  @Option(
      names = "--stream",
      split = ",",
      paramLabel = "KEY",
      description = "stream key(s) to read (env " + STREAM_ENV + "; default platform:logs)")
  List<String> streams;

  String url(PlatformLogs cli) {
    if (url != null) {
      return url;
    }
    String fromEnv = cli.env(URL_ENV);
    return fromEnv != null ? fromEnv : DEFAULT_URL;
  }

  String urlSource() {
    return url != null ? "--redis-url" : URL_ENV + " / --redis-url";
  }

  List<String> streams(PlatformLogs cli) {
    if (streams != null && !streams.isEmpty()) {
      return streams;
    }
    String fromEnv = cli.env(STREAM_ENV);
    return fromEnv != null ? List.of(fromEnv.split(",")) : List.of("platform:logs");
  }
}
