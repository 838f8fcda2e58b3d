package io.platformlogger.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small order service: plain Spring Boot and SLF4J; the starter makes platform-logger its
 * logging system and {@code application.properties} sends entries to PostgreSQL.
 */
@SpringBootApplication
public class OrdersApplication {
  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }
}
