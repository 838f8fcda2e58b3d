package io.platformlogger.benchmarks.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import redis.embedded.RedisServer;

/**
 * An embedded Redis (127.0.0.1, a free port, no persistence) and an embedded PostgreSQL 17 (a fresh
 * data directory in a new temp directory, shared_buffers 256 MB, max_wal_size 2 GB) in the
 * benchmark's process, for one run. Started and closed by the benchmark's main thread.
 */
public final class EmbeddedServers implements AutoCloseable {
  private final RedisServer redis;
  private final String redisUrl;
  private final EmbeddedPostgres postgres;

  private EmbeddedServers(RedisServer redis, String redisUrl, EmbeddedPostgres postgres) {
    this.redis = redis;
    this.redisUrl = redisUrl;
    this.postgres = postgres;
  }

  /** Starts both; tempPrefix names the temp directory PostgreSQL's data goes into. */
  public static EmbeddedServers start(String tempPrefix) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RedisServer redis = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
    redis.start();
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(Files.createTempDirectory(tempPrefix).resolve("data")).setCleanDataDirectory(true)
          .setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "2GB").start();
      return new EmbeddedServers(redis, "redis://127.0.0.1:" + port, pg);
    } catch (IOException | RuntimeException e) {
      redis.stop();
      throw e;
    }
  }

  /** JDBC URL of database postgres as user postgres. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public String redisUrl() {
    return redisUrl;
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      redis.stop();
    }
  }
}
