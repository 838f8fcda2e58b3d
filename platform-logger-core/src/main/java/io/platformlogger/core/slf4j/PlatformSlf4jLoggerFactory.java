package io.platformlogger.core.slf4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Hands out one {@link PlatformSlf4jLogger} per name, created on first request and kept for the
 * life of the JVM (as Logback does). Thread-safe.
 */
final class PlatformSlf4jLoggerFactory implements ILoggerFactory {
  private final ConcurrentMap<String, PlatformSlf4jLogger> loggers = new ConcurrentHashMap<>();

  /** A null name gets the root logger rather than an exception. */
  @Override
  public Logger getLogger(String name) {
    String key = name != null ? name : Logger.ROOT_LOGGER_NAME;
    // get() first: computeIfAbsent may lock the bin even when the logger exists.
    PlatformSlf4jLogger logger = loggers.get(key);
    return logger != null ? logger : loggers.computeIfAbsent(key, PlatformSlf4jLogger::new);
  }
}
