package io.platformlogger.core.location;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.LogStatement;
import io.platformlogger.core.PlatformLogger;
import java.util.Map;

/**
 * What the source-location processor calls instead of {@link PlatformLogger}'s methods: the logger
 * first, the call's {@link LogSite} last. Thread-safe; never throws (as {@code PlatformLogger}).
 */
public final class PlatformLoggerCalls {
  private PlatformLoggerCalls() {}

  public static void debug(PlatformLogger logger, String message, LogSite site) {
    logger.logAt(site, Level.DEBUG, message, null, null, (Object[]) null);
  }

  public static void debug(PlatformLogger logger, String message, Map<String, ?> data, LogSite site) {
    logger.logAt(site, Level.DEBUG, message, data, null, (Object[]) null);
  }

  public static void debug(PlatformLogger logger, String template, Object arg, LogSite site) {
    logger.logAt(site, Level.DEBUG, template, null, null, arg);
  }

  public static void debug(PlatformLogger logger, String template, Object arg1, Object arg2, LogSite site) {
    logger.logAt(site, Level.DEBUG, template, null, null, arg1, arg2);
  }

  public static void debug(PlatformLogger logger, String template, Object[] args, LogSite site) {
    logger.logAt(site, Level.DEBUG, template, null, null, args);
  }

  public static LogStatement atDebug(PlatformLogger logger, LogSite site) {
    return logger.atDebug().site(site);
  }

  public static void info(PlatformLogger logger, String message, LogSite site) {
    logger.logAt(site, Level.INFO, message, null, null, (Object[]) null);
  }

  public static void info(PlatformLogger logger, String message, Map<String, ?> data, LogSite site) {
    logger.logAt(site, Level.INFO, message, data, null, (Object[]) null);
  }

  public static void info(PlatformLogger logger, String template, Object arg, LogSite site) {
    logger.logAt(site, Level.INFO, template, null, null, arg);
  }

  public static void info(PlatformLogger logger, String template, Object arg1, Object arg2, LogSite site) {
    logger.logAt(site, Level.INFO, template, null, null, arg1, arg2);
  }

  public static void info(PlatformLogger logger, String template, Object[] args, LogSite site) {
    logger.logAt(site, Level.INFO, template, null, null, args);
  }

  public static LogStatement atInfo(PlatformLogger logger, LogSite site) {
    return logger.atInfo().site(site);
  }

  public static void warn(PlatformLogger logger, String message, LogSite site) {
    logger.logAt(site, Level.WARN, message, null, null, (Object[]) null);
  }

  public static void warn(PlatformLogger logger, String message, Map<String, ?> data, LogSite site) {
    logger.logAt(site, Level.WARN, message, data, null, (Object[]) null);
  }

  public static void warn(PlatformLogger logger, String template, Object arg, LogSite site) {
    logger.logAt(site, Level.WARN, template, null, null, arg);
  }

  public static void warn(PlatformLogger logger, String template, Object arg1, Object arg2, LogSite site) {
    logger.logAt(site, Level.WARN, template, null, null, arg1, arg2);
  }

  public static void warn(PlatformLogger logger, String template, Object[] args, LogSite site) {
    logger.logAt(site, Level.WARN, template, null, null, args);
  }

  public static void warn(PlatformLogger logger, String message, Throwable error, LogSite site) {
    logger.logAt(site, Level.WARN, message, null, error, (Object[]) null);
  }

  public static LogStatement atWarn(PlatformLogger logger, LogSite site) {
    return logger.atWarn().site(site);
  }

  public static void error(PlatformLogger logger, String message, LogSite site) {
    logger.logAt(site, Level.ERROR, message, null, null, (Object[]) null);
  }

  public static void error(PlatformLogger logger, String message, Map<String, ?> data, LogSite site) {
    logger.logAt(site, Level.ERROR, message, data, null, (Object[]) null);
  }

  public static void error(PlatformLogger logger, String template, Object arg, LogSite site) {
    logger.logAt(site, Level.ERROR, template, null, null, arg);
  }

  public static void error(PlatformLogger logger, String template, Object arg1, Object arg2, LogSite site) {
    logger.logAt(site, Level.ERROR, template, null, null, arg1, arg2);
  }

  public static void error(PlatformLogger logger, String template, Object[] args, LogSite site) {
    logger.logAt(site, Level.ERROR, template, null, null, args);
  }

  public static void error(PlatformLogger logger, String message, Throwable error, LogSite site) {
    logger.logAt(site, Level.ERROR, message, null, error, (Object[]) null);
  }

  public static void error(PlatformLogger logger, String message, Throwable error, Map<String, ?> data, LogSite site) {
    logger.logAt(site, Level.ERROR, message, data, error, (Object[]) null);
  }

  public static LogStatement atError(PlatformLogger logger, LogSite site) {
    return logger.atError().site(site);
  }

  public static LogStatement at(PlatformLogger logger, Level level, LogSite site) {
    return logger.at(level).site(site);
  }
}
