package io.platformlogger.examples.slf4japp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The switch from Logback is the dependency alone: SLF4J finds our provider by ServiceLoader. */
class ProviderBindingTest {
  @Test
  void slf4jBindsToPlatformLoggerWithoutAnyCodeOrConfiguration() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("io.platformlogger.core.slf4j.");
    assertThat(LoggerFactory.getLogger(OrdersHandler.class).getClass().getName())
        .startsWith("io.platformlogger.core.slf4j.");
  }
}
