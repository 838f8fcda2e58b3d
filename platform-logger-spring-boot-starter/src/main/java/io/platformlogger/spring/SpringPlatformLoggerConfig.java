package io.platformlogger.spring;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.config.ConfigLoader;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Builds the core configuration from a Spring {@link org.springframework.core.env.Environment}:
 * {@code platform-logger.properties} on the classpath, then every {@code platform-logger.<key>}
 * property Spring sees ({@code application.yml}, system properties, command-line arguments...),
 * then {@code PLATFORM_LOGGER_*} environment variables read by the core's own rules. Keys are the
 * core's (docs/configuration.md) and are checked by it: an unknown key or a bad value fails start-up
 * naming the key. {@code platform-logger.spring.*} belongs to the starter and is skipped.
 *
 * <p>Defaults that Spring knows better: the root level is INFO in every environment (as Boot
 * sets Logback's; {@code logging.level.root} or {@code platform-logger.level} change it), the service is {@code spring.application.name}, the
 * environment comes from the first active profile that names one, and the core's own JVM shutdown
 * hook is off while Boot's logging shutdown hook ({@code logging.register-shutdown-hook}, on by
 * default) closes the pipeline after the application context. Stateless.
 */
public final class SpringPlatformLoggerConfig {
  static final String PREFIX = "platform-logger.";
  static final String STARTER_PREFIX = PREFIX + "spring.";

  private SpringPlatformLoggerConfig() {}

  /** The configuration for {@code environment}. */
  public static PlatformLoggerConfig from(org.springframework.core.env.Environment environment) {
    Map<String, String> keys = properties(environment);
    // Boot's own default root level (Logback's under Boot): Spring's DEBUG output is not for every run.
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder().level(Level.INFO);
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    ConfigLoader.applyResource(b, cl != null ? cl : SpringPlatformLoggerConfig.class.getClassLoader(),
        ConfigLoader.RESOURCE);
    String app = environment.getProperty("spring.application.name");
    if (app != null && !app.isBlank() && !keys.containsKey("service")) {
      b.service(app.trim());
    }
    Environment fromProfile = fromProfiles(environment.getActiveProfiles());
    if (fromProfile != null && !keys.containsKey("environment")) {
      b.environment(fromProfile);
    }
    if (environment.getProperty("logging.register-shutdown-hook", Boolean.class, true)) {
      b.shutdownHook(false); // Boot's handler closes it, after the context (see PlatformLoggingSystem)
    }
    keys.forEach((k, v) -> ConfigLoader.apply(b, k, v, "Spring property " + PREFIX + k));
    ConfigLoader.applyEnvironment(b, System.getenv());
    return b.build();
  }

  /** The first active profile that names an environment, or null. */
  static Environment fromProfiles(String[] profiles) {
    for (String p : profiles) {
      switch (p.toLowerCase(Locale.ROOT)) {
        case "prod":
        case "production":
          return Environment.PRODUCTION;
        case "staging":
        case "stage":
          return Environment.STAGING;
        case "dev":
        case "development":
        case "local":
          return Environment.DEVELOPMENT;
        default:
          break;
      }
    }
    return null;
  }

  /**
   * {@code platform-logger.*} keys (prefix removed) from every enumerable source but the process
   * environment (read by the core's rules instead), each resolved through the environment so
   * precedence and placeholders apply.
   */
  static Map<String, String> properties(org.springframework.core.env.Environment environment) {
    Map<String, String> keys = new TreeMap<>();
    if (!(environment instanceof ConfigurableEnvironment configurable)) {
      return keys;
    }
    for (PropertySource<?> source : configurable.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)
          || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())) {
        continue;
      }
      Map<String, String> fromSource = new TreeMap<>();
      for (String name : enumerable.getPropertyNames()) {
        if (!name.startsWith(PREFIX) || name.startsWith(STARTER_PREFIX)) {
          continue;
        }
        String value = environment.getProperty(name);
        String key = name.substring(PREFIX.length());
        // A YAML list (sinks: [postgres, kafka]) arrives as sinks[0], sinks[1]: the core wants "a,b".
        int bracket = key.indexOf('[');
        if (bracket > 0 && key.endsWith("]") && value != null) {
          key = key.substring(0, bracket);
          String before = fromSource.get(key);
          value = before == null ? value : before + "," + value;
        }
        if (value != null) {
          fromSource.put(key, value);
        }
      }
      // Sources come highest precedence first: a key seen in an earlier one stays.
      fromSource.forEach(keys::putIfAbsent);
    }
    return keys;
  }
}
