package io.platformlogger.spring;

import io.micrometer.context.ContextRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Hooks;

/**
 * The starter's beans: the shutdown flush, Micrometer meters, and the request-context filter for
 * Spring MVC or WebFlux, each switched by {@code platform-logger.spring.*} and by what is on the
 * classpath. (The logging system itself is not a bean: Boot finds it through
 * {@code META-INF/spring.factories} before any context exists.)
 */
@AutoConfiguration
@EnableConfigurationProperties(PlatformLoggerStarterProperties.class)
public class PlatformLoggerAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public PipelineFlushLifecycle platformLoggerFlushLifecycle(PlatformLoggerStarterProperties properties) {
    return new PipelineFlushLifecycle(properties.getShutdown().getFlushTimeout());
  }

  /** Meters; Boot's metrics auto-configuration binds every {@code MeterBinder} bean to its registries. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  @ConditionalOnProperty(prefix = "platform-logger.spring.metrics", name = "enabled", matchIfMissing = true)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    PlatformLoggerMeters platformLoggerMeters() {
      return new PlatformLoggerMeters();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = {"jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter"})
  @ConditionalOnProperty(prefix = "platform-logger.spring.web", name = "enabled", matchIfMissing = true)
  static class ServletRequestContext {
    @Bean
    @ConditionalOnMissingBean(name = "platformLoggerRequestContextFilter")
    FilterRegistrationBean<LogContextServletFilter> platformLoggerRequestContextFilter(
        PlatformLoggerStarterProperties properties) {
      FilterRegistrationBean<LogContextServletFilter> registration =
          new FilterRegistrationBean<>(new LogContextServletFilter(properties.getWeb().isGenerateRequestId()));
      // First, so that every other filter's entries carry the request's context.
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
      return registration;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass({WebFilter.class, Hooks.class, ContextRegistry.class})
  @ConditionalOnProperty(prefix = "platform-logger.spring.web", name = "enabled", matchIfMissing = true)
  static class ReactiveRequestContext {
    @Bean
    @ConditionalOnMissingBean
    LogContextWebFilter platformLoggerRequestContextWebFilter(PlatformLoggerStarterProperties properties) {
      // The accessor is also listed in META-INF/services for ContextRegistry.getInstance(); both are idempotent.
      ContextRegistry.getInstance().registerThreadLocalAccessor(new LogContextAccessor());
      Hooks.enableAutomaticContextPropagation();
      return new LogContextWebFilter(properties.getWeb().isGenerateRequestId());
    }
  }
}
