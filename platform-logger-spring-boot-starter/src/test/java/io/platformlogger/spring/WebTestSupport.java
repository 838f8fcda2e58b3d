package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Requests against a started application and what its pipeline stored. */
final class WebTestSupport {
  static final String[] PROPERTIES = {
    "server.port=0",
    "spring.application.name=web-test",
    "platform-logger.sinks=memory",
    "platform-logger.console.enabled=false",
    "platform-logger.spool.enabled=false",
    "platform-logger.flush.interval=1h", // only explicit flushes deliver: the shutdown flush is observable
  };

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private WebTestSupport() {}

  /** Starts {@code application} through Boot with {@link #PROPERTIES} as a {@code webType} application. */
  static ConfigurableApplicationContext start(Class<?> application, String webType, String... more) {
    return new SpringApplicationBuilder(application)
        .properties(PROPERTIES)
        .properties("spring.main.web-application-type=" + webType)
        .properties(more)
        .run();
  }

  static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  /** Delivers what is pending, then empties the sink. */
  static void clear() {
    served();
    MemorySinkProvider.last().clear();
  }

  static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@code n} requests at once, request i carrying tenant t{@code i} and request id r{@code i}:
   * each response must name its own tenant and request id, as seen by the handler after a thread
   * hop, and each handler's entry must carry them too.
   */
  static void concurrentRequestsNeverSeeEachOthersContext(int port, int n) {
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/whoami?i=" + i))
          .header("X-Tenant-Id", "t" + i)
          .header("X-Request-Id", "r" + i)
          .timeout(Duration.ofSeconds(30))
          .build();
      responses.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = responses.get(i).join();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("t" + i + "|r" + i);
      assertThat(r.headers().firstValue("X-Request-Id")).hasValue("r" + i);
    }
    List<LogEntry> served = served();
    assertThat(served).hasSize(n);
    for (LogEntry e : served) {
      Object i = e.data().get("i");
      assertThat(e.tenantId()).as("entry %s", e).isEqualTo("t" + i);
      assertThat(e.requestId()).isEqualTo("r" + i);
    }
  }

  static List<LogEntry> served() {
    assertThat(PlatformLoggers.pipeline().flush(Duration.ofSeconds(10))).isTrue();
    return MemorySinkProvider.last().entries().stream().filter(e -> "served".equals(e.message())).toList();
  }
}
