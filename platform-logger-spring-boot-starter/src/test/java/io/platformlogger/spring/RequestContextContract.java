package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every web stack the starter supports must do with a request's context, written once: a
 * subclass starts (through {@link WebTestSupport#start}) an application whose {@code GET
 * /whoami?i=N} logs {@code "served"} with data {@code i=N} and answers {@code tenant|requestId} as
 * its handler sees them. One application per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RequestContextContract {
  ConfigurableApplicationContext app;
  int port;

  /** What each {@code /whoami} handler does, on whichever thread serves it: logs "served", answers the context it sees. */
  static String served(Logger log, int i) {
    log.atInfo().addKeyValue("i", i).log("served");
    LogContext c = LogContext.current();
    return c.tenantId() + "|" + c.requestId();
  }

  /** Starts the application under test. */
  abstract ConfigurableApplicationContext startApplication();

  /** How many requests {@link #concurrentRequestsEachSeeOnlyTheirOwnContext} sends at once. */
  abstract int concurrentRequests();

  @BeforeAll
  void start() {
    app = startApplication();
    port = WebTestSupport.port(app);
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @BeforeEach
  void clear() {
    WebTestSupport.clear();
  }

  @Test
  void concurrentRequestsEachSeeOnlyTheirOwnContext() {
    WebTestSupport.concurrentRequestsNeverSeeEachOthersContext(port, concurrentRequests());
    assertThat(WebTestSupport.served()).allSatisfy(e -> assertThat(e.service()).isEqualTo("web-test"));
  }

  @Test
  void aRequestWithoutARequestIdGetsAGeneratedOneOnTheResponseAndItsEntries() throws Exception {
    HttpResponse<String> r = WebTestSupport.get(port, "/whoami", "X-Tenant-Id", "acme");
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).hasSize(36);
    assertThat(r.body()).isEqualTo("acme|" + id);
    assertThat(WebTestSupport.served()).singleElement().extracting(LogEntry::requestId).isEqualTo(id);
  }

  @Test
  void theContextIsClosedAfterTheResponseSoTheNextRequestOnTheThreadStartsEmpty() throws Exception {
    for (int i = 0; i < 20; i++) {
      WebTestSupport.get(port, "/whoami", "X-Tenant-Id", "acme");
      assertThat(WebTestSupport.get(port, "/whoami").body()).startsWith("null|");
    }
    // The test thread never had one either.
    assertThat(LogContext.current().tenantId()).isNull();
  }
}
