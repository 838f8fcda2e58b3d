package io.platformlogger.loki;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import io.platformlogger.core.sink.SinkProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link LokiLogSink} from {@code sink.loki.*} keys (docs/loki.md). Stateless and
 * thread-safe; connects to nothing.
 */
public final class LokiLogSinkProvider implements LogSinkProvider {
  private static final Set<String> KEYS =
      Set.of("url", "tenant", "tenant-from-entry", "basic-user", "basic-password-env",
          "basic-password-file", "bearer-token-env", "bearer-token-file", "labels",
          "connect-timeout", "request-timeout", "max-line-bytes", "max-age", "max-future", "gzip",
          "max-batch-size", "max-retry-after");

  @Override
  public String name() {
    return "loki";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    SinkProperties p = new SinkProperties(name(), properties, KEYS);
    LokiLogSink.Builder b = LokiLogSink.builder();
    String url = p.required("url", "set it to Loki's address, such as http://loki:3100");
    try {
      b.url(url);
      b.tenant(p.string("tenant"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(p.key(e.getMessage().startsWith("url") ? "url" : "tenant")
          + e.getMessage().substring(e.getMessage().indexOf(' ')), e);
    }
    b.tenantFromEntry(p.bool("tenant-from-entry", false));
    auth(p, b);
    try {
      b.staticLabels(p.pairs("labels"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^staticLabels", p.key("labels")), e);
    }
    b.connectTimeout(p.duration("connect-timeout", java.time.Duration.ofSeconds(5), false));
    b.requestTimeout(p.duration("request-timeout", java.time.Duration.ofSeconds(10), false));
    b.maxLineBytes((int) p.number("max-line-bytes", 1024, Integer.MAX_VALUE, 256_000));
    b.maxAge(p.duration("max-age", java.time.Duration.ofDays(7), true));
    b.maxFuture(p.duration("max-future", java.time.Duration.ofMinutes(10), true));
    b.gzip(p.bool("gzip", true));
    b.maxBatchSize((int) p.number("max-batch-size", 1, 100_000, 1000));
    b.maxRetryAfter(p.duration("max-retry-after", java.time.Duration.ofMinutes(5), false));
    return b.build();
  }

  private static void auth(SinkProperties p, LokiLogSink.Builder b) {
    String user = p.string("basic-user");
    String passwordEnv = p.string("basic-password-env");
    String passwordFile = p.string("basic-password-file");
    String tokenEnv = p.string("bearer-token-env");
    String tokenFile = p.string("bearer-token-file");
    boolean basic = user != null || passwordEnv != null || passwordFile != null;
    boolean bearer = tokenEnv != null || tokenFile != null;
    if (basic && bearer) {
      throw new IllegalArgumentException(
          p.key("basic-*") + " and " + p.key("bearer-token-*") + " are both set: choose one way to authenticate");
    }
    try {
      if (basic) {
        if (user == null) {
          throw new IllegalArgumentException(p.key("basic-user") + " is required with a basic-auth password: set the user name");
        }
        if ((passwordEnv == null) == (passwordFile == null)) {
          throw new IllegalArgumentException(
              "set one of " + p.key("basic-password-env") + " (an environment variable's name) or "
                  + p.key("basic-password-file") + " (a file holding the password)");
        }
        b.basicAuth(user, passwordEnv, passwordFile == null ? null : Path.of(passwordFile));
      } else if (bearer) {
        if (tokenEnv != null && tokenFile != null) {
          throw new IllegalArgumentException(
              "set one of " + p.key("bearer-token-env") + " or " + p.key("bearer-token-file") + ", not both");
        }
        b.bearerToken(tokenEnv, tokenFile == null ? null : Path.of(tokenFile));
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("sink.") || e.getMessage().startsWith("set one")) {
        throw e;
      }
      throw new IllegalArgumentException(
          (basic ? p.key(passwordEnv != null ? "basic-password-env" : "basic-password-file")
              : p.key(tokenEnv != null ? "bearer-token-env" : "bearer-token-file")) + ": " + e.getMessage(), e);
    }
  }
}
