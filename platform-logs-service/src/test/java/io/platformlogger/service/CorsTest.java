package io.platformlogger.service;

import static io.platformlogger.service.TestService.T1;
import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.postgres.TestDatabase;
import io.platformlogger.redis.TestRedis;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-origin calls from a browser page: with allowed origins configured, those origins (and only
 * those) get CORS headers, on the preflight as on the request; without, no origin gets any.
 */
@ExtendWith(TestDatabase.class)
class CorsTest {
  private static final String APP = "https://logs.example.com";
  private static TestService open;
  private static TestService closed;

  @BeforeAll
  static void start() {
    open = new TestService(TestRedis.url(), ServiceSettings.defaults().withCorsOrigins(List.of(APP, "http://localhost:5173")));
    closed = new TestService(TestRedis.url());
  }

  @AfterAll
  static void stop() {
    open.close();
    closed.close();
  }

  private static HttpResponse<String> send(TestService svc, String method, String origin, boolean withKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(svc.base + "/api/logs?level=error"))
        .timeout(Duration.ofSeconds(30)).header("Origin", origin).method(method, HttpRequest.BodyPublishers.noBody());
    if (withKey) {
      b.header("Authorization", "Bearer " + T1);
    } else { // a browser's preflight: no credentials, the method and headers the page wants to send
      b.header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization");
    }
    return svc.http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void anAllowedOriginPassesThePreflightAndReadsTheAnswer() {
    HttpResponse<String> preflight = send(open, "OPTIONS", APP, false);
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(header(preflight, "access-control-allow-origin")).isEqualTo(APP);
    assertThat(header(preflight, "access-control-allow-headers")).containsIgnoringCase("authorization");
    assertThat(preflight.body()).doesNotContain("entries");

    HttpResponse<String> get = send(open, "GET", "http://localhost:5173", true);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(header(get, "access-control-allow-origin")).isEqualTo("http://localhost:5173");
    assertThat(get.body()).contains("\"entries\"");
  }

  @Test
  void anOriginNotOnTheListGetsNoCorsHeaders() {
    HttpResponse<String> preflight = send(open, "OPTIONS", "https://evil.example", false);
    assertThat(header(preflight, "access-control-allow-origin")).isNull();
    HttpResponse<String> get = send(open, "GET", "https://evil.example", true);
    assertThat(header(get, "access-control-allow-origin")).isNull();
  }

  @Test
  void withoutConfiguredOriginsNoOriginGetsCorsHeaders() {
    HttpResponse<String> preflight = send(closed, "OPTIONS", APP, false);
    assertThat(header(preflight, "access-control-allow-origin")).isNull();
    assertThat(preflight.statusCode()).isGreaterThanOrEqualTo(400); // no preflight answer without CORS
    HttpResponse<String> get = send(closed, "GET", APP, true);
    assertThat(get.statusCode()).isEqualTo(200); // same-origin style use still works
    assertThat(header(get, "access-control-allow-origin")).isNull();
  }

  @Test
  void theCorsHeadersNeverLetARequestWithoutAKeyRead() {
    HttpResponse<String> get = send(open, "GET", APP, false);
    assertThat(get.statusCode()).isEqualTo(401);
    assertThat(get.body()).doesNotContain("entries");
  }
}
