package io.platformlogger.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own settings, {@code platform-logger.spring.*}; every other
 * {@code platform-logger.*} key is the core's (see {@link SpringPlatformLoggerConfig}). Bound by
 * Spring at start-up; read-only afterwards.
 */
@ConfigurationProperties(prefix = "platform-logger.spring")
public class PlatformLoggerStarterProperties {
  private final Web web = new Web();
  private final Metrics metrics = new Metrics();
  private final Shutdown shutdown = new Shutdown();

  public Web getWeb() {
    return web;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Shutdown getShutdown() {
    return shutdown;
  }

  /** Request context for Spring MVC and WebFlux. */
  public static class Web {
    /** Whether a filter opens a log context from each request's headers (tenant, user, request id, traceparent). */
    private boolean enabled = true;

    /** Whether a request without X-Request-Id (or X-Correlation-Id) gets a generated one, also put on the response. */
    private boolean generateRequestId = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isGenerateRequestId() {
      return generateRequestId;
    }

    public void setGenerateRequestId(boolean generateRequestId) {
      this.generateRequestId = generateRequestId;
    }
  }

  /** Micrometer meters. */
  public static class Metrics {
    /** Whether the pipeline's counters are registered as platform.logger.* meters. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Shutdown. */
  public static class Shutdown {
    /** How long the flush after the web server stopped may wait for the sinks. */
    private Duration flushTimeout = Duration.ofSeconds(10);

    public Duration getFlushTimeout() {
      return flushTimeout;
    }

    public void setFlushTimeout(Duration flushTimeout) {
      this.flushTimeout = flushTimeout;
    }
  }
}
