package io.platformlogger.benchmarks.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.platformlogger.service.ApiKey;
import io.platformlogger.service.LogsService;
import io.platformlogger.service.ServiceSettings;
import java.util.List;

/**
 * {@link LogsService} as the benchmarks run it: on 127.0.0.1 and a free port, over schema
 * {@code public} through a HikariCP pool of 8, reading Redis stream {@link #STREAM}. The pool is
 * open for the benchmark's direct calls (the anchors). Started and closed by the main thread.
 */
public final class ServiceUnderTest implements AutoCloseable {
  /** The stream the service reads and the benchmarks write their live entries to. */
  public static final String STREAM = "bench:logs";

  private final HikariDataSource pool;
  private final LogsService service;

  private ServiceUnderTest(HikariDataSource pool, LogsService service) {
    this.pool = pool;
    this.service = service;
  }

  public static ServiceUnderTest start(String jdbcUrl, String redisUrl, List<ApiKey> keys) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setMaximumPoolSize(8);
    HikariDataSource pool = new HikariDataSource(hc);
    try {
      LogsService service = LogsService.builder().dataSource(pool, "public").redisUri(redisUrl).stream(STREAM)
          .apiKeys(keys).settings(ServiceSettings.defaults().withHost("127.0.0.1").withPort(0)).start();
      return new ServiceUnderTest(pool, service);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  public HikariDataSource pool() {
    return pool;
  }

  public int port() {
    return service.port();
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      pool.close();
    }
  }
}
