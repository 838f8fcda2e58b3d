package io.platformlogger.otlp;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import io.platformlogger.core.sink.SinkProperties;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates an {@link OtlpLogSink} from {@code sink.otlp.*} keys (docs/otlp.md). Stateless and
 * thread-safe; connects to nothing.
 */
public final class OtlpLogSinkProvider implements LogSinkProvider {
  private static final Set<String> KEYS =
      Set.of("endpoint", "headers", "headers-env", "compression", "timeout", "connect-timeout",
          "protocol", "max-batch-size", "resource-attributes");

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    return create(properties, System::getenv);
  }

  LogSink create(Map<String, String> properties, java.util.function.UnaryOperator<String> getenv) {
    SinkProperties p = new SinkProperties(name(), properties, KEYS);
    OtlpLogSink.Builder b = OtlpLogSink.builder();
    try {
      b.endpoint(p.required("endpoint", "set it to the collector's OTLP/HTTP address, such as http://collector:4318"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^endpoint", p.key("endpoint")), e);
    }
    headers(p, "headers", p.pairs("headers"), b);
    String env = p.string("headers-env");
    if (env != null) {
      String value = getenv.apply(env);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            p.key("headers-env") + ": environment variable " + env + " is not set: set it to name=value,... or name another");
      }
      Map<String, String> pairs;
      try {
        pairs = new SinkProperties(name(), Map.of("headers-env", value), Set.of("headers-env")).pairs("headers-env");
      } catch (IllegalArgumentException e) { // its message would quote the secret
        throw new IllegalArgumentException(
            p.key("headers-env") + ": environment variable " + env + " does not hold name=value,... pairs");
      }
      headers(p, "headers-env", pairs, b);
    }
    String compression = p.string("compression");
    if (compression != null) {
      switch (compression.toLowerCase(Locale.ROOT)) {
        case "gzip":
          b.gzip(true);
          break;
        case "none":
          b.gzip(false);
          break;
        default:
          throw new IllegalArgumentException(
              p.key("compression") + " '" + compression + "' is not accepted; accepted: gzip, none");
      }
    }
    b.timeout(p.duration("timeout", Duration.ofSeconds(10), false));
    b.connectTimeout(p.duration("connect-timeout", Duration.ofSeconds(10), false));
    String protocol = p.string("protocol");
    if (protocol != null) {
      switch (protocol.toLowerCase(Locale.ROOT)) {
        case "http/protobuf":
          b.protocol(OtlpLogSink.Protocol.HTTP_PROTOBUF);
          break;
        case "http/json":
          b.protocol(OtlpLogSink.Protocol.HTTP_JSON);
          break;
        default:
          throw new IllegalArgumentException(
              p.key("protocol") + " '" + protocol + "' is not accepted; accepted: http/protobuf, http/json"
                  + " (gRPC is not offered: the sink sends over the JDK's HTTP client)");
      }
    }
    b.maxBatchSize((int) p.number("max-batch-size", 1, 100_000, 512));
    b.resourceAttributes(p.pairs("resource-attributes"));
    return b.build();
  }

  private static void headers(SinkProperties p, String key, Map<String, String> headers, OtlpLogSink.Builder b) {
    headers.forEach((name, value) -> {
      try {
        b.header(name, value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(p.key(key) + ": " + e.getMessage(), e);
      }
    });
  }
}
