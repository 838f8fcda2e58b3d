package io.platformlogger.core;

import java.util.Objects;

/**
 * The identity of one logging call site: source file, line, class and method. The source-location
 * annotation processor creates one constant per call site at compile time; without it, entries
 * carry no site. Used for the entry's source fields, per-site rate limiting and error signatures.
 *
 * <p>The instance is the identity: per-site rate limiting keys on it, so two calls written on one
 * line (equal sites: {@link #equals} compares the place) are limited separately. Supply a site by
 * hand only as a constant created once, never per call. Immutable and thread-safe.
 */
public final class LogSite {
  private final String sourceFile;
  private final int sourceLine;
  private final String sourceClass;
  private final String sourceMethod;

  private LogSite(String sourceFile, int sourceLine, String sourceClass, String sourceMethod) {
    this.sourceFile = sourceFile;
    this.sourceLine = sourceLine;
    this.sourceClass = sourceClass;
    this.sourceMethod = sourceMethod;
  }

  /** A site; {@code line} is 1-based. */
  public static LogSite of(String sourceFile, int line, String sourceClass, String sourceMethod) {
    return new LogSite(sourceFile, line, sourceClass, sourceMethod);
  }

  public String sourceFile() {
    return sourceFile;
  }

  public int sourceLine() {
    return sourceLine;
  }

  public String sourceClass() {
    return sourceClass;
  }

  public String sourceMethod() {
    return sourceMethod;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LogSite)) {
      return false;
    }
    LogSite s = (LogSite) o;
    return sourceLine == s.sourceLine
        && Objects.equals(sourceFile, s.sourceFile)
        && Objects.equals(sourceClass, s.sourceClass)
        && Objects.equals(sourceMethod, s.sourceMethod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceFile, sourceLine, sourceClass, sourceMethod);
  }

  @Override
  public String toString() {
    return sourceClass + "." + sourceMethod + "(" + sourceFile + ":" + sourceLine + ")";
  }
}
