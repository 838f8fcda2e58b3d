package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A WebFlux application on Netty: the request's context follows the reactive chain across
 * scheduler hops, and concurrent requests on the same event-loop threads never mix contexts.
 */
class ReactiveRequestContextTest {
  private static ConfigurableApplicationContext app;
  private static int port;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Api.class)
  static class FluxApp {}

  @RestController
  static class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);

    @GetMapping("/whoami")
    Mono<String> whoami(@RequestParam(defaultValue = "-1") int i) {
      // Two hops: a timer thread, then a bounded-elastic worker; the context must come along.
      return Mono.delay(Duration.ofMillis(Math.floorMod(i, 7)))
          .publishOn(Schedulers.boundedElastic())
          .map(tick -> {
            log.atInfo().addKeyValue("i", i).log("served");
            LogContext c = LogContext.current();
            return c.tenantId() + "|" + c.requestId();
          });
    }
  }

  @BeforeAll
  static void start() {
    app = WebTestSupport.start(FluxApp.class, "reactive");
    port = WebTestSupport.port(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void clear() {
    WebTestSupport.clear();
  }

  @Test
  void concurrentRequestsEachSeeOnlyTheirOwnContextAcrossThreadHops() {
    WebTestSupport.concurrentRequestsNeverSeeEachOthersContext(port, 60);
  }

  @Test
  void aRequestWithoutARequestIdGetsAGeneratedOne() throws Exception {
    HttpResponse<String> r = WebTestSupport.get(port, "/whoami", "X-Tenant-Id", "acme");
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(r.body()).isEqualTo("acme|" + id);
    assertThat(WebTestSupport.served()).singleElement().extracting(LogEntry::requestId).isEqualTo(id);
  }

  @Test
  void threadsDoNotKeepARequestsContextAfterwards() throws Exception {
    for (int i = 0; i < 20; i++) {
      WebTestSupport.get(port, "/whoami", "X-Tenant-Id", "acme");
      assertThat(WebTestSupport.get(port, "/whoami").body()).startsWith("null|");
    }
    // The test thread never had one either.
    assertThat(LogContext.current().tenantId()).isNull();
  }
}
