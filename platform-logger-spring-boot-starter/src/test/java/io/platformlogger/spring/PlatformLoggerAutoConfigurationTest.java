package io.platformlogger.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.server.WebFilter;

/** Each bean of the starter, with the property and the condition that switch it. */
class PlatformLoggerAutoConfigurationTest {
  private final ApplicationContextRunner plain =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PlatformLoggerAutoConfiguration.class));
  private final WebApplicationContextRunner servlet =
      new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(PlatformLoggerAutoConfiguration.class));
  private final ReactiveWebApplicationContextRunner reactive =
      new ReactiveWebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlatformLoggerAutoConfiguration.class));

  @Test
  void theShutdownFlushRunsAfterTheWebServerStopsWithTheConfiguredTimeout() {
    plain.withPropertyValues("platform-logger.spring.shutdown.flush-timeout=3s").run(ctx -> {
      assertThat(ctx).hasSingleBean(PipelineFlushLifecycle.class);
      PipelineFlushLifecycle flush = ctx.getBean(PipelineFlushLifecycle.class);
      // Lower phases stop later: web server graceful shutdown is DEFAULT_PHASE - 1024, its stop - 2048.
      assertThat(flush.getPhase()).isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 2048);
      assertThat(ctx.getBean(PlatformLoggerStarterProperties.class).getShutdown().getFlushTimeout())
          .isEqualTo(Duration.ofSeconds(3));
      assertThat(flush.isRunning()).isTrue();
      ctx.stop();
      assertThat(flush.isRunning()).isFalse();
      assertThat(flush.lastFlushCompleted()).isTrue();
    });
  }

  @Test
  void metersAreABeanByDefaultAndBindToARegistry() {
    plain.run(ctx -> {
      assertThat(ctx).hasSingleBean(PlatformLoggerMeters.class);
      MeterRegistry registry = new SimpleMeterRegistry();
      ctx.getBean(MeterBinder.class).bindTo(registry);
      assertThat(registry.find("platform.logger.entries").tag("level", "info").functionCounter()).isNotNull();
    });
  }

  @Test
  void metersCanBeSwitchedOff() {
    plain.withPropertyValues("platform-logger.spring.metrics.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(PlatformLoggerMeters.class));
  }

  @Test
  void metersNeedMicrometer() {
    plain.withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(PlatformLoggerMeters.class));
  }

  @Test
  void anApplicationsOwnMetersBeanWins() {
    PlatformLoggerMeters own = new PlatformLoggerMeters();
    plain.withBean(PlatformLoggerMeters.class, () -> own)
        .run(ctx -> assertThat(ctx.getBean(PlatformLoggerMeters.class)).isSameAs(own));
  }

  @Test
  void aServletApplicationGetsTheRequestContextFilterFirst() {
    servlet.run(ctx -> {
      assertThat(ctx).hasBean("platformLoggerRequestContextFilter");
      FilterRegistrationBean<?> registration = ctx.getBean("platformLoggerRequestContextFilter", FilterRegistrationBean.class);
      assertThat(registration.getFilter()).isInstanceOf(LogContextServletFilter.class);
      assertThat(registration.getOrder()).isLessThan(0);
      assertThat(ctx).doesNotHaveBean(LogContextWebFilter.class);
    });
  }

  @Test
  void theRequestContextFilterCanBeSwitchedOff() {
    servlet.withPropertyValues("platform-logger.spring.web.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean("platformLoggerRequestContextFilter"));
    reactive.withPropertyValues("platform-logger.spring.web.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(LogContextWebFilter.class));
  }

  @Test
  void aReactiveApplicationGetsTheWebFilterAndNoServletFilter() {
    reactive.run(ctx -> {
      assertThat(ctx).hasSingleBean(LogContextWebFilter.class);
      assertThat(ctx.getBeansOfType(WebFilter.class)).hasSize(1);
      assertThat(ctx).doesNotHaveBean("platformLoggerRequestContextFilter");
    });
  }

  @Test
  void aReactiveApplicationWithoutContextPropagationGetsNoWebFilter() {
    reactive.withClassLoader(new FilteredClassLoader(io.micrometer.context.ContextRegistry.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LogContextWebFilter.class));
  }

  @Test
  void aNonWebApplicationGetsNoFilter() {
    plain.run(ctx -> {
      assertThat(ctx).doesNotHaveBean("platformLoggerRequestContextFilter");
      assertThat(ctx).doesNotHaveBean(LogContextWebFilter.class);
    });
  }
}
