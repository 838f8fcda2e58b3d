package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/** SLF4J finds this provider through ServiceLoader and hands out its loggers. */
class PlatformSlf4jServiceProviderTest {

  @Test
  void isTheOnlyProviderServiceLoaderFinds() {
    List<SLF4JServiceProvider> found = new ArrayList<>();
    ServiceLoader.load(SLF4JServiceProvider.class).forEach(found::add);

    assertThat(found).singleElement().isInstanceOf(PlatformSlf4jServiceProvider.class);
  }

  @Test
  void loggerFactoryBindsToThisProvider() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(PlatformSlf4jLoggerFactory.class);
    assertThat(LoggerFactory.getLogger(PlatformSlf4jServiceProviderTest.class))
        .isInstanceOf(PlatformSlf4jLogger.class);
  }

  @Test
  void handsOutOneLoggerPerName() {
    Logger a = LoggerFactory.getLogger("com.acme.Orders");

    assertThat(a.getName()).isEqualTo("com.acme.Orders");
    assertThat(LoggerFactory.getLogger("com.acme.Orders")).isSameAs(a);
    assertThat(LoggerFactory.getLogger("com.acme.Payments")).isNotSameAs(a);
  }

  @Test
  void aNullNameGetsTheRootLogger() {
    Logger logger = new PlatformSlf4jLoggerFactory().getLogger(null);

    assertThat(logger.getName()).isEqualTo(Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void usesSlf4jsBasicMarkersAndTheLogContextMdc() {
    PlatformSlf4jServiceProvider provider = new PlatformSlf4jServiceProvider();
    provider.initialize();

    assertThat(provider.getRequestedApiVersion()).isEqualTo("2.0.99");
    assertThat(provider.getMarkerFactory()).isInstanceOf(BasicMarkerFactory.class);
    assertThat(provider.getMDCAdapter()).isInstanceOf(LogContextMdcAdapter.class);
    assertThat(MarkerFactory.getMarker("AUDIT").getName()).isEqualTo("AUDIT");
  }
}
