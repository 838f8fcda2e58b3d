package io.platformlogger.examples.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.spring.PlatformLoggingSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The starter built against Boot 3.5, unchanged, in a Boot 4.0 application. */
class Boot4Test {
  private static final HttpClient http = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeAll
  static void start() {
    app = new SpringApplicationBuilder(GreetingApplication.class)
        .properties("server.port=0", "platform-logger.sinks=memory", "platform-logger.console.enabled=false",
            "platform-logger.spool.enabled=false")
        .run();
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<LogEntry> greetings() {
    assertThat(PlatformLoggers.pipeline().flush(Duration.ofSeconds(10))).isTrue();
    return MemorySinkProvider.SINK.entries().stream()
        .filter(e -> GreetingApplication.class.getName().equals(e.loggerName())).toList();
  }

  @Test
  void bootFourUsesTheStartersLoggingSystemRequestContextAndActuatorLevels() throws Exception {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.0");
    assertThat(app.getBean(LoggingSystem.class)).isInstanceOf(PlatformLoggingSystem.class);

    HttpResponse<String> r = send("GET", "/greeting", null, "X-Tenant-Id", "acme", "X-Request-Id", "req-4");
    assertThat(r.body()).isEqualTo("hello");
    assertThat(r.headers().firstValue("X-Request-Id")).hasValue("req-4");
    assertThat(greetings()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("greeting served");
      assertThat(e.tenantId()).isEqualTo("acme");
      assertThat(e.requestId()).isEqualTo("req-4");
      assertThat(e.service()).isEqualTo("greetings");
    });

    String logger = "/actuator/loggers/" + GreetingApplication.class.getName();
    assertThat(send("POST", logger, "{\"configuredLevel\":\"DEBUG\"}").statusCode()).isEqualTo(204);
    send("GET", "/greeting", null, "X-Tenant-Id", "acme");
    assertThat(greetings()).extracting(LogEntry::message).contains("building a greeting");

    String metric = send("GET", "/actuator/metrics/platform.logger.entries?tag=level:info", null).body();
    assertThat(metric).contains("\"measurements\"");
  }
}
