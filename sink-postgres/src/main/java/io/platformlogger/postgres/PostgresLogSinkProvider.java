package io.platformlogger.postgres;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link PostgresLogSink} from {@code sink.postgres.*} keys: {@code url} (required),
 * {@code user}, {@code password}, {@code schema}, {@code migrate}, {@code partition.interval}
 * ({@code month} or {@code week}), {@code partitions.ahead}, {@code pool.size},
 * {@code connection.timeout.ms}, {@code batch.size}, {@code future.skew.hours}. Stateless.
 */
public final class PostgresLogSinkProvider implements LogSinkProvider {
  private static final Set<String> KEYS = Set.of(
      "url", "user", "password", "schema", "migrate", "partition.interval", "partitions.ahead",
      "pool.size", "connection.timeout.ms", "batch.size", "future.skew.hours");

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public LogSink create(Map<String, String> p) {
    for (String key : p.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "sink.postgres." + key + " is not a setting of the postgres sink; use one of "
                + new java.util.TreeSet<>(KEYS));
      }
    }
    String url = p.get("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "sink.postgres.url is missing: set it to the server, such as jdbc:postgresql://db:5432/logs");
    }
    PostgresLogSink.Builder b = PostgresLogSink.builder().jdbcUrl(url.trim());
    try {
      if (p.containsKey("user")) b.username(p.get("user"));
      if (p.containsKey("password")) b.password(p.get("password"));
      if (p.containsKey("schema")) b.schema(p.get("schema").trim());
      if (p.containsKey("migrate")) b.migrate(bool("migrate", p.get("migrate")));
      if (p.containsKey("partition.interval")) {
        b.partitionInterval(PartitionInterval.parse("sink.postgres.partition.interval", p.get("partition.interval")));
      }
      if (p.containsKey("partitions.ahead")) b.partitionsAhead(integer("partitions.ahead", p.get("partitions.ahead")));
      if (p.containsKey("pool.size")) b.poolSize(integer("pool.size", p.get("pool.size")));
      if (p.containsKey("connection.timeout.ms")) {
        b.connectionTimeout(Duration.ofMillis(integer("connection.timeout.ms", p.get("connection.timeout.ms"))));
      }
      if (p.containsKey("batch.size")) b.maxBatchSize(integer("batch.size", p.get("batch.size")));
      if (p.containsKey("future.skew.hours")) {
        b.maxFutureSkew(Duration.ofHours(integer("future.skew.hours", p.get("future.skew.hours"))));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m.startsWith("sink.postgres.") ? m : "sink.postgres: " + m.replace("jdbcUrl", "url")
              .replace("maxBatchSize", "batch.size").replace("poolSize", "pool.size")
              .replace("partitionsAhead", "partitions.ahead")
              .replace("connectionTimeout", "connection.timeout.ms")
              .replace("maxFutureSkew", "future.skew.hours"), e);
    }
  }

  private static boolean bool(String key, String v) {
    String s = v == null ? "" : v.trim();
    if (s.equalsIgnoreCase("true")) return true;
    if (s.equalsIgnoreCase("false")) return false;
    throw new IllegalArgumentException("sink.postgres." + key + " is '" + v + "': use true or false");
  }

  private static int integer(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("sink.postgres." + key + " is '" + v + "': use a whole number");
    }
  }
}
