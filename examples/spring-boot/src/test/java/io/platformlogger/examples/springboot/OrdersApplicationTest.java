package io.platformlogger.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogStore;
import io.platformlogger.testkit.Await;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as it runs: real PostgreSQL (embedded), the application on a random port, HTTP
 * requests with tenant headers, and the entries read back through {@link PostgresLogStore}.
 */
class OrdersApplicationTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper json = new ObjectMapper();
  private static EmbeddedPostgres pg;
  private static ConfigurableApplicationContext app;
  private static PostgresLogStore store;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("orders-pg");
    pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("data"))
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
        .start();
    String url = pg.getJdbcUrl("postgres", "postgres");
    app = new SpringApplicationBuilder(OrdersApplication.class)
        .properties(
            "server.port=0",
            "ORDERS_LOG_DB_URL=" + url.substring(0, url.indexOf('?') > 0 ? url.indexOf('?') : url.length()),
            "platform-logger.flush.interval=100ms")
        .run();
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
    store = PostgresLogStore.connect(url, "postgres", "postgres", "public");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    PlatformLoggers.shutdown(); // what Boot's shutdown hook does at exit
    if (pg != null) {
      pg.close();
    }
  }

  private static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The tenant's entries once PostgreSQL has at least {@code atLeast} of them (flushed, then read until they arrive). */
  private static List<LogEntry> entriesOf(String tenant, int atLeast) {
    PlatformLoggers.pipeline().flush(Duration.ofSeconds(10));
    return Await.value(atLeast + " of " + tenant + "'s entries in PostgreSQL", () -> stored(tenant),
        found -> found.size() >= atLeast);
  }

  private static List<LogEntry> stored(String tenant) {
    try {
      return store.query(LogQuery.forTenant(tenant).minLevel(Level.TRACE).oldestFirst().build()).entries();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void requestEntriesAreStoredWithTenantRequestIdAndCallSite() throws Exception {
    HttpResponse<String> placed = send("POST", "/orders", "{\"item\":\"book\",\"quantity\":2}",
        "X-Tenant-Id", "acme", "X-User-Id", "u-7", "X-Request-Id", "req-1");
    assertThat(placed.statusCode()).isEqualTo(200);
    assertThat(placed.headers().firstValue("X-Request-Id")).hasValue("req-1");
    HttpResponse<String> other = send("POST", "/orders", "{\"item\":\"pen\",\"quantity\":1}", "X-Tenant-Id", "globex");
    String generated = other.headers().firstValue("X-Request-Id").orElseThrow();

    LogEntry acme = entriesOf("acme", 1).get(0);
    assertThat(acme.message()).isEqualTo("order placed for book");
    assertThat(acme.service()).isEqualTo("orders");
    assertThat(acme.userId()).isEqualTo("u-7");
    assertThat(acme.requestId()).isEqualTo("req-1");
    assertThat(acme.data()).containsEntry("quantity", 2L);
    assertThat(acme.sourceFile()).isEqualTo("OrderController.java");
    assertThat(acme.sourceLine()).isPositive();
    assertThat(acme.sourceMethod()).isEqualTo("place");
    assertThat(acme.loggerName()).isEqualTo(OrderController.class.getName());

    LogEntry globex = entriesOf("globex", 1).get(0);
    assertThat(globex.message()).isEqualTo("order placed for pen");
    assertThat(globex.requestId()).isEqualTo(generated);
  }

  @Test
  void aLevelChangedThroughActuatorTakesEffectOnTheNextRequest() throws Exception {
    String logger = "/actuator/loggers/" + OrderController.class.getPackageName();
    send("POST", "/orders", "{\"item\":\"quiet\",\"quantity\":1}", "X-Tenant-Id", "levels-before");
    assertThat(entriesOf("levels-before", 1)).extracting(LogEntry::level).containsOnly(Level.INFO);

    assertThat(send("POST", logger, "{\"configuredLevel\":\"DEBUG\"}").statusCode()).isEqualTo(204);
    JsonNode reported = json.readTree(send("GET", "/actuator/loggers/" + OrderController.class.getName(), null).body());
    assertThat(reported.get("effectiveLevel").asText()).isEqualTo("DEBUG");
    send("POST", "/orders", "{\"item\":\"loud\",\"quantity\":1}", "X-Tenant-Id", "levels-debug");
    assertThat(entriesOf("levels-debug", 2)).extracting(LogEntry::message)
        .containsExactly("validating order for loud", "order placed for loud");

    assertThat(send("POST", logger, "{\"configuredLevel\":null}").statusCode()).isEqualTo(204);
    send("POST", "/orders", "{\"item\":\"quiet again\",\"quantity\":1}", "X-Tenant-Id", "levels-after");
    assertThat(entriesOf("levels-after", 1)).extracting(LogEntry::message).containsExactly("order placed for quiet again");
  }

  @Test
  void theLoggerListingShowsTheRootAndTheApplicationsLoggers() throws Exception {
    send("GET", "/orders/424242", null, "X-Tenant-Id", "listing");
    JsonNode loggers = json.readTree(send("GET", "/actuator/loggers", null).body()).get("loggers");
    assertThat(loggers.get("ROOT").get("configuredLevel").asText()).isEqualTo("INFO");
    assertThat(loggers.get(OrderController.class.getName()).get("effectiveLevel").asText()).isEqualTo("INFO");
    assertThat(loggers.get("io.platformlogger.examples").get("configuredLevel").asText()).isEqualTo("INFO");
  }

  @Test
  void thePipelinesMetersAreServedByActuator() throws Exception {
    send("POST", "/orders", "{\"item\":\"metered\",\"quantity\":1}", "X-Tenant-Id", "metrics");
    entriesOf("metrics", 1);
    JsonNode written = json.readTree(send("GET", "/actuator/metrics/platform.logger.sink.written?tag=sink:postgres", null).body());
    assertThat(written.get("measurements").get(0).get("value").asDouble()).isPositive();
    JsonNode info = json.readTree(send("GET", "/actuator/metrics/platform.logger.entries?tag=level:info", null).body());
    assertThat(info.get("measurements").get(0).get("value").asDouble()).isPositive();
    JsonNode names = json.readTree(send("GET", "/actuator/metrics", null).body()).get("names");
    assertThat(names.toString()).contains("platform.logger.sink.backlog", "platform.logger.sink.oldest.undelivered.age",
        "platform.logger.shed", "platform.logger.spool.bytes");
  }

  @Test
  void theSinksOwnClientLibrariesNeverLogIntoTheStore() throws Exception {
    send("POST", "/orders", "{\"item\":\"x\",\"quantity\":1}", "X-Tenant-Id", "loop-check");
    entriesOf("loop-check", 1);
    List<LogEntry> all = store.query(LogQuery.allTenants().minLevel(Level.TRACE).pageSize(1000).build()).entries();
    assertThat(all).isNotEmpty();
    assertThat(all).extracting(LogEntry::loggerName)
        .noneMatch(n -> n != null && (n.startsWith("com.zaxxer.hikari") || n.startsWith("org.postgresql")));
    // Boot's own start-up entries arrived too, through the same pipeline.
    assertThat(all).extracting(LogEntry::loggerName).anyMatch(n -> n != null && n.startsWith("org.springframework"));
  }
}
