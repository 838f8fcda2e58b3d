package io.platformlogger.spring;

import java.time.Duration;
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
class ReactiveRequestContextTest extends RequestContextContract {
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
          .map(tick -> RequestContextContract.served(log, i));
    }
  }

  @Override
  ConfigurableApplicationContext startApplication() {
    return WebTestSupport.start(FluxApp.class, "reactive");
  }

  @Override
  int concurrentRequests() {
    return 60;
  }
}
