package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import java.net.http.HttpResponse;
import java.util.List;
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

/** A Spring MVC application on Tomcat, started through Boot with the starter on a random port. */
class ServletRequestContextTest extends RequestContextContract {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Api.class)
  static class MvcApp {}

  @RestController
  static class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);

    @GetMapping("/whoami")
    String whoami(@RequestParam(defaultValue = "-1") int i) throws InterruptedException {
      Thread.sleep(Math.floorMod(i, 7)); // overlap the requests
      return RequestContextContract.served(log, i);
    }
  }

  @Override
  ConfigurableApplicationContext startApplication() {
    return WebTestSupport.start(MvcApp.class, "servlet");
  }

  @Override
  int concurrentRequests() {
    return 40;
  }

  @Test
  void bootUsesPlatformLoggerAsItsLoggingSystemWithTheApplicationNameAsService() {
    assertThat(app.getBean(org.springframework.boot.logging.LoggingSystem.class)).isInstanceOf(PlatformLoggingSystem.class);
  }

  @Test
  void aMalformedHeaderIsIgnoredAndReportedOnceNamingTheHeader() throws Exception {
    HttpResponse<String> r = WebTestSupport.get(port, "/whoami", "X-Tenant-Id", "acme corp; drop table");
    assertThat(r.body()).startsWith("null|");
    WebTestSupport.served();
    List<LogEntry> warnings = MemorySinkProvider.last().entries().stream()
        .filter(e -> "platform_logger.invalid_header".equals(e.eventType())).toList();
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.message()).contains("X-Tenant-Id");
      assertThat(w.requestId()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    });
  }

  @Test
  void logLevelsSetThroughBootTakeEffectOnTheNextRequest() throws Exception {
    org.springframework.boot.logging.LoggingSystem system = app.getBean(org.springframework.boot.logging.LoggingSystem.class);
    system.setLogLevel(Api.class.getName(), org.springframework.boot.logging.LogLevel.WARN);
    try {
      WebTestSupport.get(port, "/whoami", "X-Tenant-Id", "acme");
      assertThat(WebTestSupport.served()).isEmpty();
    } finally {
      system.setLogLevel(Api.class.getName(), null);
    }
    WebTestSupport.get(port, "/whoami", "X-Tenant-Id", "acme");
    assertThat(WebTestSupport.served()).hasSize(1);
  }
}
