package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.InMemorySink;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the application delivers what requests logged, once the web server has stopped. */
class ShutdownFlushTest {
  @Test
  void entriesLoggedByRequestsAreDeliveredWhenTheApplicationCloses() throws Exception {
    ConfigurableApplicationContext app =
        WebTestSupport.start(ServletRequestContextTest.MvcApp.class, "servlet", "server.shutdown=graceful");
    InMemorySink sink = MemorySinkProvider.last();
    int port = WebTestSupport.port(app);
    for (int i = 0; i < 3; i++) {
      assertThat(WebTestSupport.get(port, "/whoami?i=" + i, "X-Tenant-Id", "acme").statusCode()).isEqualTo(200);
    }
    // flush.interval is 1h and 3 entries are below flush.max-entries: nothing is delivered yet.
    assertThat(sink.entries()).noneMatch(e -> "served".equals(e.message()));
    app.close();
    assertThat(sink.entries()).filteredOn(e -> "served".equals(e.message()))
        .extracting(LogEntry::tenantId).containsExactly("acme", "acme", "acme");
  }
}
