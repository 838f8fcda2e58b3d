package io.platformlogger.location;

import io.platformlogger.core.LogSite;
import io.platformlogger.core.location.SiteAwareLogger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * An SLF4J logger that keeps the {@link LogSite} object each rewritten call hands it, so tests can
 * compare sites by identity (entries only carry the site's fields). A plain call, one the processor
 * did not rewrite, is recorded with a null site. Thread-safe.
 */
final class SiteRecordingLogger extends LegacyAbstractLogger implements SiteAwareLogger {
  private final List<LogSite> sites = new ArrayList<>();

  SiteRecordingLogger() {
    this.name = "sites";
  }

  @Override
  public void logAt(LogSite site, Level level, Marker marker, String template, Object[] args, Throwable throwable) {
    synchronized (sites) {
      sites.add(site);
    }
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
    synchronized (sites) {
      sites.add(null);
    }
  }

  /** The site of every call so far, in order (null for a call that was not rewritten). */
  List<LogSite> sites() {
    synchronized (sites) {
      return new ArrayList<>(sites);
    }
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
