package io.platformlogger.core.location;

import io.platformlogger.core.LogSite;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * What the source-location processor calls instead of {@code org.slf4j.Logger}'s logging methods:
 * one static method per {@code Logger} method, taking the receiver first and the call's
 * {@link LogSite} last. When the logger is platform-logger's own, the entry carries the site; any
 * other logger (Logback, Log4j, SLF4J's substitute loggers) gets the plain call, so a rewritten
 * application works with every SLF4J provider. Argument handling mirrors SLF4J's
 * {@code AbstractLogger} exactly (a trailing throwable in two-argument and varargs calls is the
 * cause). Thread-safe; never throws for our logger (the plain call behaves as the provider does).
 *
 * <p>Generated from {@code Logger}'s method list; not meant to be called by hand.
 */
public final class Slf4jCalls {
  private Slf4jCalls() {}

  private static void args2(SiteAwareLogger p, LogSite site, Level level, Marker marker, String msg, Object a, Object b) {
    if (b instanceof Throwable) {
      p.logAt(site, level, marker, msg, new Object[] {a}, (Throwable) b);
    } else {
      p.logAt(site, level, marker, msg, new Object[] {a, b}, null);
    }
  }

  private static void argArray(SiteAwareLogger p, LogSite site, Level level, Marker marker, String msg, Object[] args) {
    Throwable t = MessageFormatter.getThrowableCandidate(args);
    if (t != null) {
      p.logAt(site, level, marker, msg, MessageFormatter.trimmedCopy(args), t);
    } else {
      p.logAt(site, level, marker, msg, args, null);
    }
  }

  // --- TRACE

  public static void trace(Logger logger, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled()) {
        p.logAt(site, Level.TRACE, null, msg, null, null);
      }
    } else {
      logger.trace(msg);
    }
  }

  public static void trace(Logger logger, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled()) {
        p.logAt(site, Level.TRACE, null, format, new Object[] {arg}, null);
      }
    } else {
      logger.trace(format, arg);
    }
  }

  public static void trace(Logger logger, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled()) {
        args2(p, site, Level.TRACE, null, format, arg1, arg2);
      }
    } else {
      logger.trace(format, arg1, arg2);
    }
  }

  public static void trace(Logger logger, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled()) {
        argArray(p, site, Level.TRACE, null, format, arguments);
      }
    } else {
      logger.trace(format, arguments);
    }
  }

  public static void trace(Logger logger, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled()) {
        p.logAt(site, Level.TRACE, null, msg, null, t);
      }
    } else {
      logger.trace(msg, t);
    }
  }

  public static void trace(Logger logger, Marker marker, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled(marker)) {
        p.logAt(site, Level.TRACE, marker, msg, null, null);
      }
    } else {
      logger.trace(marker, msg);
    }
  }

  public static void trace(Logger logger, Marker marker, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled(marker)) {
        p.logAt(site, Level.TRACE, marker, format, new Object[] {arg}, null);
      }
    } else {
      logger.trace(marker, format, arg);
    }
  }

  public static void trace(Logger logger, Marker marker, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled(marker)) {
        args2(p, site, Level.TRACE, marker, format, arg1, arg2);
      }
    } else {
      logger.trace(marker, format, arg1, arg2);
    }
  }

  public static void trace(Logger logger, Marker marker, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled(marker)) {
        argArray(p, site, Level.TRACE, marker, format, arguments);
      }
    } else {
      logger.trace(marker, format, arguments);
    }
  }

  public static void trace(Logger logger, Marker marker, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isTraceEnabled(marker)) {
        p.logAt(site, Level.TRACE, marker, msg, null, t);
      }
    } else {
      logger.trace(marker, msg, t);
    }
  }

  // --- DEBUG

  public static void debug(Logger logger, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled()) {
        p.logAt(site, Level.DEBUG, null, msg, null, null);
      }
    } else {
      logger.debug(msg);
    }
  }

  public static void debug(Logger logger, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled()) {
        p.logAt(site, Level.DEBUG, null, format, new Object[] {arg}, null);
      }
    } else {
      logger.debug(format, arg);
    }
  }

  public static void debug(Logger logger, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled()) {
        args2(p, site, Level.DEBUG, null, format, arg1, arg2);
      }
    } else {
      logger.debug(format, arg1, arg2);
    }
  }

  public static void debug(Logger logger, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled()) {
        argArray(p, site, Level.DEBUG, null, format, arguments);
      }
    } else {
      logger.debug(format, arguments);
    }
  }

  public static void debug(Logger logger, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled()) {
        p.logAt(site, Level.DEBUG, null, msg, null, t);
      }
    } else {
      logger.debug(msg, t);
    }
  }

  public static void debug(Logger logger, Marker marker, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled(marker)) {
        p.logAt(site, Level.DEBUG, marker, msg, null, null);
      }
    } else {
      logger.debug(marker, msg);
    }
  }

  public static void debug(Logger logger, Marker marker, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled(marker)) {
        p.logAt(site, Level.DEBUG, marker, format, new Object[] {arg}, null);
      }
    } else {
      logger.debug(marker, format, arg);
    }
  }

  public static void debug(Logger logger, Marker marker, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled(marker)) {
        args2(p, site, Level.DEBUG, marker, format, arg1, arg2);
      }
    } else {
      logger.debug(marker, format, arg1, arg2);
    }
  }

  public static void debug(Logger logger, Marker marker, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled(marker)) {
        argArray(p, site, Level.DEBUG, marker, format, arguments);
      }
    } else {
      logger.debug(marker, format, arguments);
    }
  }

  public static void debug(Logger logger, Marker marker, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isDebugEnabled(marker)) {
        p.logAt(site, Level.DEBUG, marker, msg, null, t);
      }
    } else {
      logger.debug(marker, msg, t);
    }
  }

  // --- INFO

  public static void info(Logger logger, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled()) {
        p.logAt(site, Level.INFO, null, msg, null, null);
      }
    } else {
      logger.info(msg);
    }
  }

  public static void info(Logger logger, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled()) {
        p.logAt(site, Level.INFO, null, format, new Object[] {arg}, null);
      }
    } else {
      logger.info(format, arg);
    }
  }

  public static void info(Logger logger, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled()) {
        args2(p, site, Level.INFO, null, format, arg1, arg2);
      }
    } else {
      logger.info(format, arg1, arg2);
    }
  }

  public static void info(Logger logger, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled()) {
        argArray(p, site, Level.INFO, null, format, arguments);
      }
    } else {
      logger.info(format, arguments);
    }
  }

  public static void info(Logger logger, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled()) {
        p.logAt(site, Level.INFO, null, msg, null, t);
      }
    } else {
      logger.info(msg, t);
    }
  }

  public static void info(Logger logger, Marker marker, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled(marker)) {
        p.logAt(site, Level.INFO, marker, msg, null, null);
      }
    } else {
      logger.info(marker, msg);
    }
  }

  public static void info(Logger logger, Marker marker, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled(marker)) {
        p.logAt(site, Level.INFO, marker, format, new Object[] {arg}, null);
      }
    } else {
      logger.info(marker, format, arg);
    }
  }

  public static void info(Logger logger, Marker marker, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled(marker)) {
        args2(p, site, Level.INFO, marker, format, arg1, arg2);
      }
    } else {
      logger.info(marker, format, arg1, arg2);
    }
  }

  public static void info(Logger logger, Marker marker, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled(marker)) {
        argArray(p, site, Level.INFO, marker, format, arguments);
      }
    } else {
      logger.info(marker, format, arguments);
    }
  }

  public static void info(Logger logger, Marker marker, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isInfoEnabled(marker)) {
        p.logAt(site, Level.INFO, marker, msg, null, t);
      }
    } else {
      logger.info(marker, msg, t);
    }
  }

  // --- WARN

  public static void warn(Logger logger, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled()) {
        p.logAt(site, Level.WARN, null, msg, null, null);
      }
    } else {
      logger.warn(msg);
    }
  }

  public static void warn(Logger logger, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled()) {
        p.logAt(site, Level.WARN, null, format, new Object[] {arg}, null);
      }
    } else {
      logger.warn(format, arg);
    }
  }

  public static void warn(Logger logger, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled()) {
        args2(p, site, Level.WARN, null, format, arg1, arg2);
      }
    } else {
      logger.warn(format, arg1, arg2);
    }
  }

  public static void warn(Logger logger, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled()) {
        argArray(p, site, Level.WARN, null, format, arguments);
      }
    } else {
      logger.warn(format, arguments);
    }
  }

  public static void warn(Logger logger, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled()) {
        p.logAt(site, Level.WARN, null, msg, null, t);
      }
    } else {
      logger.warn(msg, t);
    }
  }

  public static void warn(Logger logger, Marker marker, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled(marker)) {
        p.logAt(site, Level.WARN, marker, msg, null, null);
      }
    } else {
      logger.warn(marker, msg);
    }
  }

  public static void warn(Logger logger, Marker marker, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled(marker)) {
        p.logAt(site, Level.WARN, marker, format, new Object[] {arg}, null);
      }
    } else {
      logger.warn(marker, format, arg);
    }
  }

  public static void warn(Logger logger, Marker marker, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled(marker)) {
        args2(p, site, Level.WARN, marker, format, arg1, arg2);
      }
    } else {
      logger.warn(marker, format, arg1, arg2);
    }
  }

  public static void warn(Logger logger, Marker marker, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled(marker)) {
        argArray(p, site, Level.WARN, marker, format, arguments);
      }
    } else {
      logger.warn(marker, format, arguments);
    }
  }

  public static void warn(Logger logger, Marker marker, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isWarnEnabled(marker)) {
        p.logAt(site, Level.WARN, marker, msg, null, t);
      }
    } else {
      logger.warn(marker, msg, t);
    }
  }

  // --- ERROR

  public static void error(Logger logger, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled()) {
        p.logAt(site, Level.ERROR, null, msg, null, null);
      }
    } else {
      logger.error(msg);
    }
  }

  public static void error(Logger logger, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled()) {
        p.logAt(site, Level.ERROR, null, format, new Object[] {arg}, null);
      }
    } else {
      logger.error(format, arg);
    }
  }

  public static void error(Logger logger, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled()) {
        args2(p, site, Level.ERROR, null, format, arg1, arg2);
      }
    } else {
      logger.error(format, arg1, arg2);
    }
  }

  public static void error(Logger logger, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled()) {
        argArray(p, site, Level.ERROR, null, format, arguments);
      }
    } else {
      logger.error(format, arguments);
    }
  }

  public static void error(Logger logger, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled()) {
        p.logAt(site, Level.ERROR, null, msg, null, t);
      }
    } else {
      logger.error(msg, t);
    }
  }

  public static void error(Logger logger, Marker marker, String msg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled(marker)) {
        p.logAt(site, Level.ERROR, marker, msg, null, null);
      }
    } else {
      logger.error(marker, msg);
    }
  }

  public static void error(Logger logger, Marker marker, String format, Object arg, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled(marker)) {
        p.logAt(site, Level.ERROR, marker, format, new Object[] {arg}, null);
      }
    } else {
      logger.error(marker, format, arg);
    }
  }

  public static void error(Logger logger, Marker marker, String format, Object arg1, Object arg2, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled(marker)) {
        args2(p, site, Level.ERROR, marker, format, arg1, arg2);
      }
    } else {
      logger.error(marker, format, arg1, arg2);
    }
  }

  public static void error(Logger logger, Marker marker, String format, Object[] arguments, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled(marker)) {
        argArray(p, site, Level.ERROR, marker, format, arguments);
      }
    } else {
      logger.error(marker, format, arguments);
    }
  }

  public static void error(Logger logger, Marker marker, String msg, Throwable t, LogSite site) {
    if (logger instanceof SiteAwareLogger) {
      SiteAwareLogger p = (SiteAwareLogger) logger;
      if (p.isErrorEnabled(marker)) {
        p.logAt(site, Level.ERROR, marker, msg, null, t);
      }
    } else {
      logger.error(marker, msg, t);
    }
  }

}
