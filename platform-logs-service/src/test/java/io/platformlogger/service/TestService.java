package io.platformlogger.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformlogger.postgres.PostgresLogSink;
import io.platformlogger.postgres.TestDatabase;
import io.platformlogger.core.LogEntry;
import io.platformlogger.redis.RedisStreamLogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A {@link LogsService} on a free port over the suite's PostgreSQL (a schema of its own) and a
 * Redis (a stream of its own), with three keys: an admin key and one key each for tenants t1 and
 * t2. One per test class.
 */
final class TestService implements AutoCloseable {
  static final String ADMIN = "admin-key-0123456789";
  static final String T1 = "tenant-one-key-abcdef";
  static final String T2 = "tenant-two-key-ghijkl";

  final String schema = TestDatabase.newSchema();
  final String stream = "service-test:" + UUID.randomUUID();
  final String redisUrl;
  final LogsService service;
  final String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestService(String redisUrl, ServiceSettings settings) {
    this(redisUrl, settings, java.time.Clock.systemUTC());
  }

  TestService(String redisUrl, ServiceSettings settings, java.time.Clock clock) {
    this(redisUrl, settings, clock, TestDatabase.dataSource());
  }

  /** A service reading through {@code dataSource} (such as a pool the test inspects). */
  TestService(String redisUrl, ServiceSettings settings, java.time.Clock clock, javax.sql.DataSource dataSource) {
    this.redisUrl = redisUrl;
    // The sink creates the table; the service only reads.
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(List.of());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    service = LogsService.builder()
        .dataSource(dataSource, schema)
        .redisUri(redisUrl)
        .stream(stream)
        .apiKeys(List.of(
            ApiKey.admin(ApiKey.sha256Of(ADMIN)),
            ApiKey.forTenant(ApiKey.sha256Of(T1), "t1"),
            ApiKey.forTenant(ApiKey.sha256Of(T2), "t2")))
        .settings(settings.withHost("127.0.0.1").withPort(0))
        .clock(clock)
        .start();
    base = "http://127.0.0.1:" + service.port();
  }

  TestService(String redisUrl) {
    this(redisUrl, ServiceSettings.defaults());
  }

  void store(List<LogEntry> entries) throws Exception {
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(entries);
    }
  }

  RedisStreamLogSink redisSink() {
    return RedisStreamLogSink.builder().uri(redisUrl).stream(stream).build();
  }

  HttpResponse<String> get(String pathAndQuery, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b.GET().build());
  }

  HttpResponse<String> post(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b.POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JSON body of a 200 answer; fails the test with the body otherwise. */
  JsonNode json(String pathAndQuery, String key) {
    HttpResponse<String> r = get(pathAndQuery, key);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return parse(r.body());
  }

  static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    service.close();
  }
}
