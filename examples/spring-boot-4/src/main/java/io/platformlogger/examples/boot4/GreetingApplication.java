package io.platformlogger.examples.boot4;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A Spring Boot 4 service logging through SLF4J, with the same starter as on Boot 3.5. */
@SpringBootApplication
@RestController
public class GreetingApplication {
  private static final Logger log = LoggerFactory.getLogger(GreetingApplication.class);

  public static void main(String[] args) {
    SpringApplication.run(GreetingApplication.class, args);
  }

  @GetMapping("/greeting")
  public String greeting() {
    log.debug("building a greeting");
    log.info("greeting served");
    return "hello";
  }
}
