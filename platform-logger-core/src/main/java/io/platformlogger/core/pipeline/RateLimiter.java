package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogSite;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flood protection per call site, in the manner of Flogger's {@code atMostEvery}: at most {@code
 * max} entries per site per window; the rest are suppressed and their number is carried by the
 * next entry that gets through. A site is the compile-time {@link LogSite} instance when there is
 * one (by identity: two calls on one line have equal sites but are limited separately, as two
 * statements), otherwise the logger name plus the message template.
 *
 * <p>Thread-safe: one small lock per site, so different sites never contend.
 */
final class RateLimiter {
  private static final int MAX_SITES = 10_000;

  private final int max;
  private final long windowMillis;
  private final ConcurrentHashMap<Object, SiteState> sites = new ConcurrentHashMap<>();

  RateLimiter(int max, long windowMillis) {
    this.max = max;
    this.windowMillis = windowMillis;
  }

  /**
   * Returns -1 if the call must be suppressed, otherwise how many calls of this site were
   * suppressed since the last one that got through (usually 0).
   */
  int admit(LogSite site, String loggerName, String template, long nowMillis) {
    Object key = site != null ? new SiteKey(site) : new TemplateKey(loggerName, template);
    SiteState s = sites.get(key);
    if (s == null) {
      if (sites.size() >= MAX_SITES) {
        sites.clear(); // forgetting windows lets a few extra entries through; unbounded growth would be worse
      }
      s = sites.computeIfAbsent(key, k -> new SiteState());
    }
    synchronized (s) {
      if (nowMillis - s.windowStart >= windowMillis) {
        s.windowStart = nowMillis;
        s.count = 0;
      }
      if (s.count >= max) {
        s.suppressed++;
        return -1;
      }
      s.count++;
      int suppressed = s.suppressed;
      s.suppressed = 0;
      return suppressed;
    }
  }

  private static final class SiteState {
    long windowStart = Long.MIN_VALUE / 2;
    int count;
    int suppressed;
  }

  /**
   * A compile-time site by identity: {@link LogSite#equals} compares the place (file, line, class,
   * method), which two calls written on one line share; the processor gives each call its own
   * constant instance.
   */
  private static final class SiteKey {
    final LogSite site;

    SiteKey(LogSite site) {
      this.site = site;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SiteKey && ((SiteKey) o).site == site;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(site);
    }
  }

  private static final class TemplateKey {
    final String logger;
    final String template;

    TemplateKey(String logger, String template) {
      this.logger = logger;
      this.template = template;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TemplateKey
          && Objects.equals(logger, ((TemplateKey) o).logger)
          && Objects.equals(template, ((TemplateKey) o).template);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(logger) * 31 + Objects.hashCode(template);
    }
  }
}
